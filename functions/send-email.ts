// Queue trigger: sends the email of one job through ACS, exactly once whatever the redeliveries.
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { emailJobEnvelope } from '../shared/platform/email/email-jobs.js';
import { processEmailJob } from '../shared/platform/email/email-job-runner.js';
import { parseQueueMessage, triggerLogger } from '../shared/platform/queue/triggers.js';
import { queueConnectionSetting, queues } from '../shared/platform/queue/queues.js';

export const makeSendEmailHandler = (deps: DependencyProvider) => async (message: unknown, context: InvocationContext) => {
  const resolved = await deps();
  await processEmailJob(resolved, parseQueueMessage(emailJobEnvelope, message), triggerLogger(context));
  // Handled (sent, already sent, nothing to send, or back on the queue for later): its outbox item can go.
  await resolved.outbox.acknowledge(message);
};

register.storageQueue('sendEmail', {
  queueName: queues.emailJobs,
  connection: queueConnectionSetting,
  handler: makeSendEmailHandler(dependencies),
});
