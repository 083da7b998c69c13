// GET /api/partners — search the partner directory.
import { register } from '../shared/platform/functions-registry.js';
import { searchPartners as contract } from '../shared/features/directory/directory-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { searchPartners } from '../shared/features/directory/directory-use-cases.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeSearchPartnersHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ query }) => {
    const { pageSize, continuationToken, ...filter } = query;
    return ok(await searchPartners(await deps(), filter, { pageSize, continuationToken }));
  });

register.http(contract.name, httpTrigger(contract, makeSearchPartnersHandler(dependencies)));
