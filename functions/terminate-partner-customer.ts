// POST /api/partner/customers/{customerTenantId}/terminate — the partner ends its relationship with a customer.
import { register } from '../shared/platform/functions-registry.js';
import { terminatePartnerCustomer as contract } from '../shared/features/relationships/lifecycle-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { terminateCustomerRelationship } from '../shared/features/relationships/relationship-lifecycle-use-cases.js';

export const makeTerminatePartnerCustomerHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch, correlationId, logger, locale }) => {
    const { value, etag } = await terminateCustomerRelationship(await deps(), principal, params.customerTenantId, ifMatch, {
      correlationId,
      logger,
      locale,
    });
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeTerminatePartnerCustomerHandler(dependencies)));
