// GET /api/customer/partner-relationships/{partnerId} — the relationship with one partner.
import { register } from '../shared/platform/functions-registry.js';
import { getCustomerPartnerRelationship as contract } from '../shared/features/relationships/relationship-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { getCustomerRelationship } from '../shared/features/relationships/relationship-read-side.js';

export const makeGetCustomerPartnerRelationshipHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, locale }) => {
    const { value, etag } = await getCustomerRelationship(await deps(), principal, params.partnerId, locale);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetCustomerPartnerRelationshipHandler(dependencies)));
