// PUT /api/customer/partner-relationships/{partnerId}/mpsa-sharing — the customer's MPSA purchase sharing switch.
import { register } from '../shared/platform/functions-registry.js';
import { setMpsaSharing as contract } from '../shared/features/orders/order-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { setMpsaSharing } from '../shared/features/relationships/mpsa-sharing.js';

export const makeSetMpsaSharingHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, body, ifMatch, correlationId, locale }) => {
    const { value, etag } = await setMpsaSharing(await deps(), principal, params.partnerId, body.enabled, ifMatch, {
      correlationId,
      locale,
    });
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeSetMpsaSharingHandler(dependencies)));
