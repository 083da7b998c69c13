// POST /api/partner/invitations/{invitationId}/revoke — withdraw a pending invitation.
import { register } from '../shared/platform/functions-registry.js';
import { revokeInvitation as contract } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { revokeInvitation } from '../shared/features/invitations/partner-invitations.js';

export const makeRevokeInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch, correlationId, logger, locale }) => {
    const { value, etag } = await revokeInvitation(await deps(), principal, params.invitationId, ifMatch, {
      correlationId,
      logger,
      locale,
    });
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeRevokeInvitationHandler(dependencies)));
