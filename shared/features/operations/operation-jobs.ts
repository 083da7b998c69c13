// The bulk operations' background work, on the bulk-operations queue:
//
// - The pump (`bulkPump`): one message per step of an operation. A step releases the next slice of items (one queue
//   message each) and the next step, delayed by the pace, in ONE batch with the operation's change (the outbox); once
//   every item is released, it looks at the results every few seconds, releases again any item whose message was lost
//   (no result two minutes after its release), and completes the operation when every item has a result. Only the
//   message of the step the operation is at moves it on: a duplicate or an older step does nothing. Every step takes
//   its slice from one counter shared by every operation of every partner (`BULK_INVITATIONS_PER_MINUTE` a minute):
//   a step refused waits for the next minute.
// - Items (`bulkInvitationItem`, `bulkTerminationItem`): each makes its effect with an id derived from the operation
//   and the index, and records its result in the effect's batch; a redelivery finds the result and does nothing.
// - The timer (`resumeBulkOperations`): pumps again any running operation whose next step is overdue (its message was
//   lost with a crash of the queue's store); the step rule makes the extra message harmless.
import { z } from 'zod';
import { auditEventsMessage, type AuditActor } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { AppError, NotFoundError, TooManyRequestsError } from '../../platform/core/errors.js';
import type { Logger } from '../../platform/core/logger.js';
import { localeSchema } from '../../platform/i18n/locales.js';
import { conditionalWrite, STALE } from '../../platform/persistence/conditional-write.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import type { QueueSender } from '../../platform/queue/queue-sender.js';
import { queueJobKind, queueJobMessage, type QueueJobRegistry } from '../../platform/queue/queue-jobs.js';
import { queues } from '../../platform/queue/queues.js';
import type { RateLimit, RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import { partnerTypeSchema } from '../catalog/partner-types.js';
import { invitationIdFor, resolveRolePolicy } from '../invitations/invitation.js';
import type { InvitationRepository } from '../invitations/invitation-repository.js';
import { assertNotOwnTenant, recipientLimit, storeNewInvitation } from '../invitations/partner-invitations.js';
import { relationshipJobMessage } from '../relationships/relationship-jobs.js';
import { terminationStep } from '../relationships/relationship-lifecycle-use-cases.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import type { Relationship } from '../relationships/relationship.js';
import {
  countsOf,
  ITEM_RELEASE_TIMEOUT_SECONDS,
  itemEffectKey,
  MAX_ITEMS_PER_STEP,
  paceFor,
  PUMP_GRACE_SECONDS,
  statusOf,
  SWEEP_SECONDS,
  type Operation,
} from './operation.js';
import { resultCreateOperation, type OperationRepository } from './operation-repository.js';

export interface OperationJobDeps {
  operations: OperationRepository;
  invitations: InvitationRepository;
  relationships: RelationshipRepository;
  outbox: OutboxDispatcher;
  queueSender: QueueSender;
  rateLimiter: RateLimiter;
  clock: Clock;
  invitationLimits: { perPartnerPerHour: number; perRecipientPerDay: number };
  /** Items a minute, every running operation of every partner together. */
  bulkItemsPerMinute: number;
}

const actorSchema = z.object({
  kind: z.enum(['customer', 'partner', 'public', 'system']),
  tenantId: z.string().optional(),
  userId: z.string().optional(),
});

const jobBase = {
  id: z.string().min(1).max(200),
  partnerId: z.string().min(1),
  operationId: z.string().min(1),
};

const pumpJob = z.object({ ...jobBase, kind: z.literal('bulkPump'), step: z.number().int().min(0) });

const invitationItemJob = z.object({
  ...jobBase,
  kind: z.literal('bulkInvitationItem'),
  index: z.number().int().min(0),
  partnerTenantId: z.string().min(1),
  item: z.object({
    customerEmail: z.string().min(1),
    customerTenantId: z.string().optional(),
    customerDisplayName: z.string().optional(),
    locale: localeSchema.optional(),
    displayName: z.string().optional(),
  }),
  settings: z.object({
    partnerType: partnerTypeSchema,
    roles: z.array(z.string()).optional(),
    durationDays: z.number().int().optional(),
    autoExtend: z.boolean().optional(),
    roleTemplateId: z.string().optional(),
  }),
  requestLocale: localeSchema,
  actor: actorSchema,
  correlationId: z.string(),
});

const terminationItemJob = z.object({
  ...jobBase,
  kind: z.literal('bulkTerminationItem'),
  index: z.number().int().min(0),
  customerTenantId: z.string().min(1),
  actor: actorSchema,
  correlationId: z.string(),
});

const PACE_KEY = 'bulk-operations:items';

/** The message of pump step `step`, delayed by `delaySeconds`. */
export const pumpMessage = (operation: Pick<Operation, 'id' | 'partnerId'>, step: number, delaySeconds = 0): QueueMessage => ({
  ...queueJobMessage(queues.bulkOperations, {
    id: `bulk-pump_${operation.id}_${step}`,
    kind: 'bulkPump',
    partnerId: operation.partnerId,
    operationId: operation.id,
    step,
  }),
  ...(delaySeconds > 0 ? { delaySeconds } : {}),
});

/** The message of item `index`, released at pump step `step` (an item released again gets a message of its own). */
export function itemMessage(operation: Operation, index: number, step: number): QueueMessage {
  const base = {
    id: `bulk-item_${operation.id}_${index}_${step}`,
    partnerId: operation.partnerId,
    operationId: operation.id,
    index,
  };
  if (operation.invitations) {
    return queueJobMessage(queues.bulkOperations, {
      ...base,
      kind: 'bulkInvitationItem',
      partnerTenantId: operation.partnerTenantId,
      item: { ...operation.invitations.items[index]! },
      settings: { ...operation.invitations.settings },
      requestLocale: operation.invitations.requestLocale,
      actor: { ...operation.actor },
      correlationId: operation.correlationId,
    });
  }
  return queueJobMessage(queues.bulkOperations, {
    ...base,
    kind: 'bulkTerminationItem',
    customerTenantId: operation.customerTenantIds![index]!,
    actor: { ...operation.actor },
    correlationId: operation.correlationId,
  });
}

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** One pump step of an operation (see the top of this file). */
export async function runPumpStep(
  deps: OperationJobDeps,
  job: { partnerId: string; operationId: string; step: number; id: string },
  logger: Logger,
): Promise<'released' | 'swept' | 'completed' | 'waiting' | 'skipped'> {
  const found = await deps.operations.get(job.partnerId, job.operationId);
  if (!found || found.value.completedAt || found.value.step !== job.step) return 'skipped';
  const operation = found.value;
  const now = deps.clock.now();
  let next: Operation;
  let messages: QueueMessage[];
  let taken: RateLimit | undefined;
  let outcome: 'released' | 'swept' | 'completed';

  if (operation.released < operation.total) {
    const pace = paceFor(deps.bulkItemsPerMinute);
    const count = Math.min(pace.itemsPerStep, operation.total - operation.released);
    taken = { key: PACE_KEY, limit: deps.bulkItemsPerMinute, windowSeconds: 60, units: count };
    try {
      await deps.rateLimiter.take([taken], 'The bulk operations used up this minute.');
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
      // Other operations used this minute: the same step comes back when it ends (the timer covers a lost message).
      await deps.queueSender.send(queues.bulkOperations, pumpMessage(operation, job.step).payload, {
        delaySeconds: error.retryAfterSeconds,
      });
      logger.info('bulk operation waits for the next minute', { operationId: operation.id, step: job.step });
      return 'waiting';
    }
    const last = operation.released + count >= operation.total;
    const delay = last ? SWEEP_SECONDS : pace.stepSeconds;
    next = {
      ...operation,
      released: operation.released + count,
      step: operation.step + 1,
      lastReleasedAt: now.toISOString(),
      pumpDueAt: later(now, delay + PUMP_GRACE_SECONDS),
    };
    messages = [
      ...range(operation.released, count).map((index) => itemMessage(operation, index, operation.step)),
      pumpMessage(operation, operation.step + 1, delay),
    ];
    outcome = 'released';
  } else {
    const results = await deps.operations.results(operation.partnerId, operation.id);
    const recorded = new Set(results.map((r) => r.index));
    if (recorded.size >= operation.total) {
      const counts = countsOf(operation, results);
      next = { ...operation, step: operation.step + 1, completedAt: now.toISOString() };
      messages = [
        auditEventsMessage(
          [
            {
              eventId: `op-completed_${operation.id}`,
              actor: operation.actor,
              action: 'operation.completed',
              target: { type: 'operation', id: operation.id },
              correlationId: operation.correlationId,
              outcome: counts.succeeded > 0 ? 'success' : 'failure',
              details: { kind: operation.kind, status: statusOf(counts), ...counts },
              tenants: [operation.partnerTenantId],
            },
          ],
          now,
        ),
      ];
      outcome = 'completed';
    } else {
      const lastRelease = Date.parse(operation.lastReleasedAt ?? operation.createdAt);
      const timedOut = now.getTime() - lastRelease >= ITEM_RELEASE_TIMEOUT_SECONDS * 1000;
      const again = timedOut
        ? range(0, operation.total)
            .filter((i) => !recorded.has(i))
            .slice(0, MAX_ITEMS_PER_STEP)
        : [];
      next = {
        ...operation,
        step: operation.step + 1,
        ...(again.length > 0 ? { lastReleasedAt: now.toISOString() } : {}),
        pumpDueAt: later(now, SWEEP_SECONDS + PUMP_GRACE_SECONDS),
      };
      messages = [
        ...again.map((index) => itemMessage(operation, index, operation.step)),
        pumpMessage(operation, operation.step + 1, SWEEP_SECONDS),
      ];
      if (again.length > 0)
        logger.warn('bulk operation releases items again', { operationId: operation.id, count: again.length });
      outcome = 'swept';
    }
  }
  const saved = await deps.operations.replace(
    next,
    found.etag,
    messages.map((m) => outboxCreateOperation(operation.partnerId, m, now)),
  );
  if (saved === STALE) {
    // Another delivery of this step moved it on first.
    if (taken) await deps.rateLimiter.release([taken], now);
    return 'skipped';
  }
  await deps.outbox.dispatch(operation.partnerId, messages);
  return outcome;
}

/** Records a failed item (with its audit event), unless the item has a result already. */
async function recordFailure(
  deps: OperationJobDeps,
  job: { partnerId: string; operationId: string; index: number; actor: AuditActor; correlationId: string },
  partnerTenantId: string | undefined,
  code: string,
): Promise<void> {
  const now = deps.clock.now();
  const audit = auditEventsMessage(
    [
      {
        eventId: `op-item-failed_${job.operationId}_${job.index}`,
        actor: job.actor,
        action: 'operation.itemFailed',
        target: { type: 'operation', id: job.operationId },
        correlationId: job.correlationId,
        outcome: 'failure',
        details: { index: job.index, code },
        tenants: [partnerTenantId],
      },
    ],
    now,
  );
  const recorded = await deps.operations.recordResult(
    job.partnerId,
    { operationId: job.operationId, index: job.index, status: 'failed', code, at: now.toISOString() },
    [outboxCreateOperation(job.partnerId, audit, now)],
  );
  if (recorded === 'recorded') await deps.outbox.dispatch(job.partnerId, [audit]);
}

/** A refusal the single request would answer with a 4xx: the item fails with its code, for good. */
const itemRefusal = (error: unknown): string | undefined =>
  error instanceof AppError && error.status < 500 ? error.code : undefined;

export async function runInvitationItem(deps: OperationJobDeps, job: z.output<typeof invitationItemJob>): Promise<void> {
  if (await deps.operations.hasResult(job.partnerId, job.operationId, job.index)) return;
  const invitationId = invitationIdFor(job.partnerId, itemEffectKey(job.operationId, job.index));
  const { roleTemplateId, ...settings } = job.settings;
  try {
    const policy = resolveRolePolicy(settings);
    assertNotOwnTenant(job.partnerTenantId, job.item.customerTenantId);
    await storeNewInvitation(deps, {
      id: invitationId,
      partner: { id: job.partnerId, partnerTenantId: job.partnerTenantId },
      input: { ...job.item, ...settings },
      policy,
      actor: job.actor,
      correlationId: job.correlationId,
      requestLocale: job.requestLocale,
      limits: [recipientLimit(deps, job.item.customerEmail)],
      extraOperations: [
        resultCreateOperation(job.partnerId, {
          operationId: job.operationId,
          index: job.index,
          status: 'succeeded',
          invitationId,
          at: deps.clock.now().toISOString(),
        }),
      ],
      auditDetails: { operationId: job.operationId, itemIndex: job.index, ...(roleTemplateId ? { roleTemplateId } : {}) },
    });
    // 'exists': an earlier delivery made it (and recorded the result in the same batch).
  } catch (error) {
    const code = itemRefusal(error);
    if (code === undefined) throw error;
    await recordFailure(deps, job, job.partnerTenantId, code);
  }
}

export async function runTerminationItem(deps: OperationJobDeps, job: z.output<typeof terminationItemJob>): Promise<void> {
  if (await deps.operations.hasResult(job.partnerId, job.operationId, job.index)) return;
  try {
    const message = await conditionalWrite<Relationship, QueueMessage>({
      read: () => deps.relationships.get(job.partnerId, job.customerTenantId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The customer');
        const now = deps.clock.now();
        const { next, job: relationshipJob, operations } = terminationStep(found.value, now, job.actor, job.correlationId);
        const message = relationshipJobMessage(relationshipJob);
        const result = resultCreateOperation(job.partnerId, {
          operationId: job.operationId,
          index: job.index,
          status: 'succeeded',
          at: now.toISOString(),
        });
        return {
          write: async () => {
            const saved = await deps.relationships.replace(next, found.etag, [message], now, [result, ...operations]);
            return saved === STALE ? STALE : message;
          },
        };
      },
    });
    await deps.outbox.dispatch(job.partnerId, [message]);
  } catch (error) {
    const code = itemRefusal(error);
    if (code === undefined) throw error;
    await recordFailure(deps, job, job.actor.tenantId, code);
  }
}

/** Timer: pumps again the running operations whose next step is overdue. */
export async function resumeBulkOperations(deps: OperationJobDeps, logger: Logger): Promise<number> {
  const overdue = await deps.operations.findOverdue(deps.clock.now().toISOString(), 100);
  for (const operation of overdue) {
    await deps.queueSender.send(queues.bulkOperations, pumpMessage(operation, operation.step).payload);
  }
  if (overdue.length > 0) logger.warn('bulk operations pumped again', { count: overdue.length });
  return overdue.length;
}

/** The job kinds of the bulk-operations queue, for the app's registry. */
export const operationJobKinds = (deps: OperationJobDeps): QueueJobRegistry => ({
  bulkPump: queueJobKind(pumpJob, async (job, logger) => {
    const outcome = await runPumpStep(deps, job, logger);
    logger.info('bulk pump step', { operationId: job.operationId, step: job.step, outcome });
  }),
  bulkInvitationItem: queueJobKind(invitationItemJob, (job) => runInvitationItem(deps, job)),
  bulkTerminationItem: queueJobKind(terminationItemJob, (job) => runTerminationItem(deps, job)),
});
