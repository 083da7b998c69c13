// GET /api/partners/{partnerId} — one partner profile.
import { register } from '../shared/platform/functions-registry.js';
import { getPartner as contract } from '../shared/features/directory/directory-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { getPartner } from '../shared/features/directory/directory-use-cases.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeGetPartnerHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ params }) => {
    const { value, etag } = await getPartner(await deps(), params.partnerId);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetPartnerHandler(dependencies)));
