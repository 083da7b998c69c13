// Queue trigger: finishes relationship changes committed elsewhere (e.g. applying an accepted invitation), idempotently.
import { app, type InvocationContext } from '@azure/functions';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { parseQueueMessage, triggerLogger } from '../shared/platform/queue/triggers.js';
import { queueConnectionSetting, queues } from '../shared/platform/queue/queues.js';
import { processRelationshipJob } from '../shared/features/relationships/relationship-job-processor.js';
import { relationshipJobSchema } from '../shared/features/relationships/relationship-jobs.js';

export const makeProcessRelationshipJobHandler =
  (deps: DependencyProvider) => async (message: unknown, context: InvocationContext) => {
    await processRelationshipJob(deps(), parseQueueMessage(relationshipJobSchema, message), triggerLogger(context));
  };

app.storageQueue('processRelationshipJob', {
  queueName: queues.relationshipJobs,
  connection: queueConnectionSetting,
  handler: makeProcessRelationshipJobHandler(dependencies),
});
