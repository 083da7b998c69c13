// POST /api/customer/invitations/{invitationId}/accept — accept (with the Customer Agreement); answers the relationship.
import { register } from '../shared/platform/functions-registry.js';
import { acceptInvitation as contract } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { acceptInvitation } from '../shared/features/invitations/customer-answers.js';

export const makeAcceptInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, body, correlationId, logger, locale }) => {
    const { value, etag } = await acceptInvitation(await deps(), principal, params.invitationId, body, {
      correlationId,
      logger,
      locale,
    });
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeAcceptInvitationHandler(dependencies)));
