// POST /api/customer/invitations/{invitationId}/decline — refuse the invitation.
import { register } from '../shared/platform/functions-registry.js';
import { declineInvitation as contract } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { declineInvitation } from '../shared/features/invitations/customer-answers.js';

export const makeDeclineInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, body, correlationId, logger, locale }) =>
    ok(await declineInvitation(await deps(), principal, params.invitationId, body.code, { correlationId, logger, locale })),
  );

register.http(contract.name, httpTrigger(contract, makeDeclineInvitationHandler(dependencies)));
