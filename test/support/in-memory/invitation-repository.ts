// In-memory InvitationRepository, mirroring CosmosInvitationRepository: invitations live in the partner's partition of
// partner-data next to the outbox items their changes commit in the same batch.
import type { JSONObject } from '@azure/cosmos';
import {
  batchFailure,
  isConflict,
  isPreconditionFailed,
  type BatchOperation,
} from '../../../shared/platform/persistence/cosmos.js';
import { STALE, type Stale } from '../../../shared/platform/persistence/conditional-write.js';
import type { Page, PageRequest, Versioned } from '../../../shared/platform/persistence/versioned.js';
import type { Invitation, InvitationStatus } from '../../../shared/features/invitations/invitation.js';
import type { InvitationRepository } from '../../../shared/features/invitations/invitation-repository.js';
import type { Relationship } from '../../../shared/features/relationships/relationship.js';
import { relationshipOfDoc } from '../../../shared/features/relationships/relationship-repository.js';
import type { InMemoryContainer, StoredItem } from './container.js';
import { descendingBy, pageOf } from './paging.js';
import { WriteRaces } from './races.js';

type InvitationDoc = Invitation & { type: 'invitation' };

const toDoc = (invitation: Invitation): JSONObject => ({ ...invitation, type: 'invitation' });

function toVersioned({ doc, etag }: StoredItem<InvitationDoc>): Versioned<Invitation> {
  const { type, ...invitation } = doc;
  void type;
  return { value: invitation, etag };
}

export class InMemoryInvitationRepository implements InvitationRepository {
  /** Other writers' changes to land between a use case's read and its next create/replace. */
  readonly races = new WriteRaces();

  constructor(private readonly container: InMemoryContainer) {}

  beforeNextWrite(...args: Parameters<WriteRaces['beforeNextWrite']>): void {
    this.races.beforeNextWrite(...args);
  }

  async get(partnerId: string, id: string): Promise<Versioned<Invitation> | undefined> {
    const item = this.container.read<InvitationDoc>(partnerId, id);
    return item && item.doc.type === 'invitation' ? toVersioned(item) : undefined;
  }

  async getWithRelationship(
    partnerId: string,
    id: string,
    relationshipId: string,
  ): Promise<{ invitation?: Versioned<Invitation>; relationship?: Versioned<Relationship> }> {
    const invitation = await this.get(partnerId, id);
    const item = this.container.read<{ type?: unknown }>(partnerId, relationshipId);
    const relationship = item && relationshipOfDoc({ ...item.doc, _etag: item.etag });
    return { ...(invitation ? { invitation } : {}), ...(relationship ? { relationship } : {}) };
  }

  /** As the adapter: by id alone, across partners (links issued before invitation ids carried their partner's id). */
  async findByLegacyId(id: string): Promise<Versioned<Invitation> | undefined> {
    const [item] = this.container.query<InvitationDoc>((d) => d.id === id && d.type === 'invitation');
    return item && toVersioned(item);
  }

  /** 'exists' when the id is taken (a retried create under the same Idempotency-Key), as the adapter answers. */
  async create(
    invitation: Invitation,
    extraOperations: BatchOperation[],
    nameClaim?: BatchOperation,
  ): Promise<Versioned<Invitation> | 'exists' | 'name-taken'> {
    await this.races.run();
    try {
      const [etag] = this.container.batch(invitation.partnerId, [
        { operationType: 'Create', partitionKey: invitation.partnerId, resourceBody: toDoc(invitation) },
        ...(nameClaim ? [nameClaim] : []),
        ...extraOperations,
      ]);
      return { value: invitation, etag: etag! };
    } catch (error) {
      if (isConflict(error)) return nameClaim && batchFailure(error)?.index === 1 ? 'name-taken' : 'exists';
      throw error;
    }
  }

  async replace(
    invitation: Invitation,
    etag: string,
    extraOperations: BatchOperation[] = [],
  ): Promise<(Versioned<Invitation> & { etags: readonly string[] }) | Stale> {
    await this.races.run();
    try {
      const [newEtag, ...etags] = this.container.batch(invitation.partnerId, [
        {
          operationType: 'Replace',
          id: invitation.id,
          partitionKey: invitation.partnerId,
          resourceBody: toDoc(invitation),
          ifMatch: etag,
        },
        ...extraOperations,
      ]);
      return { value: invitation, etag: newEtag!, etags };
    } catch (error) {
      // As the adapter: changed meanwhile (412), or an item the batch creates was created meanwhile (409).
      if (isPreconditionFailed(error) || isConflict(error)) return STALE;
      throw error;
    }
  }

  async list(
    partnerId: string,
    status: InvitationStatus | undefined,
    nowIso: string,
    page: PageRequest,
  ): Promise<Page<Versioned<Invitation>>> {
    const matches = (d: InvitationDoc): boolean =>
      status === 'pending'
        ? d.status === 'pending' && d.expiresAt > nowIso
        : status === 'expired'
          ? d.status === 'expired' || (d.status === 'pending' && d.expiresAt <= nowIso)
          : status === undefined || d.status === status;
    const items = this.container
      .query<InvitationDoc>((d) => d.partnerId === partnerId && d.type === 'invitation' && matches(d), partnerId)
      .sort(descendingBy((i) => i.doc.createdAt))
      .map(toVersioned);
    return pageOf(items, page, `invitations|${partnerId}|${status ?? ''}`);
  }

  async findExpirable(nowIso: string, limit: number): Promise<Versioned<Invitation>[]> {
    return this.container
      .query<InvitationDoc>((d) => d.type === 'invitation' && d.status === 'pending' && d.expiresAt <= nowIso)
      .slice(0, limit)
      .map(toVersioned);
  }
}
