// The audit trail: every state change, one copy per tenant it concerns, read newest first.
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { Principal } from '../core/principal.js';
import type { Clock } from '../core/clock.js';
import { newId } from '../core/ids.js';
import { queryPage, withoutSystemFields } from '../persistence/cosmos.js';
import type { Page, PageRequest } from '../persistence/versioned.js';

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

/** The audit trail port: use cases record, the audit feature reads (the Cosmos adapter below). */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<Omit<AuditEvent, 'tenantId' | 'eventId'>>>;
}

export class CosmosAuditLog implements AuditLog {
  constructor(
    private readonly container: Container,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const eventId = entry.eventId ?? newId('evt');
    const occurredAt = entry.occurredAt ?? this.clock.now().toISOString();
    const tenants = [...new Set(entry.tenants.filter((t): t is string => !!t))];
    await Promise.all(
      tenants.map((tenantId) =>
        this.container.items.upsert<AuditEvent>({
          id: `${eventId}`,
          eventId,
          tenantId,
          occurredAt,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          outcome: entry.outcome ?? 'success',
          correlationId: entry.correlationId,
          ...(entry.details ? { details: entry.details } : {}),
        }),
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
