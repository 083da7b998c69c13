// GET /api/customer/admin-center-access — Billing pages open to the signed-in customer user by their own roles.
import { register } from '../shared/platform/functions-registry.js';
import { getCustomerAdminCenterAccess as contract } from '../shared/features/admin-center-access/admin-center-access-contracts.js';
import { customerAdminCenterAccessFor } from '../shared/features/admin-center-access/admin-center-access-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeGetCustomerAdminCenterAccessHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), ({ principal, locale }) =>
    Promise.resolve(ok(customerAdminCenterAccessFor(principal, locale))),
  );

register.http(contract.name, httpTrigger(contract, makeGetCustomerAdminCenterAccessHandler(dependencies)));
