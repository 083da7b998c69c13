// Queue trigger on the email poison queue: a job that failed maxDequeueCount times is recorded as failed.
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { emailJobEnvelope } from '../shared/platform/email/email-jobs.js';
import { recordUndeliverableEmailJob } from '../shared/platform/email/email-job-runner.js';
import { parseQueueMessage, triggerLogger } from '../shared/platform/queue/triggers.js';
import { poisonQueueName, queueConnectionSetting, queues } from '../shared/platform/queue/queues.js';

export const makeRecordUndeliverableEmailHandler =
  (deps: DependencyProvider) => async (message: unknown, context: InvocationContext) => {
    const resolved = await deps();
    await recordUndeliverableEmailJob(resolved, parseQueueMessage(emailJobEnvelope, message), triggerLogger(context));
    // Failed for good and recorded so: the outbox must not send it again.
    await resolved.outbox.acknowledge(message);
  };

register.storageQueue('recordUndeliverableEmail', {
  queueName: poisonQueueName(queues.emailJobs),
  connection: queueConnectionSetting,
  handler: makeRecordUndeliverableEmailHandler(dependencies),
});
