// POST /api/partner/customers/{customerTenantId}/orders — a reseller places an order for its customer (201).
import { register } from '../shared/platform/functions-registry.js';
import { placeOrder as contract } from '../shared/features/orders/order-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { created, httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';
import { placeOrder } from '../shared/features/orders/order-use-cases.js';

export const makePlaceOrderHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, body, correlationId, operationKey }) => {
    const { value, etag } = await placeOrder(await deps(), principal, params.customerTenantId, body, {
      correlationId,
      operationKey,
    });
    return created(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makePlaceOrderHandler(dependencies)));
