// GET /api/partner/customers/{customerTenantId}/orders — the partner's orders for a customer (and shared MPSA ones).
import { register } from '../shared/platform/functions-registry.js';
import { listOrders as contract } from '../shared/features/orders/order-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { listOrders } from '../shared/features/orders/order-use-cases.js';

export const makeListOrdersHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, query }) =>
    ok(await listOrders(await deps(), principal, params.customerTenantId, query)),
  );

register.http(contract.name, httpTrigger(contract, makeListOrdersHandler(dependencies)));
