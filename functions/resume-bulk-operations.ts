// Timer: pumps again the running bulk operations whose next step is overdue (its queue message was lost with a
// crash); a duplicate step does nothing, so a late message and this one can both arrive.
import { type InvocationContext, type Timer } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';
import { resumeBulkOperations } from '../shared/features/operations/operation-jobs.js';

export const makeResumeBulkOperationsHandler =
  (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
    await resumeBulkOperations(await deps(), triggerLogger(context));
  };

register.timer('resumeBulkOperations', { schedule: '30 * * * * *', handler: makeResumeBulkOperationsHandler(dependencies) });
