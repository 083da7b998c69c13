// Timer: pumps again the running bulk operations whose next step is overdue (its queue message was lost with a
// crash); a duplicate step does nothing, so a late message and this one can both arrive.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';
import { resumeBulkOperations } from '../shared/features/operations/operation-jobs.js';

export const makeResumeBulkOperationsHandler =
  (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
    await resumeBulkOperations(await deps(), triggerLogger(context));
  };

app.timer('resumeBulkOperations', { schedule: '30 * * * * *', handler: makeResumeBulkOperationsHandler(dependencies) });
