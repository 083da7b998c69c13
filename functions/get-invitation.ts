// GET /api/partner/invitations/{invitationId} — one invitation of the calling partner.
import { register } from '../shared/platform/functions-registry.js';
import { getInvitation as contract } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { getInvitation } from '../shared/features/invitations/partner-invitations.js';

export const makeGetInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, locale }) => {
    const { value, etag } = await getInvitation(await deps(), principal, params.invitationId, locale);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetInvitationHandler(dependencies)));
