// POST /api/partner/invitations — invite a customer; the email is queued (202).
import { register } from '../shared/platform/functions-registry.js';
import { createInvitation as contract, getInvitation } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { accepted, httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';
import { resourcePath } from '../shared/platform/http/location.js';
import { createInvitation } from '../shared/features/invitations/partner-invitations.js';

export const makeCreateInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, body, correlationId, logger, operationKey, locale }) => {
    const { value, etag } = await createInvitation(await deps(), principal, body, {
      correlationId,
      logger,
      operationKey,
      locale,
    });
    // The invitation is where its email status shows, so Location points the caller there.
    return { ...accepted(value, etag), location: resourcePath(getInvitation, { invitationId: value.id }) };
  });

register.http(contract.name, httpTrigger(contract, makeCreateInvitationHandler(dependencies)));
