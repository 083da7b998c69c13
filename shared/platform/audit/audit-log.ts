// The audit trail: every state change, one copy per tenant it concerns, read newest first.
//
// Two ways in. A change committed with a Cosmos batch puts its events in that batch (`auditEventsMessage` → the
// outbox → the audit-events queue → `write`): they cannot be lost between the change and its audit, and the request
// does not wait for them. Other changes `record` their events themselves, after the change.
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { Principal } from '../core/principal.js';
import type { Clock } from '../core/clock.js';
import { newId } from '../core/ids.js';
import { queryPage, withoutSystemFields } from '../persistence/cosmos.js';
import type { Page, PageRequest } from '../persistence/versioned.js';
import type { QueueMessage } from '../queue/outbox.js';
import { queues } from '../queue/queues.js';

export type ActorKind = 'customer' | 'partner' | 'public' | 'system';

export interface AuditActor {
  kind: ActorKind;
  tenantId?: string;
  userId?: string;
}

export interface AuditEvent {
  id: string;
  eventId: string;
  tenantId: string;
  occurredAt: string;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  outcome: 'success' | 'failure';
  correlationId: string;
  details?: Record<string, string | number | boolean | string[]>;
}

export const auditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime(),
    actor: z.object({
      kind: z.enum(['customer', 'partner', 'public', 'system']),
      tenantId: z.string().optional(),
      userId: z.string().optional(),
    }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    outcome: z.enum(['success', 'failure']),
    correlationId: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditEvent' });

export const actorOf = (principal: Principal | undefined, kind: ActorKind): AuditActor =>
  principal ? { kind, tenantId: principal.tenantId, userId: principal.userId } : { kind: 'public' };

export const systemActor: AuditActor = { kind: 'system' };

export interface AuditEntry {
  /** Stable across retries of the same change, so a replayed change writes no second event. */
  eventId?: string;
  /** When the change happened, if not now: a job recording a change made earlier passes it, so replays write the same. */
  occurredAt?: string;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  outcome?: 'success' | 'failure';
  correlationId: string;
  /** Never personal data: ids, statuses, counts. */
  details?: AuditEvent['details'];
  /** The tenants that see this event. */
  tenants: readonly (string | undefined)[];
}

/** An entry with its id and time fixed, as the outbox carries it: writing it again writes the same events. */
const auditRecordSchema = z.object({
  eventId: z.string().min(1).max(200),
  occurredAt: z.iso.datetime(),
  actor: z.object({
    kind: z.enum(['customer', 'partner', 'public', 'system']),
    tenantId: z.string().optional(),
    userId: z.string().optional(),
  }),
  action: z.string().min(1).max(100),
  target: z.object({ type: z.string(), id: z.string() }),
  outcome: z.enum(['success', 'failure']).default('success'),
  correlationId: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
  tenants: z.array(z.string()),
});
export type AuditRecord = z.output<typeof auditRecordSchema>;

/** The audit-events queue job: the events of one change. */
export const auditEventsJob = z.object({
  id: z.string().min(1).max(200),
  kind: z.literal('auditEvents'),
  events: z.array(auditRecordSchema).min(1).max(20),
});

/** Fixes an entry's id and time now (the request's), so the queue job that writes it writes the same every time. */
export function auditRecord(entry: AuditEntry, now: Date): AuditRecord {
  return {
    eventId: entry.eventId ?? newId('evt'),
    occurredAt: entry.occurredAt ?? now.toISOString(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome ?? 'success',
    correlationId: entry.correlationId,
    ...(entry.details ? { details: entry.details } : {}),
    tenants: [...new Set(entry.tenants.filter((t): t is string => !!t))],
  };
}

/** The outbox message that writes a change's audit events: stored in the change's batch, written off the request. */
export function auditEventsMessage(entries: readonly AuditEntry[], now: Date): QueueMessage {
  const events = entries.map((entry) => auditRecord(entry, now));
  return {
    id: `audit_${events[0]!.eventId}`,
    queue: queues.auditEvents,
    payload: { id: `audit_${events[0]!.eventId}`, kind: 'auditEvents', events },
  };
}

/** The audit trail port: use cases record, the audit feature reads (the Cosmos adapter below). */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Writes events whose id and time are fixed (an outbox job's): idempotent, a replay overwrites them with themselves. */
  write(records: readonly AuditRecord[]): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<Omit<AuditEvent, 'tenantId' | 'eventId'>>>;
}

export class CosmosAuditLog implements AuditLog {
  constructor(
    private readonly container: Container,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.write([auditRecord(entry, this.clock.now())]);
  }

  async write(records: readonly AuditRecord[]): Promise<void> {
    await Promise.all(
      records.flatMap((record) =>
        record.tenants.map((tenantId) =>
          this.container.items.upsert<AuditEvent>({
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
          }),
        ),
      ),
    );
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Omit<AuditEvent, 'tenantId' | 'eventId'>>> {
    return queryPage<AuditEvent, Omit<AuditEvent, 'tenantId' | 'eventId'>>(
      this.container,
      {
        query: 'SELECT * FROM c WHERE c.tenantId = @t ORDER BY c.occurredAt DESC',
        parameters: [{ name: '@t', value: tenantId }],
      },
      page,
      (doc) => {
        const { tenantId: _t, eventId: _e, ...rest } = withoutSystemFields(doc);
        void _t;
        void _e;
        return rest;
      },
      tenantId,
    );
  }
}
