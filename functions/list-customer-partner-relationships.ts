// GET /api/customer/partner-relationships — the calling customer's partners.
import { register } from '../shared/platform/functions-registry.js';
import { listCustomerPartnerRelationships as contract } from '../shared/features/relationships/relationship-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { listCustomerRelationships } from '../shared/features/relationships/relationship-read-side.js';

export const makeListCustomerPartnerRelationshipsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query, locale }) =>
    ok(await listCustomerRelationships(await deps(), principal, query, locale)),
  );

register.http(contract.name, httpTrigger(contract, makeListCustomerPartnerRelationshipsHandler(dependencies)));
