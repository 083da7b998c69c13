// Stores invitations in the partner's partition of partner-data; every change is a conditional write (ETag).
import type { Container, JSONObject } from '@azure/cosmos';
import { STALE, type Stale } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import {
  batchFailure,
  executeBatch,
  isConflict,
  isPreconditionFailed,
  queryDueItems,
  queryPage,
  readItem,
  withoutSystemFields,
  type BatchOperation,
} from '../../platform/persistence/cosmos.js';
import { relationshipOfDoc } from '../relationships/relationship-repository.js';
import type { Relationship } from '../relationships/relationship.js';
import type { Invitation, InvitationStatus } from './invitation.js';

interface InvitationDoc extends Invitation {
  type: 'invitation';
}

/** The invitations port: what use cases need from storage (the Cosmos adapter below; in-memory fakes in tests). */
export interface InvitationRepository {
  get(partnerId: string, id: string): Promise<Versioned<Invitation> | undefined>;
  /** The invitation and the relationship an acceptance would change (both in the partner's partition). */
  getWithRelationship(
    partnerId: string,
    id: string,
    relationshipId: string,
  ): Promise<{ invitation?: Versioned<Invitation>; relationship?: Versioned<Relationship> }>;
  /** By id alone, for links issued before invitation ids carried their partner's id: a query across partners. */
  findByLegacyId(id: string): Promise<Versioned<Invitation> | undefined>;
  /**
   * Stores a new invitation with the batch operations that go with it (its outbox messages); 'exists' when its id is
   * taken (a retried create under the same Idempotency-Key); 'name-taken' when `nameClaim` (the create of its display
   * name's marker) fails because another holds the name. Either way nothing of the batch is stored.
   */
  create(
    invitation: Invitation,
    extraOperations: BatchOperation[],
    nameClaim?: BatchOperation,
  ): Promise<Versioned<Invitation> | 'exists' | 'name-taken'>;
  /**
   * Replaces it if still at `etag`, with `extraOperations` in the same batch (all or nothing); 'stale' otherwise.
   * `etags` are the new ETags of the extra operations' items, in order.
   */
  replace(
    invitation: Invitation,
    etag: string,
    extraOperations?: BatchOperation[],
  ): Promise<(Versioned<Invitation> & { etags: readonly string[] }) | Stale>;
  list(
    partnerId: string,
    status: InvitationStatus | undefined,
    nowIso: string,
    page: PageRequest,
  ): Promise<Page<Versioned<Invitation>>>;
  findExpirable(nowIso: string, limit: number): Promise<Versioned<Invitation>[]>;
}

export class CosmosInvitationRepository implements InvitationRepository {
  constructor(private readonly container: Container) {}

  async get(partnerId: string, id: string): Promise<Versioned<Invitation> | undefined> {
    const doc = await readItem<InvitationDoc>(this.container, id, partnerId);
    return doc && doc.type === 'invitation' ? { value: toInvitation(doc), etag: doc._etag } : undefined;
  }

  async getWithRelationship(
    partnerId: string,
    id: string,
    relationshipId: string,
  ): Promise<{ invitation?: Versioned<Invitation>; relationship?: Versioned<Relationship> }> {
    // Two point reads at once: cheaper than a query, which also costs a query-plan round trip.
    const [invitation, relationship] = await Promise.all([
      this.get(partnerId, id),
      readItem<{ type?: unknown }>(this.container, relationshipId, partnerId),
    ]);
    const relationshipRead = relationship && relationshipOfDoc(relationship);
    return { ...(invitation ? { invitation } : {}), ...(relationshipRead ? { relationship: relationshipRead } : {}) };
  }

  /** Finds an invitation by id alone (a link issued before ids carried the partner's): a cross-partition query. */
  async findByLegacyId(id: string): Promise<Versioned<Invitation> | undefined> {
    const { resources } = await this.container.items
      .query<InvitationDoc & { _etag: string }>({
        query: "SELECT * FROM c WHERE c.id = @id AND c.type = 'invitation'",
        parameters: [{ name: '@id', value: id }],
      })
      .fetchAll();
    const doc = resources[0];
    return doc ? { value: toInvitation(doc), etag: doc._etag } : undefined;
  }

  /**
   * Stores a new invitation with the batch operations that go with it (its outbox messages). Returns its ETag, or
   * 'exists' when the id is taken (a retried request whose id derives from its Idempotency-Key).
   */
  async create(
    invitation: Invitation,
    extraOperations: BatchOperation[],
    nameClaim?: BatchOperation,
  ): Promise<Versioned<Invitation> | 'exists' | 'name-taken'> {
    try {
      const [etag] = await executeBatch(this.container, invitation.partnerId, [
        // The create of a fresh id is the guard, then the name's claim: nothing after them can fail on its own.
        { operationType: 'Create', partitionKey: invitation.partnerId, resourceBody: toDoc(invitation) },
        ...(nameClaim ? [nameClaim] : []),
        ...extraOperations,
      ]);
      return { value: invitation, etag: etag ?? '' };
    } catch (error) {
      if (isConflict(error)) return nameClaim && batchFailure(error)?.index === 1 ? 'name-taken' : 'exists';
      throw error;
    }
  }

  /**
   * Replaces the invitation if it still has `etag`, together with `extraOperations` (outbox messages) in one batch;
   * 'stale' when someone changed it first. The conditional replace goes first so that a loser applies nothing.
   */
  async replace(
    invitation: Invitation,
    etag: string,
    extraOperations: BatchOperation[] = [],
  ): Promise<(Versioned<Invitation> & { etags: readonly string[] }) | Stale> {
    try {
      if (extraOperations.length === 0) {
        const { resource } = await this.container
          .item(invitation.id, invitation.partnerId)
          .replace<InvitationDoc>(toDoc(invitation) as unknown as InvitationDoc, {
            accessCondition: { type: 'IfMatch', condition: etag },
          });
        return { value: invitation, etag: resource!._etag, etags: [] };
      }
      const [newEtag, ...etags] = await executeBatch(this.container, invitation.partnerId, [
        {
          operationType: 'Replace',
          id: invitation.id,
          partitionKey: invitation.partnerId,
          resourceBody: toDoc(invitation),
          ifMatch: etag,
        },
        ...extraOperations,
      ]);
      return { value: invitation, etag: newEtag ?? '', etags };
    } catch (error) {
      // Changed meanwhile (412), or an item the batch creates was created meanwhile (409: a relationship another
      // acceptance started): either way the decision was made on an old read.
      if (isPreconditionFailed(error) || isConflict(error)) return STALE;
      throw error;
    }
  }

  /**
   * A partner's invitations, newest first. `pending` and `expired` follow the effective status: a pending invitation
   * past its expiry lists as expired even before the timer marks it.
   */
  async list(
    partnerId: string,
    status: InvitationStatus | undefined,
    nowIso: string,
    page: PageRequest,
  ): Promise<Page<Versioned<Invitation>>> {
    const filter =
      status === 'pending'
        ? " AND c.status = 'pending' AND c.expiresAt > @now"
        : status === 'expired'
          ? " AND (c.status = 'expired' OR (c.status = 'pending' AND c.expiresAt <= @now))"
          : status
            ? ' AND c.status = @s'
            : '';
    return queryPage<InvitationDoc & { _etag: string }, Versioned<Invitation>>(
      this.container,
      {
        query: `SELECT * FROM c WHERE c.partnerId = @p AND c.type = 'invitation'${filter} ORDER BY c.createdAt DESC`,
        parameters: [
          { name: '@p', value: partnerId },
          ...(status === 'pending' || status === 'expired' ? [{ name: '@now', value: nowIso }] : []),
          ...(status && status !== 'pending' && status !== 'expired' ? [{ name: '@s', value: status }] : []),
        ],
      },
      page,
      (doc) => ({ value: toInvitation(doc), etag: doc._etag }),
      partnerId,
    );
  }

  /** Pending invitations whose 90 days ran out, across partners. */
  async findExpirable(nowIso: string, limit: number): Promise<Versioned<Invitation>[]> {
    const resources = await queryDueItems<InvitationDoc & { _etag: string }>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.type = 'invitation' AND c.status = 'pending' AND c.expiresAt <= @now",
        parameters: [{ name: '@now', value: nowIso }],
      },
      limit,
    );
    return resources.map((doc) => ({ value: toInvitation(doc), etag: doc._etag }));
  }
}

const toDoc = (invitation: Invitation): JSONObject => ({ ...invitation, type: 'invitation' });

function toInvitation(doc: InvitationDoc): Invitation {
  const { type, ...invitation } = withoutSystemFields(doc);
  void type;
  return invitation;
}
