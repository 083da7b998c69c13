// PUT /api/partner/profile — create (201) or update (200) the calling partner's listing.
import { register } from '../shared/platform/functions-registry.js';
import { getOwnPartnerProfile, saveOwnPartnerProfile as contract } from '../shared/features/directory/directory-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { saveOwnProfile } from '../shared/features/directory/directory-use-cases.js';
import { created, httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { resourcePath } from '../shared/platform/http/location.js';

export const makeSaveOwnPartnerProfileHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, body, ifMatch, correlationId }) => {
    const saved = await saveOwnProfile(await deps(), principal, body, ifMatch, correlationId);
    return saved.created ? created(saved.value, saved.etag, resourcePath(getOwnPartnerProfile)) : ok(saved.value, saved.etag);
  });

register.http(contract.name, httpTrigger(contract, makeSaveOwnPartnerProfileHandler(dependencies)));
