// Queue trigger: one attempt at delivering a webhook event (signed POST, outcome recorded, retry queued with back-off).
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { processWebhookAttempt, webhookAttemptJob } from '../shared/features/webhooks/webhook-delivery.js';
import { parseQueueMessage, triggerLogger } from '../shared/platform/queue/triggers.js';
import { queueConnectionSetting, queues } from '../shared/platform/queue/queues.js';

export const makeDeliverWebhookHandler = (deps: DependencyProvider) => async (message: unknown, context: InvocationContext) => {
  const resolved = await deps();
  await processWebhookAttempt(resolved, parseQueueMessage(webhookAttemptJob, message), triggerLogger(context));
  // The outcome (and the next attempt, if any) is stored: this attempt's outbox item can go.
  await resolved.outbox.acknowledge(message);
};

register.storageQueue('deliverWebhook', {
  queueName: queues.webhookDeliveries,
  connection: queueConnectionSetting,
  handler: makeDeliverWebhookHandler(dependencies),
});
