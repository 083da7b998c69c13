// In-memory LeadRepository, mirroring CosmosLeadRepository: leads and their 24-hour dedupe markers in the partner's
// partition; the marker write guards the batch that stores a lead; the email worker's marks are unconditional patches.
import type { JSONObject } from '@azure/cosmos';
import { derivedId } from '../../../shared/platform/core/ids.js';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  type BatchOperation,
} from '../../../shared/platform/persistence/cosmos.js';
import type { Page, PageRequest, Versioned } from '../../../shared/platform/persistence/versioned.js';
import type { Lead, LeadStatus } from '../../../shared/features/leads/lead.js';
import type { DedupeMarker, LeadRepository } from '../../../shared/features/leads/lead-repository.js';
import type { InMemoryContainer, StoredItem } from './container.js';
import { descendingBy, pageOf } from './paging.js';
import { WriteRaces } from './races.js';

type LeadDoc = Lead & { type: 'lead' };

interface DedupeDoc {
  id: string;
  type: 'leadDedupe';
  partnerId: string;
  leadId: string;
  createdAt: string;
  ttl: number;
}

/** The marker's id, as the adapter derives it: one per partner and (normalised) email. */
export const dedupeMarkerId = (partnerId: string, email: string): string =>
  derivedId('leaddedupe', partnerId, email.trim().toLowerCase());

function toVersioned({ doc, etag }: StoredItem<LeadDoc>): Versioned<Lead> {
  const { type, ...lead } = doc;
  void type;
  return { value: lead, etag };
}

export class InMemoryLeadRepository implements LeadRepository {
  /** Other writers' changes to land between a use case's read and its next conditional write. */
  readonly races = new WriteRaces();

  constructor(private readonly container: InMemoryContainer) {}

  beforeNextWrite(...args: Parameters<WriteRaces['beforeNextWrite']>): void {
    this.races.beforeNextWrite(...args);
  }

  async get(partnerId: string, id: string): Promise<Versioned<Lead> | undefined> {
    const item = this.container.read<LeadDoc>(partnerId, id);
    return item && item.doc.type === 'lead' ? toVersioned(item) : undefined;
  }

  async findDedupeMarker(partnerId: string, email: string): Promise<DedupeMarker | undefined> {
    const item = this.container.read<DedupeDoc>(partnerId, dedupeMarkerId(partnerId, email));
    return item && { leadId: item.doc.leadId, createdAt: item.doc.createdAt, etag: item.etag };
  }

  async createDeduplicated(
    lead: Lead,
    staleMarkerEtag: string | undefined,
    extraOperations: BatchOperation[],
  ): Promise<{ etag: string } | 'raced'> {
    await this.races.run();
    // As the adapter: a new lead always has its contact details (they are only erased once it ended).
    if (!lead.contact) throw new Error('a new lead needs its contact details');
    const marker: DedupeDoc = {
      id: dedupeMarkerId(lead.partnerId, lead.contact.email),
      type: 'leadDedupe',
      partnerId: lead.partnerId,
      leadId: lead.id,
      createdAt: lead.createdAt,
      ttl: 2 * 86400,
    };
    const guard: BatchOperation = staleMarkerEtag
      ? {
          operationType: 'Replace',
          id: marker.id,
          partitionKey: lead.partnerId,
          resourceBody: { ...marker },
          ifMatch: staleMarkerEtag,
        }
      : { operationType: 'Create', partitionKey: lead.partnerId, resourceBody: { ...marker } };
    try {
      const [, etag] = this.container.batch(lead.partnerId, [
        guard,
        {
          operationType: 'Create',
          partitionKey: lead.partnerId,
          resourceBody: { ...lead, type: 'lead' } as unknown as JSONObject,
        },
        ...extraOperations,
      ]);
      return { etag: etag! };
    } catch (error) {
      if (isConflict(error) || isPreconditionFailed(error) || isNotFound(error)) return 'raced';
      throw error;
    }
  }

  async list(partnerId: string, status: LeadStatus | undefined, page: PageRequest): Promise<Page<Versioned<Lead>>> {
    const items = this.container
      .query<LeadDoc>((d) => d.partnerId === partnerId && d.type === 'lead' && (!status || d.status === status), partnerId)
      .sort(descendingBy((i) => i.doc.createdAt))
      .map(toVersioned);
    return pageOf(items, page, `leads|${partnerId}|${status ?? ''}`);
  }

  async replace(lead: Lead, etag: string, extraOperations: BatchOperation[] = []): Promise<Versioned<Lead> | 'stale'> {
    await this.races.run();
    try {
      if (extraOperations.length === 0) return { value: lead, etag: this.container.replace({ ...lead, type: 'lead' }, etag) };
      const [newEtag] = this.container.batch(lead.partnerId, [
        {
          operationType: 'Replace',
          id: lead.id,
          partitionKey: lead.partnerId,
          resourceBody: { ...lead, type: 'lead' } as unknown as JSONObject,
          ifMatch: etag,
        },
        ...extraOperations,
      ]);
      return { value: lead, etag: newEtag ?? '' };
    } catch (error) {
      if (isPreconditionFailed(error)) return 'stale';
      throw error;
    }
  }

  async markPartnerNotified(partnerId: string, id: string, at: string): Promise<void> {
    this.patchIfPresent(partnerId, id, [
      { op: 'set', path: '/partnerNotifiedAt', value: at },
      { op: 'set', path: '/notificationStatus', value: 'sent' },
    ]);
  }

  async markNotificationFailed(partnerId: string, id: string): Promise<void> {
    this.patchIfPresent(partnerId, id, [{ op: 'set', path: '/notificationStatus', value: 'failed' }]);
  }

  private patchIfPresent(partnerId: string, id: string, operations: Parameters<InMemoryContainer['patch']>[2]): void {
    try {
      this.container.patch(partnerId, id, operations);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async findExpirable(nowIso: string, limit: number): Promise<Versioned<Lead>[]> {
    return this.container
      .query<LeadDoc>((d) => d.type === 'lead' && d.status === 'new' && d.expiresAt <= nowIso)
      .slice(0, limit)
      .map(toVersioned);
  }

  /** As the adapter: ended leads that still hold contact details and ended at or before `endedBy`. */
  async findErasable(endedBy: string, limit: number): Promise<Versioned<Lead>[]> {
    return this.container
      .query<LeadDoc>(
        (d) =>
          d.type === 'lead' &&
          ['declined', 'closed', 'expired'].includes(d.status) &&
          d.contact !== undefined &&
          (d.endedAt ?? d.updatedAt) <= endedBy,
      )
      .slice(0, limit)
      .map(toVersioned);
  }
}
