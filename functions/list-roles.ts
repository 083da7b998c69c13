// GET /api/roles — the role catalog.
import { app } from '@azure/functions';
import { listRoles as contract } from '../shared/api/meta-contracts.js';
import { roleCatalog } from '../shared/catalog/roles.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/http/endpoint.js';

export const makeListRolesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async () => ok({ items: roleCatalog }));

app.http(contract.name, httpTrigger(contract, makeListRolesHandler(dependencies)));
