// Queue trigger: the bulk operations' pump steps and items (the app's registry maps each job kind to its feature).
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { queueJobEnvelope, runQueueJob } from '../shared/platform/queue/queue-jobs.js';
import { parseQueueMessage, triggerLogger } from '../shared/platform/queue/triggers.js';
import { queueConnectionSetting, queues } from '../shared/platform/queue/queues.js';

export const makeProcessBulkOperationJobHandler =
  (deps: DependencyProvider) => async (message: unknown, context: InvocationContext) => {
    const resolved = await deps();
    await runQueueJob(resolved.bulkOperationJobs, parseQueueMessage(queueJobEnvelope, message), triggerLogger(context));
    await resolved.outbox.acknowledge(message);
  };

register.storageQueue('processBulkOperationJob', {
  queueName: queues.bulkOperations,
  connection: queueConnectionSetting,
  handler: makeProcessBulkOperationJobHandler(dependencies),
});
