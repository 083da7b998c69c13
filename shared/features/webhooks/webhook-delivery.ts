// Delivers webhook events, one attempt per message of the webhook-deliveries queue.
//
// An attempt POSTs the delivery's fixed body, signed for this attempt, to the subscription's current URL with its
// current secret, and records the outcome before the message is acknowledged:
// - 2xx: the delivery is `delivered` and the subscription's failure run starts again (an unconditional patch, so
//   concurrent successes never contend). A redelivered message of a delivered event finds it delivered: no second POST.
// - anything else (other status, 3xx included — redirects are not followed —, timeout, no connection): the failure is
//   counted on the subscription and the next attempt is queued with a doubling delay (the queue's visibility timeout:
//   no worker waits), in one batch with the delivery's new state. 410 Gone disables the webhook at once; the
//   configured run of failures in a row disables it too. Disabling commits, in that same batch, the partner's notice
//   email (one job id per disabling: exactly one email) and the audit event.
// - A delivery whose subscription was deleted, replaced or disabled meanwhile is cancelled, not sent.
//
// At-least-once on the wire: a worker that crashes after the receiver answered but before the outcome is stored
// POSTs again when the message comes back, with the same `webhook-id`, which receivers dedupe on (as the standard
// asks). The window is that one attempt; a message delivered twice by the queue is caught by the attempt counter.
import { z } from 'zod';
import { auditEventsMessage, systemActor } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { derivedId } from '../../platform/core/ids.js';
import type { Logger } from '../../platform/core/logger.js';
import { emailJobMessage } from '../../platform/email/email-jobs.js';
import { conditionalWrite, STALE } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import { queues } from '../../platform/queue/queues.js';
import type { WebhookAttemptOutcome, WebhookSender } from '../../platform/webhooks/webhook-sender.js';
import {
  isSuccessStatus,
  retryDelaySeconds,
  type LastDelivery,
  type WebhookDelivery,
  type WebhookSubscription,
} from './webhook.js';
import type { WebhookRepository } from './webhook-repository.js';

/** One attempt at one delivery; its id names the attempt, so each attempt's outbox item is its own. */
export const webhookAttemptJob = z.object({
  id: z.string().min(1).max(200),
  kind: z.literal('webhookAttempt'),
  partnerId: z.string().min(1).max(100),
  webhookId: z.string().min(1).max(100),
  attempt: z.number().int().min(1),
});
export type WebhookAttemptJob = z.output<typeof webhookAttemptJob>;

export const webhookAttemptMessage = (delivery: WebhookDelivery, attempt: number, delaySeconds?: number): QueueMessage => {
  const job: WebhookAttemptJob = {
    id: `${delivery.id}_${attempt}`,
    kind: 'webhookAttempt',
    partnerId: delivery.partnerId,
    webhookId: delivery.id,
    attempt,
  };
  return { id: job.id, queue: queues.webhookDeliveries, payload: job, ...(delaySeconds ? { delaySeconds } : {}) };
};

export interface WebhookDeliveryDeps {
  webhooks: WebhookRepository;
  webhookSender: WebhookSender;
  outbox: OutboxDispatcher;
  clock: Clock;
  webhookSettings: { maxConsecutiveFailures: number; retryBaseSeconds: number };
}

export type AttemptResult = 'delivered' | 'retrying' | 'failed' | 'disabled' | 'cancelled' | 'skipped';

export async function processWebhookAttempt(
  deps: WebhookDeliveryDeps,
  job: WebhookAttemptJob,
  logger: Logger,
): Promise<AttemptResult> {
  const found = await deps.webhooks.getDelivery(job.partnerId, job.webhookId);
  // Gone (expired history), finished, or this attempt already recorded (the queue handed the message over twice).
  if (!found || found.value.status !== 'pending' || job.attempt <= found.value.attempts) return 'skipped';
  const delivery = found.value;
  const subscription = await deps.webhooks.getSubscription(job.partnerId);
  if (!sendsTo(subscription?.value, delivery)) {
    const saved = await deps.webhooks.recordAttempt({ ...delivery, status: 'cancelled' }, found.etag, undefined, []);
    return saved === 'saved' ? 'cancelled' : 'skipped';
  }
  const outcome = await deps.webhookSender.send({
    url: subscription.value.url,
    secret: subscription.value.secret,
    messageId: delivery.id,
    timestamp: deps.clock.now(),
    body: delivery.body,
  });
  const at = deps.clock.now().toISOString();
  const log = { partnerId: job.partnerId, webhookId: delivery.id, attempt: job.attempt };
  if ('status' in outcome && isSuccessStatus(outcome.status)) {
    const { nextAttemptAt: _n, ...rest } = delivery;
    void _n;
    const delivered: WebhookDelivery = {
      ...rest,
      status: 'delivered',
      attempts: job.attempt,
      lastAttemptAt: at,
      lastStatus: outcome.status,
      deliveredAt: at,
    };
    const last: LastDelivery = {
      at,
      webhookId: delivery.id,
      eventType: delivery.eventType,
      outcome: 'delivered',
      httpStatus: outcome.status,
    };
    const saved = await deps.webhooks.recordDelivered(delivered, found.etag, last);
    logger.info('webhook delivered', { ...log, status: outcome.status, recorded: saved === 'saved' });
    return 'delivered';
  }
  const result = await recordFailure(deps, job, outcome, at);
  logger.info('webhook attempt failed', {
    ...log,
    ...('status' in outcome ? { status: outcome.status } : { error: outcome.error }),
    result,
  });
  return result;
}

const sendsTo = (s: WebhookSubscription | undefined, d: WebhookDelivery): s is WebhookSubscription =>
  !!s && s.subscriptionId === d.subscriptionId && s.status === 'enabled';

interface AttemptState {
  delivery: WebhookDelivery;
  deliveryEtag: string;
  subscription?: Versioned<WebhookSubscription>;
}

/** Counts the failure, decides retry / give up / disable, and commits it all (with the messages it sets off) at once. */
async function recordFailure(
  deps: WebhookDeliveryDeps,
  job: WebhookAttemptJob,
  outcome: WebhookAttemptOutcome,
  at: string,
): Promise<AttemptResult> {
  const { maxConsecutiveFailures, retryBaseSeconds } = deps.webhookSettings;
  let messages: QueueMessage[] = [];
  const result = await conditionalWrite<AttemptState, AttemptResult>({
    read: async () => {
      const [delivery, subscription] = await Promise.all([
        deps.webhooks.getDelivery(job.partnerId, job.webhookId),
        deps.webhooks.getSubscription(job.partnerId),
      ]);
      if (!delivery) return undefined;
      return {
        value: { delivery: delivery.value, deliveryEtag: delivery.etag, ...(subscription ? { subscription } : {}) },
        etag: delivery.etag,
      };
    },
    decide: (current) => {
      if (!current) return { done: 'skipped' };
      const { delivery, deliveryEtag, subscription } = current.value;
      if (delivery.status !== 'pending' || job.attempt <= delivery.attempts) return { done: 'skipped' };
      const failure = {
        attempts: job.attempt,
        lastAttemptAt: at,
        ...('status' in outcome ? { lastStatus: outcome.status } : { lastError: outcome.error }),
      };
      if (!sendsTo(subscription?.value, delivery)) {
        const cancelled: WebhookDelivery = { ...delivery, ...failure, status: 'cancelled' };
        return {
          write: async () =>
            (await deps.webhooks.recordAttempt(cancelled, deliveryEtag, undefined, [])) === 'saved' ? 'cancelled' : STALE,
        };
      }
      const sub = subscription.value;
      const gone = 'status' in outcome && outcome.status === 410;
      const failures = sub.consecutiveFailures + 1;
      const disable = gone || failures >= maxConsecutiveFailures;
      const retry = !disable && job.attempt < maxConsecutiveFailures;
      const now = new Date(at);
      const delay = retryDelaySeconds(job.attempt, retryBaseSeconds);
      const { nextAttemptAt: _n, ...rest } = delivery;
      void _n;
      const nextDelivery: WebhookDelivery = {
        ...rest,
        ...failure,
        status: retry ? 'pending' : 'failed',
        ...(retry ? { nextAttemptAt: new Date(now.getTime() + delay * 1000).toISOString() } : {}),
      };
      const nextSubscription: WebhookSubscription = {
        ...sub,
        consecutiveFailures: failures,
        lastDelivery: {
          at,
          webhookId: delivery.id,
          eventType: delivery.eventType,
          outcome: 'failed',
          ...('status' in outcome ? { httpStatus: outcome.status } : { error: outcome.error }),
        },
        ...(disable
          ? { status: 'disabled' as const, disabledAt: at, disabledReason: gone ? ('gone' as const) : ('failures' as const) }
          : {}),
      };
      const outbox: QueueMessage[] = [
        ...(retry ? [webhookAttemptMessage(nextDelivery, job.attempt + 1, delay)] : []),
        ...(disable ? disabledMessages(nextSubscription, at) : []),
      ];
      return {
        write: async () => {
          const saved = await deps.webhooks.recordAttempt(
            nextDelivery,
            deliveryEtag,
            { value: nextSubscription, etag: subscription.etag },
            outbox.map((m) => outboxCreateOperation(job.partnerId, m, now)),
          );
          if (saved === STALE) return STALE;
          messages = outbox;
          return disable ? 'disabled' : retry ? 'retrying' : 'failed';
        },
      };
    },
  });
  await deps.outbox.dispatch(job.partnerId, messages);
  return result;
}

/** What disabling sets off: the partner's notice (one job id per disabling) and the audit event. */
function disabledMessages(s: WebhookSubscription, at: string): QueueMessage[] {
  return [
    emailJobMessage({
      id: derivedId('webhook-disabled', s.subscriptionId, at),
      kind: 'webhookDisabled',
      partnerId: s.partnerId,
      subscriptionId: s.subscriptionId,
      disabledAt: at,
    }),
    auditEventsMessage(
      [
        {
          eventId: derivedId('webhook-disabled-audit', s.subscriptionId, at),
          actor: systemActor,
          action: 'webhook.disabled',
          target: { type: 'webhook', id: s.subscriptionId },
          correlationId: derivedId('webhook-disabled', s.subscriptionId, at),
          details: { reason: s.disabledReason ?? 'failures', failures: s.consecutiveFailures },
          tenants: [s.partnerTenantId],
        },
      ],
      new Date(at),
    ),
  ];
}
