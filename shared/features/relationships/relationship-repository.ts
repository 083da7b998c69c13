// Stores relationships in the partner's partition of partner-data. Writes are conditional (create, or replace on the
// ETag read, batched with the outbox messages of the change's queue jobs); use cases run them through
// platform/persistence/conditional-write.ts, which re-reads and decides again after a lost race.
import type { Container, JSONObject } from '@azure/cosmos';
import { STALE, type Stale } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import {
  executeBatch,
  isConflict,
  isPreconditionFailed,
  queryPage,
  readItem,
  withoutSystemFields,
  queryDueItems,
  type BatchOperation,
} from '../../platform/persistence/cosmos.js';
import { outboxCreateOperation, type QueueMessage } from '../../platform/queue/outbox.js';
import { relationshipIdFor, type Relationship } from './relationship.js';
import { nextGdapCheckAt } from './relationship-lifecycle.js';

interface RelationshipDoc extends Relationship {
  type: 'relationship';
  /** Derived on every write, never returned: when the GDAP timer next has work here (absent: none). */
  gdapCheckAt?: string;
}

/** The relationships port: what use cases need from storage (the Cosmos adapter below; in-memory fakes in tests). */
export interface RelationshipRepository {
  get(partnerId: string, customerTenantId: string): Promise<Versioned<Relationship> | undefined>;
  /** Stores a new relationship; 'stale' when one was created meanwhile. */
  create(relationship: Relationship): Promise<Versioned<Relationship> | Stale>;
  /**
   * Replaces it if still at `etag`, with the outbox messages of the change (and `extraOperations`, e.g. a bulk item's
   * result) in the same batch; 'stale' otherwise, or when an item the extra operations create exists already.
   */
  replace(
    relationship: Relationship,
    etag: string,
    messages: readonly QueueMessage[],
    now: Date,
    extraOperations?: readonly BatchOperation[],
  ): Promise<Versioned<Relationship> | Stale>;
  findGdapDue(nowIso: string, limit: number): Promise<Versioned<Relationship>[]>;
  listForPartner(partnerId: string, page: PageRequest): Promise<Page<Versioned<Relationship>>>;
}

export class CosmosRelationshipRepository implements RelationshipRepository {
  constructor(private readonly container: Container) {}

  async get(partnerId: string, customerTenantId: string): Promise<Versioned<Relationship> | undefined> {
    const doc = await readItem<RelationshipDoc>(this.container, relationshipIdFor(partnerId, customerTenantId), partnerId);
    return doc && doc.type === 'relationship' ? { value: toRelationship(doc), etag: doc._etag } : undefined;
  }

  async create(relationship: Relationship): Promise<Versioned<Relationship> | Stale> {
    try {
      const { resource } = await this.container.items.create<RelationshipDoc>(toDoc(relationship));
      return { value: relationship, etag: resource!._etag };
    } catch (error) {
      if (isConflict(error)) return STALE;
      throw error;
    }
  }

  /**
   * Replaces the relationship if it still has `etag`, together with outbox messages (the jobs that carry the change's
   * side effects) in one batch; 'stale' when someone changed it first. The conditional replace goes first so that a
   * loser applies nothing, even on an emulator that does not roll batches back.
   */
  async replace(
    relationship: Relationship,
    etag: string,
    messages: readonly QueueMessage[],
    now: Date,
    extraOperations: readonly BatchOperation[] = [],
  ): Promise<Versioned<Relationship> | Stale> {
    try {
      const [newEtag] = await executeBatch(this.container, relationship.partnerId, [
        {
          operationType: 'Replace',
          id: relationship.id,
          partitionKey: relationship.partnerId,
          resourceBody: toDoc(relationship) as unknown as JSONObject,
          ifMatch: etag,
        },
        ...messages.map((m) => outboxCreateOperation(relationship.partnerId, m, now)),
        ...extraOperations,
      ]);
      return { value: relationship, etag: newEtag ?? '' };
    } catch (error) {
      // 409: an item the extra operations create exists already (a bulk item's result: the change was made before).
      if (isPreconditionFailed(error) || (extraOperations.length > 0 && isConflict(error))) return STALE;
      throw error;
    }
  }

  /** Active relationships where the GDAP timer has something due (an end or a notice), across partners. */
  async findGdapDue(nowIso: string, limit: number): Promise<Versioned<Relationship>[]> {
    const docs = await queryDueItems<RelationshipDoc & { _etag: string }>(
      this.container,
      {
        query:
          "SELECT * FROM c WHERE c.type = 'relationship' AND c.status = 'active' AND IS_DEFINED(c.gdapCheckAt) AND c.gdapCheckAt <= @now",
        parameters: [{ name: '@now', value: nowIso }],
      },
      limit,
    );
    return docs.map((doc) => ({ value: toRelationship(doc), etag: doc._etag }));
  }

  /** The partner's customers, newest first. */
  async listForPartner(partnerId: string, page: PageRequest): Promise<Page<Versioned<Relationship>>> {
    return queryPage<RelationshipDoc & { _etag: string }, Versioned<Relationship>>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.partnerId = @p AND c.type = 'relationship' ORDER BY c.createdAt DESC",
        parameters: [{ name: '@p', value: partnerId }],
      },
      page,
      (doc) => ({ value: toRelationship(doc), etag: doc._etag }),
      partnerId,
    );
  }
}

/**
 * The batch operation that stores `relationship` in its partner's partition: a create when it is new (`etag`
 * undefined), else a replace conditional on the version read. For changes that commit a relationship together with
 * another item of the partition (accepting an invitation).
 */
export function relationshipWriteOperation(relationship: Relationship, etag: string | undefined): BatchOperation {
  const resourceBody = toDoc(relationship) as unknown as JSONObject;
  return etag === undefined
    ? { operationType: 'Create', partitionKey: relationship.partnerId, resourceBody }
    : { operationType: 'Replace', id: relationship.id, partitionKey: relationship.partnerId, resourceBody, ifMatch: etag };
}

/** A stored relationship item as the domain sees it; undefined when the item is something else. */
export function relationshipOfDoc(doc: object & { type?: unknown; _etag?: unknown }): Versioned<Relationship> | undefined {
  return doc.type === 'relationship'
    ? { value: toRelationship(doc as unknown as RelationshipDoc), etag: typeof doc._etag === 'string' ? doc._etag : '' }
    : undefined;
}

function toDoc(relationship: Relationship): RelationshipDoc {
  const gdapCheckAt = nextGdapCheckAt(relationship);
  return { ...relationship, type: 'relationship', ...(gdapCheckAt ? { gdapCheckAt } : {}) };
}

function toRelationship(doc: RelationshipDoc): Relationship {
  const { type, gdapCheckAt, ...relationship } = withoutSystemFields(doc);
  void type;
  void gdapCheckAt;
  return relationship;
}
