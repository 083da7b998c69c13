// Timer: contact requests left unanswered for 14 days expire.
import { type InvocationContext, type Timer } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';
import { expireLeads } from '../shared/features/leads/lead-use-cases.js';

export const makeExpireContactRequestsHandler =
  (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
    const expired = await expireLeads(await deps(), context.invocationId);
    triggerLogger(context).info('contact requests expired', { count: expired });
  };

register.timer('expireContactRequests', { schedule: '0 5 * * * *', handler: makeExpireContactRequestsHandler(dependencies) });
