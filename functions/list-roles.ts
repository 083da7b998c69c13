// GET /api/roles — the role catalog.
import { app } from '@azure/functions';
import { listRoles as contract } from '../shared/app/service-contracts.js';
import { roleCatalog } from '../shared/features/catalog/roles.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeListRolesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async () => ok({ items: roleCatalog }));

app.http(contract.name, httpTrigger(contract, makeListRolesHandler(dependencies)));
