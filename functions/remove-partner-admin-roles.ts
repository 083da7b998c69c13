// POST /api/customer/partner-relationships/{partnerId}/remove-roles — the customer ends every admin role of a partner.
import { register } from '../shared/platform/functions-registry.js';
import { removePartnerAdminRoles as contract } from '../shared/features/relationships/lifecycle-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { removePartnerAdminRoles } from '../shared/features/relationships/relationship-lifecycle-use-cases.js';

export const makeRemovePartnerAdminRolesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch, correlationId, logger, locale }) => {
    const { value, etag } = await removePartnerAdminRoles(await deps(), principal, params.partnerId, ifMatch, {
      correlationId,
      logger,
      locale,
    });
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeRemovePartnerAdminRolesHandler(dependencies)));
