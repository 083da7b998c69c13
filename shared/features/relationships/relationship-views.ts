// The customer's copy of its relationships, in its own partition of `customer-views`, kept by the change feed of
// `partner-data` (functions/project-customer-views.ts): listing a customer's partners reads one partition, whatever
// the number of partners and their data. The relationship in the partner's partition stays the truth — every change
// and every check of what a partner may do reads it there; this copy serves the customer's list (and the MPSA peers
// of an order list), and catches up within a feed poll of a change (see the README, "The customer's view").
import type { Container } from '@azure/cosmos';
import {
  sourceVersionOf,
  writeIfNewer,
  type ChangeProjectorRegistry,
  type ViewItem,
} from '../../platform/persistence/change-feed.js';
import { queryPage, withoutSystemFields } from '../../platform/persistence/cosmos.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import type { Relationship } from './relationship.js';
import { relationshipOfDoc } from './relationship-repository.js';

interface RelationshipViewDoc extends ViewItem {
  type: 'relationship';
  customerTenantId: string;
  partnerId: string;
  createdAt: string;
  relationship: Relationship;
}

/** A customer has a handful of partners; this bounds the read of all of them. */
const MAX_PARTNERS_READ = 500;

/** The customer's copy of its relationships (port; the Cosmos adapter below). */
export interface RelationshipViewRepository {
  /** The customer's relationships, newest first. */
  listForCustomer(customerTenantId: string, page: PageRequest): Promise<Page<Relationship>>;
  /** All of them (at most a few hundred): the MPSA sharing peers of an order list. */
  allForCustomer(customerTenantId: string): Promise<Relationship[]>;
}

export class CosmosRelationshipViewRepository implements RelationshipViewRepository {
  constructor(private readonly container: Container) {}

  async listForCustomer(customerTenantId: string, page: PageRequest): Promise<Page<Relationship>> {
    return queryPage<RelationshipViewDoc, Relationship>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.customerTenantId = @t AND c.type = 'relationship' ORDER BY c.createdAt DESC",
        parameters: [{ name: '@t', value: customerTenantId }],
      },
      page,
      (doc) => withoutSystemFields(doc).relationship,
      customerTenantId,
    );
  }

  async allForCustomer(customerTenantId: string): Promise<Relationship[]> {
    const { resources } = await this.container.items
      .query<RelationshipViewDoc>(
        {
          query: "SELECT * FROM c WHERE c.customerTenantId = @t AND c.type = 'relationship'",
          parameters: [{ name: '@t', value: customerTenantId }],
        },
        { partitionKey: customerTenantId, maxItemCount: MAX_PARTNERS_READ },
      )
      .fetchNext();
    return resources.map((doc) => doc.relationship);
  }

  /** The projector of relationship items: each changed relationship copied into its customer's partition. */
  projectors(): ChangeProjectorRegistry {
    return {
      relationship: async (item) => {
        const found = relationshipOfDoc(item);
        if (!found) return;
        const relationship = found.value;
        const view: RelationshipViewDoc = {
          id: relationship.id,
          type: 'relationship',
          customerTenantId: relationship.customerTenantId,
          partnerId: relationship.partnerId,
          createdAt: relationship.createdAt,
          sourceVersion: sourceVersionOf(item),
          relationship,
        };
        await writeIfNewer(this.container, relationship.customerTenantId, view);
      },
    };
  }
}
