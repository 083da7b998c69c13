// Stores contact requests (and their 24-hour dedupe markers) in the partner's partition of partner-data.
import type { Container, PatchRequestBody } from '@azure/cosmos';
import { derivedId } from '../../platform/core/ids.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import {
  executeBatch,
  isConflict,
  isNotFound,
  isPreconditionFailed,
  queryPage,
  readItem,
  withoutSystemFields,
  type BatchOperation,
  queryDueItems,
} from '../../platform/persistence/cosmos.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Lead, LeadStatus } from './lead.js';
import { DEFAULT_LOCALE } from '../../platform/i18n/locales.js';

interface LeadDoc extends Lead {
  type: 'lead';
}

export interface DedupeMarker {
  leadId: string;
  createdAt: string;
  etag: string;
}

interface DedupeDoc {
  id: string;
  type: 'leadDedupe';
  partnerId: string;
  leadId: string;
  createdAt: string;
  ttl: number;
}

const dedupeId = (partnerId: string, email: string) => derivedId('leaddedupe', partnerId, email.trim().toLowerCase());

/** The leads port: what use cases need from storage (the Cosmos adapter below; in-memory fakes in tests). */
export interface LeadRepository {
  get(partnerId: string, id: string): Promise<Versioned<Lead> | undefined>;
  findDedupeMarker(partnerId: string, email: string): Promise<DedupeMarker | undefined>;
  /**
   * Stores a new lead with its dedupe marker and outbox operations. The marker write goes first and is conditional
   * (create, or replace of the stale marker we read), so of two racing identical requests only one stores a lead.
   */
  createDeduplicated(
    lead: Lead,
    staleMarkerEtag: string | undefined,
    extraOperations: BatchOperation[],
  ): Promise<{ etag: string } | 'raced'>;
  list(partnerId: string, status: LeadStatus | undefined, page: PageRequest): Promise<Page<Versioned<Lead>>>;
  /** Replaces the lead if unchanged since `etag`, with `extraOperations` (its outbox messages) in the same batch; 'stale' otherwise. */
  replace(lead: Lead, etag: string, extraOperations?: BatchOperation[]): Promise<Versioned<Lead> | 'stale'>;
  markPartnerNotified(partnerId: string, id: string, at: string): Promise<void>;
  markNotificationFailed(partnerId: string, id: string): Promise<void>;
  /** New leads whose 14 days ran out, across partners. */
  findExpirable(nowIso: string, limit: number): Promise<Versioned<Lead>[]>;
  /** Ended leads (declined, closed, expired) that still hold contact details and ended at or before `endedBy`. */
  findErasable(endedBy: string, limit: number): Promise<Versioned<Lead>[]>;
}

export class CosmosLeadRepository implements LeadRepository {
  constructor(private readonly container: Container) {}

  async get(partnerId: string, id: string): Promise<Versioned<Lead> | undefined> {
    const doc = await readItem<LeadDoc>(this.container, id, partnerId);
    return doc && doc.type === 'lead' ? { value: toLead(doc), etag: doc._etag } : undefined;
  }

  async findDedupeMarker(partnerId: string, email: string): Promise<DedupeMarker | undefined> {
    const doc = await readItem<DedupeDoc>(this.container, dedupeId(partnerId, email), partnerId);
    return doc ? { leadId: doc.leadId, createdAt: doc.createdAt, etag: doc._etag } : undefined;
  }

  /**
   * Stores a new lead with its dedupe marker and outbox operations. The marker write goes first and is conditional
   * (create, or replace of the stale marker we read), so of two racing identical requests only one stores a lead.
   */
  async createDeduplicated(
    lead: Lead,
    staleMarkerEtag: string | undefined,
    extraOperations: BatchOperation[],
  ): Promise<{ etag: string } | 'raced'> {
    // A new lead always has its contact details (they are only erased once it ended).
    if (!lead.contact) throw new Error('a new lead needs its contact details');
    const marker: DedupeDoc = {
      id: dedupeId(lead.partnerId, lead.contact.email),
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
    const leadDoc: LeadDoc = { ...lead, type: 'lead' };
    try {
      const [, etag] = await executeBatch(this.container, lead.partnerId, [
        guard,
        { operationType: 'Create', partitionKey: lead.partnerId, resourceBody: { ...leadDoc } },
        ...extraOperations,
      ]);
      return { etag: etag ?? '' };
    } catch (error) {
      if (isConflict(error) || isPreconditionFailed(error) || isNotFound(error)) return 'raced';
      throw error;
    }
  }

  async list(partnerId: string, status: LeadStatus | undefined, page: PageRequest): Promise<Page<Versioned<Lead>>> {
    return queryPage<LeadDoc & { _etag: string }, Versioned<Lead>>(
      this.container,
      {
        query: `SELECT * FROM c WHERE c.partnerId = @p AND c.type = 'lead'${status ? ' AND c.status = @s' : ''} ORDER BY c.createdAt DESC`,
        parameters: [{ name: '@p', value: partnerId }, ...(status ? [{ name: '@s', value: status }] : [])],
      },
      page,
      (doc) => ({ value: toLead(doc), etag: doc._etag }),
      partnerId,
    );
  }

  /**
   * Replaces the lead if unchanged since `etag`, with `extraOperations` in the same batch; 'stale' otherwise. The
   * conditional replace goes first, so a loser applies nothing.
   */
  async replace(lead: Lead, etag: string, extraOperations: BatchOperation[] = []): Promise<Versioned<Lead> | 'stale'> {
    const doc: LeadDoc = { ...lead, type: 'lead' };
    try {
      if (extraOperations.length === 0) {
        const { resource } = await this.container
          .item(lead.id, lead.partnerId)
          .replace<LeadDoc>(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
        return { value: lead, etag: resource!._etag };
      }
      const [newEtag] = await executeBatch(this.container, lead.partnerId, [
        { operationType: 'Replace', id: lead.id, partitionKey: lead.partnerId, resourceBody: { ...doc }, ifMatch: etag },
        ...extraOperations,
      ]);
      return { value: lead, etag: newEtag ?? '' };
    } catch (error) {
      if (isPreconditionFailed(error)) return 'stale';
      throw error;
    }
  }

  async markPartnerNotified(partnerId: string, id: string, at: string): Promise<void> {
    await this.patchIfPresent(partnerId, id, [
      { op: 'set', path: '/partnerNotifiedAt', value: at },
      { op: 'set', path: '/notificationStatus', value: 'sent' },
    ]);
  }

  async markNotificationFailed(partnerId: string, id: string): Promise<void> {
    await this.patchIfPresent(partnerId, id, [{ op: 'set', path: '/notificationStatus', value: 'failed' }]);
  }

  private async patchIfPresent(partnerId: string, id: string, operations: PatchRequestBody): Promise<void> {
    try {
      await this.container.item(id, partnerId).patch(operations);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** New leads whose 14 days ran out, across partners. */
  async findExpirable(nowIso: string, limit: number): Promise<Versioned<Lead>[]> {
    const resources = await queryDueItems<LeadDoc & { _etag: string }>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.type = 'lead' AND c.status = 'new' AND c.expiresAt <= @now",
        parameters: [{ name: '@now', value: nowIso }],
      },
      limit,
    );
    return resources.map((doc) => ({ value: toLead(doc), etag: doc._etag }));
  }

  /** Ended leads that still hold contact details, ended at or before `endedBy` (older ones carry only updatedAt). */
  async findErasable(endedBy: string, limit: number): Promise<Versioned<Lead>[]> {
    const resources = await queryDueItems<LeadDoc & { _etag: string }>(
      this.container,
      {
        query:
          "SELECT * FROM c WHERE c.type = 'lead' AND c.status IN ('declined', 'closed', 'expired') AND IS_DEFINED(c.contact) " +
          'AND (c.endedAt <= @endedBy OR (NOT IS_DEFINED(c.endedAt) AND c.updatedAt <= @endedBy))',
        parameters: [{ name: '@endedBy', value: endedBy }],
      },
      limit,
    );
    return resources.map((doc) => ({ value: toLead(doc), etag: doc._etag }));
  }
}

function toLead(doc: LeadDoc): Lead {
  const { type, ...lead } = withoutSystemFields(doc);
  void type;
  // Leads stored before languages carry none: theirs is English.
  return { ...lead, locale: lead.locale ?? DEFAULT_LOCALE };
}
