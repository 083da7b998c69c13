// Queue trigger: finishes relationship changes committed elsewhere (e.g. applying an accepted invitation), idempotently.
import { app, type InvocationContext } from '@azure/functions';
import { dependencies, type DependencyProvider } from '../shared/composition-root.js';
import { parseQueueMessage, triggerLogger } from '../shared/functions-support/triggers.js';
import { queueConnectionSetting, queues } from '../shared/queue/queues.js';
import { processRelationshipJob } from '../shared/relationships/relationship-job-processor.js';
import { relationshipJobSchema } from '../shared/relationships/relationship-jobs.js';

export const makeProcessRelationshipJobHandler =
  (deps: DependencyProvider) => async (message: unknown, context: InvocationContext) => {
    await processRelationshipJob(deps(), parseQueueMessage(relationshipJobSchema, message), triggerLogger(context));
  };

app.storageQueue('processRelationshipJob', {
  queueName: queues.relationshipJobs,
  connection: queueConnectionSetting,
  handler: makeProcessRelationshipJobHandler(dependencies),
});
