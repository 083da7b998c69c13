// GET /api/customer/partner-relationships — the calling customer's partners.
import { app } from '@azure/functions';
import { listCustomerPartnerRelationships as contract } from '../shared/api/relationship-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/http/endpoint.js';
import { listCustomerRelationships } from '../shared/relationships/relationship-use-cases.js';

export const makeListCustomerPartnerRelationshipsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listCustomerRelationships(deps(), principal, query)),
  );

app.http(contract.name, httpTrigger(contract, makeListCustomerPartnerRelationshipsHandler(dependencies)));
