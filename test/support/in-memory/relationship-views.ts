// In-memory RelationshipViewRepository, mirroring CosmosRelationshipViewRepository and its change-feed projector: the
// customer's copy of each relationship in its own partition of `customer-views`, written only from a newer version of
// the source item (a redelivered or older change leaves it), listed newest first. The world feeds it the changes of
// partner-data when it settles (`InMemoryWorld.settle`), as the Cosmos DB trigger does within a feed poll.
import type { JSONObject } from '@azure/cosmos';
import type { Page, PageRequest } from '../../../shared/platform/persistence/versioned.js';
import type { Relationship } from '../../../shared/features/relationships/relationship.js';
import { relationshipOfDoc } from '../../../shared/features/relationships/relationship-repository.js';
import type { RelationshipViewRepository } from '../../../shared/features/relationships/relationship-views.js';
import type { InMemoryContainer } from './container.js';
import { descendingBy, pageOf } from './paging.js';

interface RelationshipViewDoc {
  id: string;
  type: 'relationship';
  customerTenantId: string;
  partnerId: string;
  createdAt: string;
  sourceVersion: number;
  relationship: Relationship;
}

/** As the adapter: a customer has a handful of partners; this bounds the read of all of them. */
const MAX_PARTNERS_READ = 500;

export class InMemoryRelationshipViewRepository implements RelationshipViewRepository {
  constructor(private readonly container: InMemoryContainer) {}

  async listForCustomer(customerTenantId: string, page: PageRequest): Promise<Page<Relationship>> {
    const items = this.views(customerTenantId)
      .sort(descendingBy((v) => v.createdAt))
      .map((v) => v.relationship);
    return pageOf(items, page, `relationship-views|${customerTenantId}`);
  }

  async allForCustomer(customerTenantId: string): Promise<Relationship[]> {
    return this.views(customerTenantId)
      .slice(0, MAX_PARTNERS_READ)
      .map((v) => v.relationship);
  }

  /** The projector: copies a changed partner-data item at `sourceVersion` if it is a relationship (idempotent). */
  project(item: JSONObject, sourceVersion: number): void {
    const found = relationshipOfDoc(item);
    if (!found) return;
    const relationship = found.value;
    const stored = this.container.read<RelationshipViewDoc>(relationship.customerTenantId, relationship.id);
    if (stored && stored.doc.sourceVersion >= sourceVersion) return;
    const view: RelationshipViewDoc = {
      id: relationship.id,
      type: 'relationship',
      customerTenantId: relationship.customerTenantId,
      partnerId: relationship.partnerId,
      createdAt: relationship.createdAt,
      sourceVersion,
      relationship,
    };
    if (stored) this.container.replace(view as unknown as JSONObject, stored.etag);
    else this.container.create(view as unknown as JSONObject);
  }

  private views(customerTenantId: string): RelationshipViewDoc[] {
    return this.container.query<RelationshipViewDoc>((d) => d.type === 'relationship', customerTenantId).map((i) => i.doc);
  }
}
