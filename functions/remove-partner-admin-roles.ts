// POST /api/customer/partner-relationships/{partnerId}/remove-roles — the customer ends every admin role of a partner.
import { app } from '@azure/functions';
import { removePartnerAdminRoles as contract } from '../shared/api/lifecycle-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/http/endpoint.js';
import { removePartnerAdminRoles } from '../shared/relationships/relationship-lifecycle-use-cases.js';

export const makeRemovePartnerAdminRolesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch, correlationId, logger }) => {
    const { value, etag } = await removePartnerAdminRoles(deps(), principal, params.partnerId, ifMatch, {
      correlationId,
      logger,
    });
    return ok(value, etag);
  });

app.http(contract.name, httpTrigger(contract, makeRemovePartnerAdminRolesHandler(dependencies)));
