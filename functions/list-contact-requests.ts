// GET /api/partner/contact-requests — the calling partner's leads.
import { register } from '../shared/platform/functions-registry.js';
import { listContactRequests as contract } from '../shared/features/leads/lead-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { listLeads } from '../shared/features/leads/lead-use-cases.js';

export const makeListContactRequestsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listLeads(await deps(), principal, query.status, query)),
  );

register.http(contract.name, httpTrigger(contract, makeListContactRequestsHandler(dependencies)));
