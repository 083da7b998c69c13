// GET /api/partner/customers/{customerTenantId} — the relationship with one customer.
import { register } from '../shared/platform/functions-registry.js';
import { getPartnerCustomer as contract } from '../shared/features/relationships/relationship-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { getPartnerCustomer } from '../shared/features/relationships/relationship-read-side.js';

export const makeGetPartnerCustomerHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, locale }) => {
    const { value, etag } = await getPartnerCustomer(await deps(), principal, params.customerTenantId, locale);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetPartnerCustomerHandler(dependencies)));
