// GET /api/partner/operations/{operationId} — a bulk operation's status, counts and per-item results.
import { register } from '../shared/platform/functions-registry.js';
import { getOperation as contract } from '../shared/features/operations/operation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { getOperation } from '../shared/features/operations/bulk-operations.js';

export const makeGetOperationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params }) =>
    ok(await getOperation(await deps(), principal, params.operationId)),
  );

register.http(contract.name, httpTrigger(contract, makeGetOperationHandler(dependencies)));
