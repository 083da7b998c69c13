// GET /api/partner/profile — the calling partner's own listing.
import { register } from '../shared/platform/functions-registry.js';
import { getOwnPartnerProfile as contract } from '../shared/features/directory/directory-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { getOwnProfile } from '../shared/features/directory/directory-use-cases.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeGetOwnPartnerProfileHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal }) => {
    const { value, etag } = await getOwnProfile(await deps(), principal);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetOwnPartnerProfileHandler(dependencies)));
