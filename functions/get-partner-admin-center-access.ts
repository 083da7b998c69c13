// GET /api/partner/customers/{customerTenantId}/admin-center-access — Billing pages open to the partner on behalf of.
import { register } from '../shared/platform/functions-registry.js';
import { getPartnerAdminCenterAccess as contract } from '../shared/features/admin-center-access/admin-center-access-contracts.js';
import { partnerAdminCenterAccessFor } from '../shared/features/admin-center-access/admin-center-access-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeGetPartnerAdminCenterAccessHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, locale }) =>
    ok(await partnerAdminCenterAccessFor(await deps(), principal, params.customerTenantId, locale)),
  );

register.http(contract.name, httpTrigger(contract, makeGetPartnerAdminCenterAccessHandler(dependencies)));
