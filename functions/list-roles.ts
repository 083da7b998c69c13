// GET /api/roles — the role catalog, named in the caller's language (Accept-Language).
import { register } from '../shared/platform/functions-registry.js';
import { listRoles as contract } from '../shared/app/service-contracts.js';
import { localizedRoleCatalog } from '../shared/features/catalog/roles.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeListRolesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ locale }) => ok({ items: localizedRoleCatalog(locale) }));

register.http(contract.name, httpTrigger(contract, makeListRolesHandler(dependencies)));
