// In-memory RelationshipRepository, mirroring CosmosRelationshipRepository: one item per (partner, customer) in the
// partner's partition, carrying the derived `gdapCheckAt` the GDAP timer's due query reads.
import type { JSONObject } from '@azure/cosmos';
import { isConflict, isPreconditionFailed, type BatchOperation } from '../../../shared/platform/persistence/cosmos.js';
import { STALE, type Stale } from '../../../shared/platform/persistence/conditional-write.js';
import type { Page, PageRequest, Versioned } from '../../../shared/platform/persistence/versioned.js';
import { outboxCreateOperation, type QueueMessage } from '../../../shared/platform/queue/outbox.js';
import { relationshipIdFor, type Relationship } from '../../../shared/features/relationships/relationship.js';
import { nextGdapCheckAt } from '../../../shared/features/relationships/relationship-lifecycle.js';
import type { RelationshipRepository } from '../../../shared/features/relationships/relationship-repository.js';
import type { InMemoryContainer, StoredItem } from './container.js';
import { descendingBy, pageOf } from './paging.js';
import { WriteRaces } from './races.js';

type RelationshipDoc = Relationship & { type: 'relationship'; gdapCheckAt?: string };

function toDoc(relationship: Relationship): JSONObject {
  const gdapCheckAt = nextGdapCheckAt(relationship);
  return { ...relationship, type: 'relationship', ...(gdapCheckAt ? { gdapCheckAt } : {}) } as unknown as JSONObject;
}

function toVersioned({ doc, etag }: StoredItem<RelationshipDoc>): Versioned<Relationship> {
  const { type, gdapCheckAt, ...relationship } = doc;
  void type;
  void gdapCheckAt;
  return { value: relationship, etag };
}

export class InMemoryRelationshipRepository implements RelationshipRepository {
  /** Other writers' changes to land between a use case's read and its next create/replace. */
  readonly races = new WriteRaces();

  constructor(private readonly container: InMemoryContainer) {}

  beforeNextWrite(...args: Parameters<WriteRaces['beforeNextWrite']>): void {
    this.races.beforeNextWrite(...args);
  }

  async get(partnerId: string, customerTenantId: string): Promise<Versioned<Relationship> | undefined> {
    const item = this.container.read<RelationshipDoc>(partnerId, relationshipIdFor(partnerId, customerTenantId));
    return item && item.doc.type === 'relationship' ? toVersioned(item) : undefined;
  }

  async create(relationship: Relationship): Promise<Versioned<Relationship> | Stale> {
    await this.races.run();
    try {
      return { value: relationship, etag: this.container.create(toDoc(relationship)) };
    } catch (error) {
      if (isConflict(error)) return STALE;
      throw error;
    }
  }

  async replace(
    relationship: Relationship,
    etag: string,
    messages: readonly QueueMessage[],
    now: Date,
    extraOperations: readonly BatchOperation[] = [],
  ): Promise<Versioned<Relationship> | Stale> {
    await this.races.run();
    try {
      const [newEtag] = this.container.batch(relationship.partnerId, [
        {
          operationType: 'Replace',
          id: relationship.id,
          partitionKey: relationship.partnerId,
          resourceBody: toDoc(relationship),
          ifMatch: etag,
        },
        ...messages.map((m) => outboxCreateOperation(relationship.partnerId, m, now)),
        ...extraOperations,
      ]);
      return { value: relationship, etag: newEtag! };
    } catch (error) {
      if (isPreconditionFailed(error) || (extraOperations.length > 0 && isConflict(error))) return STALE;
      throw error;
    }
  }

  async findGdapDue(nowIso: string, limit: number): Promise<Versioned<Relationship>[]> {
    return this.container
      .query<RelationshipDoc>(
        (d) => d.type === 'relationship' && d.status === 'active' && d.gdapCheckAt !== undefined && d.gdapCheckAt <= nowIso,
      )
      .slice(0, limit)
      .map(toVersioned);
  }

  async listForPartner(partnerId: string, page: PageRequest): Promise<Page<Versioned<Relationship>>> {
    const items = this.container
      .query<RelationshipDoc>((d) => d.partnerId === partnerId && d.type === 'relationship', partnerId)
      .sort(descendingBy((i) => i.doc.createdAt))
      .map(toVersioned);
    return pageOf(items, page, `relationships|partner|${partnerId}`);
  }
}
