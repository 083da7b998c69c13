// POST /api/partner/invitations/{invitationId}/resend — a new code and email (202).
import { register } from '../shared/platform/functions-registry.js';
import { resendInvitation as contract } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { accepted, httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';
import { resendInvitation } from '../shared/features/invitations/partner-invitations.js';

export const makeResendInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch, correlationId, logger, locale }) => {
    const { value, etag } = await resendInvitation(await deps(), principal, params.invitationId, ifMatch, {
      correlationId,
      logger,
      locale,
    });
    return accepted(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeResendInvitationHandler(dependencies)));
