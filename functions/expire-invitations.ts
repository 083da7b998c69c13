// Timer: pending invitations left unanswered for 90 days expire (hourly).
import { type InvocationContext, type Timer } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';
import { expireInvitations } from '../shared/features/invitations/invitation-jobs.js';

export const makeExpireInvitationsHandler = (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
  const expired = await expireInvitations(await deps(), context.invocationId);
  triggerLogger(context).info('invitations expired', { count: expired });
};

register.timer('expireInvitations', { schedule: '0 15 * * * *', handler: makeExpireInvitationsHandler(dependencies) });
