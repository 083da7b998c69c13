// In-memory AuditLog, mirroring CosmosAuditLog: one copy of each event per tenant it concerns, upserted by event id
// (so a replayed change, or a redelivered audit-events job, leaves one event), listed newest first.
import type { JSONObject } from '@azure/cosmos';
import {
  auditRecord,
  type AuditEntry,
  type AuditEvent,
  type AuditLog,
  type AuditRecord,
} from '../../../shared/platform/audit/audit-log.js';
import type { Clock } from '../../../shared/platform/core/clock.js';
import type { Page, PageRequest } from '../../../shared/platform/persistence/versioned.js';
import type { InMemoryContainer } from './container.js';
import { descendingBy, pageOf } from './paging.js';

export class InMemoryAuditLog implements AuditLog {
  constructor(
    private readonly container: InMemoryContainer,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.write([auditRecord(entry, this.clock.now())]);
  }

  async write(records: readonly AuditRecord[]): Promise<void> {
    for (const record of records) {
      for (const tenantId of record.tenants) {
        const event: AuditEvent = {
          id: record.eventId,
          eventId: record.eventId,
          tenantId,
          occurredAt: record.occurredAt,
          actor: record.actor,
          action: record.action,
          target: record.target,
          outcome: record.outcome,
          correlationId: record.correlationId,
          ...(record.details ? { details: record.details } : {}),
        };
        this.container.upsert(event as unknown as JSONObject);
      }
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
