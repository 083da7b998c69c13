// GET /api/partner/customers/{customerTenantId}/my-access — the roles the calling agent holds there through its groups.
import { register } from '../shared/platform/functions-registry.js';
import { getMyAccess as contract } from '../shared/features/relationships/access-contracts.js';
import { getMyAccess } from '../shared/features/relationships/access-assignment-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeGetMyAccessHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, locale }) =>
    ok(await getMyAccess(await deps(), principal, params.customerTenantId, locale)),
  );

register.http(contract.name, httpTrigger(contract, makeGetMyAccessHandler(dependencies)));
