// GET /api/partner/contact-requests/{contactRequestId} — one lead.
import { register } from '../shared/platform/functions-registry.js';
import { getContactRequest as contract } from '../shared/features/leads/lead-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { getLead } from '../shared/features/leads/lead-use-cases.js';

export const makeGetContactRequestHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params }) => {
    const { value, etag } = await getLead(await deps(), principal, params.contactRequestId);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetContactRequestHandler(dependencies)));
