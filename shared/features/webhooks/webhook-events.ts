// Raises webhook events from the audit trail: every audited action that is one of the webhook events (webhook.ts
// maps them) becomes, for the partner it belongs to, a delivery — if that partner has an enabled webhook subscribed to
// it. Registered as an audit subscriber by the composition root, so no use case raises events itself.
//
// Once per event: the delivery's id (the `webhook-id`) is derived from the audit event id and the subscription, and
// the delivery is created together with its first attempt's outbox item in one batch — a replayed audit job finds it
// created ('exists') and queues nothing; a crash between the batch and the send leaves the outbox item to the sweeper.
import type { AuditRecord } from '../../platform/audit/audit-log.js';
import type { AuditSubscriber } from '../../platform/audit/audit-subscribers.js';
import type { Clock } from '../../platform/core/clock.js';
import { outboxCreateOperation, type OutboxDispatcher } from '../../platform/queue/outbox.js';
import { partnerOfEvent, webhookEventOf, webhookMessageId, webhookPayload, type WebhookDelivery } from './webhook.js';
import { webhookAttemptMessage } from './webhook-delivery.js';
import type { WebhookRepository } from './webhook-repository.js';

export interface WebhookEventDeps {
  webhooks: WebhookRepository;
  outbox: OutboxDispatcher;
  clock: Clock;
}

export const webhookAuditSubscriber = (deps: WebhookEventDeps): AuditSubscriber => ({
  async written(records: readonly AuditRecord[]): Promise<void> {
    for (const record of records) await raise(deps, record);
  },
});

/** The delivery (if any) of one audited event; returns whether one was created now. */
export async function raise(deps: WebhookEventDeps, record: AuditRecord): Promise<boolean> {
  if (record.outcome !== 'success') return false;
  const type = webhookEventOf(record.action);
  if (!type) return false;
  const owner = partnerOfEvent(record);
  if (!owner) return false;
  const subscription = (await deps.webhooks.getSubscription(owner.partnerId))?.value;
  if (!subscription || subscription.status !== 'enabled' || !subscription.events.includes(type)) return false;
  const now = deps.clock.now();
  const delivery: WebhookDelivery = {
    partnerId: owner.partnerId,
    id: webhookMessageId(record.eventId, subscription.subscriptionId),
    subscriptionId: subscription.subscriptionId,
    eventType: type,
    auditEventId: record.eventId,
    body: JSON.stringify(webhookPayload(type, record, owner)),
    status: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
  };
  const first = webhookAttemptMessage(delivery, 1);
  const created = await deps.webhooks.createDelivery(delivery, [outboxCreateOperation(owner.partnerId, first, now)]);
  if (created === 'exists') return false;
  await deps.outbox.dispatch(owner.partnerId, [first]);
  return true;
}
