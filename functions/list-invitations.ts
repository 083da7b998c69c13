// GET /api/partner/invitations — the calling partner's invitations.
import { register } from '../shared/platform/functions-registry.js';
import { listInvitations as contract } from '../shared/features/invitations/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { listInvitations } from '../shared/features/invitations/partner-invitations.js';

export const makeListInvitationsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query, locale }) =>
    ok(await listInvitations(await deps(), principal, query.status, query, locale)),
  );

register.http(contract.name, httpTrigger(contract, makeListInvitationsHandler(dependencies)));
