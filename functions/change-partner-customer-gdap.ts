// PATCH /api/partner/customers/{customerTenantId}/gdap — the partner turns auto-extension of its GDAP grants on or off.
import { register } from '../shared/platform/functions-registry.js';
import { changePartnerCustomerGdap as contract } from '../shared/features/relationships/lifecycle-contracts.js';
import { changeGdapAutoExtend } from '../shared/features/relationships/gdap-change-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeChangePartnerCustomerGdapHandler = (deps: DependencyProvider) =>
  httpEndpoint(
    contract,
    endpointDependencies(deps),
    async ({ principal, params, body, ifMatch, correlationId, logger, locale }) => {
      const { value, etag } = await changeGdapAutoExtend(
        await deps(),
        principal,
        params.customerTenantId,
        body.autoExtend,
        ifMatch,
        { correlationId, logger, locale },
      );
      return ok(value, etag);
    },
  );

register.http(contract.name, httpTrigger(contract, makeChangePartnerCustomerGdapHandler(dependencies)));
