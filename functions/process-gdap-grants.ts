// Timer: GDAP time limits (hourly) — expires grants at their end, auto-extends eligible ones, queues 30/7/1-day notices.
import { type InvocationContext, type Timer } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';
import { runGdapTimer } from '../shared/features/relationships/gdap-timer.js';

export const makeProcessGdapGrantsHandler = (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
  const outcome = await runGdapTimer(await deps(), context.invocationId);
  triggerLogger(context).info('GDAP grants processed', outcome);
};

register.timer('processGdapGrants', { schedule: '0 5 * * * *', handler: makeProcessGdapGrantsHandler(dependencies) });
