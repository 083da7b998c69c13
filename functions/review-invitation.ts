// GET /api/customer/invitations/{invitationId}?code= — what the accept page shows.
import { register } from '../shared/platform/functions-registry.js';
import { reviewInvitation as contract } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { reviewInvitation } from '../shared/features/invitations/customer-answers.js';

export const makeReviewInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, query, locale }) =>
    ok(await reviewInvitation(await deps(), principal, params.invitationId, query.code, locale)),
  );

register.http(contract.name, httpTrigger(contract, makeReviewInvitationHandler(dependencies)));
