// Timer: the contact details of contact requests that ended (declined, closed, expired) are erased after the
// retention period (CONTACT_REQUEST_RETENTION_DAYS); the requests themselves stay.
import { type InvocationContext, type Timer } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';
import { eraseEndedLeadContacts } from '../shared/features/leads/lead-use-cases.js';

export const makeEraseContactRequestDetailsHandler =
  (deps: DependencyProvider) => async (_timer: Timer, context: InvocationContext) => {
    const erased = await eraseEndedLeadContacts(await deps(), context.invocationId);
    triggerLogger(context).info('contact request details erased', { count: erased });
  };

register.timer('eraseContactRequestDetails', {
  schedule: '0 15 3 * * *',
  handler: makeEraseContactRequestDetailsHandler(dependencies),
});
