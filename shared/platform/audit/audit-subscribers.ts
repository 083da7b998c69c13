// Subscribers to the audit trail: what else happens once a change's audit events are written. Every audited change
// reaches `AuditLog.write` — from the audit-events queue job (changes committed with their batch) or from `record`
// (jobs and timers) — so a subscriber sees every one of them in one place, without each use case raising it.
//
// The platform knows no subscriber: the composition root hands the list in (a feature's, e.g. webhooks). A subscriber
// runs after the events are stored and must be idempotent by event id: a redelivered job, or a replayed change,
// writes the same events again and notifies again. When it throws, the write throws, so the queue job (or the job that
// recorded the events) is retried — the events are rewritten as they were and the subscriber gets another go.
import type { Clock } from '../core/clock.js';
import type { Page, PageRequest } from '../persistence/versioned.js';
import { auditRecord, type AuditEntry, type AuditEvent, type AuditLog, type AuditRecord } from './audit-log.js';

export interface AuditSubscriber {
  /** Called with the events just written (each with its id and time fixed). */
  written(records: readonly AuditRecord[]): Promise<void>;
}

/** The audit log, telling its subscribers what it wrote. `subscribers` is read on each write (the wiring is lazy). */
export class SubscribedAuditLog implements AuditLog {
  constructor(
    private readonly inner: AuditLog,
    private readonly clock: Clock,
    private readonly subscribers: () => readonly AuditSubscriber[],
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.write([auditRecord(entry, this.clock.now())]);
  }

  async write(records: readonly AuditRecord[]): Promise<void> {
    await this.inner.write(records);
    for (const subscriber of this.subscribers()) await subscriber.written(records);
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Omit<AuditEvent, 'tenantId' | 'eventId'>>> {
    return this.inner.list(tenantId, page);
  }
}
