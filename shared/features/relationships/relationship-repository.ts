// Stores relationships in the partner's partition of partner-data; changes go through `update`, a conditional
// read-modify-write retried on contention, so concurrent changes from several function instances never lose one, or
// through `replace`, the same conditional write batched with the outbox messages of the change's queue jobs.
import type { Container, JSONObject } from '@azure/cosmos';
import { PreconditionFailedError } from '../../platform/core/errors.js';
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
} from '../../platform/persistence/cosmos.js';
import { outboxCreateOperation, type QueueMessage } from '../../platform/queue/outbox.js';
import { relationshipIdFor, type Relationship } from './relationship.js';
import { nextGdapCheckAt } from './relationship-lifecycle.js';

interface RelationshipDoc extends Relationship {
  type: 'relationship';
  /** Derived on every write, never returned: when the GDAP timer next has work here (absent: none). */
  gdapCheckAt?: string;
}

/** Contention on one relationship is between a handful of writers; a few jittered retries settle it. */
const MAX_UPDATE_ATTEMPTS = 12;

export class RelationshipContentionError extends Error {
  constructor() {
    super('the relationship kept changing while being updated');
  }
}

export class RelationshipRepository {
  constructor(private readonly container: Container) {}

  async get(partnerId: string, customerTenantId: string): Promise<Versioned<Relationship> | undefined> {
    const doc = await readItem<RelationshipDoc>(this.container, relationshipIdFor(partnerId, customerTenantId), partnerId);
    return doc && doc.type === 'relationship' ? { value: toRelationship(doc), etag: doc._etag } : undefined;
  }

  /**
   * Reads the relationship, lets `change` compute the next version (or `undefined` for "nothing to do"), and writes it
   * conditionally: create when there was none, replace if-match otherwise; on a lost race it starts again from a
   * fresh read. `change` must be pure: it may run several times. With `ifMatch` (a client's If-Match), the change
   * applies only to that version: any other version read throws PreconditionFailedError (412), so a lost race is
   * reported to the client instead of being retried on a version it never saw.
   */
  async update<R>(
    partnerId: string,
    customerTenantId: string,
    change: (current: Relationship | undefined) => { next: Relationship; result: R } | undefined,
    options: { ifMatch?: string | undefined } = {},
  ): Promise<{ relationship: Versioned<Relationship> | undefined; result: R | undefined; written: boolean }> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      const current = await this.get(partnerId, customerTenantId);
      if (current && options.ifMatch !== undefined && options.ifMatch !== current.etag) throw new PreconditionFailedError();
      const outcome = change(current?.value);
      if (!outcome) return { relationship: current, result: undefined, written: false };
      const doc = toDoc(outcome.next);
      try {
        const { resource } = current
          ? await this.container
              .item(doc.id, partnerId)
              .replace<RelationshipDoc>(doc, { accessCondition: { type: 'IfMatch', condition: current.etag } })
          : await this.container.items.create<RelationshipDoc>(doc);
        return { relationship: { value: outcome.next, etag: resource!._etag }, result: outcome.result, written: true };
      } catch (error) {
        if (isPreconditionFailed(error) || isConflict(error)) continue;
        throw error;
      }
    }
    throw new RelationshipContentionError();
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
  ): Promise<Versioned<Relationship> | 'stale'> {
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
      ]);
      return { value: relationship, etag: newEtag ?? '' };
    } catch (error) {
      if (isPreconditionFailed(error)) return 'stale';
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

  /** The customer's relationships (one per partner), across partner partitions, newest first. */
  async listForCustomer(customerTenantId: string, page: PageRequest): Promise<Page<Versioned<Relationship>>> {
    return queryPage<RelationshipDoc & { _etag: string }, Versioned<Relationship>>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.type = 'relationship' AND c.customerTenantId = @t ORDER BY c.createdAt DESC",
        parameters: [{ name: '@t', value: customerTenantId }],
      },
      page,
      (doc) => ({ value: toRelationship(doc), etag: doc._etag }),
    );
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
