// POST /api/partner/customers/{customerTenantId}/gdap/remove-global-admin — the partner gives up Global Administrator.
import { register } from '../shared/platform/functions-registry.js';
import { removePartnerCustomerGlobalAdmin as contract } from '../shared/features/relationships/lifecycle-contracts.js';
import { giveUpGdapGlobalAdmin } from '../shared/features/relationships/gdap-change-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeRemovePartnerCustomerGlobalAdminHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch, correlationId, logger, locale }) => {
    const { value, etag } = await giveUpGdapGlobalAdmin(await deps(), principal, params.customerTenantId, ifMatch, {
      correlationId,
      logger,
      locale,
    });
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeRemovePartnerCustomerGlobalAdminHandler(dependencies)));
