// In-memory AuditLog, mirroring CosmosAuditLog: one copy of each event per tenant it concerns, upserted by event id
// (so a replayed change that passes the same eventId leaves one event), listed newest first.
import type { JSONObject } from '@azure/cosmos';
import type { AuditEntry, AuditEvent, AuditLog } from '../../../shared/platform/audit/audit-log.js';
import type { Clock } from '../../../shared/platform/core/clock.js';
import { newId } from '../../../shared/platform/core/ids.js';
import type { Page, PageRequest } from '../../../shared/platform/persistence/versioned.js';
import type { InMemoryContainer } from './container.js';
import { descendingBy, pageOf } from './paging.js';

export class InMemoryAuditLog implements AuditLog {
  constructor(
    private readonly container: InMemoryContainer,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const eventId = entry.eventId ?? newId('evt');
    const occurredAt = entry.occurredAt ?? this.clock.now().toISOString();
    const tenants = [...new Set(entry.tenants.filter((t): t is string => !!t))];
    for (const tenantId of tenants) {
      const event: AuditEvent = {
        id: eventId,
        eventId,
        tenantId,
        occurredAt,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        outcome: entry.outcome ?? 'success',
        correlationId: entry.correlationId,
        ...(entry.details ? { details: entry.details } : {}),
      };
      this.container.upsert(event as unknown as JSONObject);
    }
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Omit<AuditEvent, 'tenantId' | 'eventId'>>> {
    const items = this.events(tenantId).map(({ tenantId: _t, eventId: _e, ...rest }) => {
      void _t;
      void _e;
      return rest;
    });
    return pageOf(items, page, `audit|${tenantId}`);
  }

  /** Test view: the tenant's copy of every event (optionally of one action), newest first. */
  events(tenantId: string, action?: string): AuditEvent[] {
    return this.container
      .query<AuditEvent>((e) => e.tenantId === tenantId && (action === undefined || e.action === action), tenantId)
      .map((i) => i.doc)
      .sort(descendingBy((e) => e.occurredAt));
  }
}
