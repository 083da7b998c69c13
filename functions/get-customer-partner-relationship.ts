// GET /api/customer/partner-relationships/{partnerId} — the relationship with one partner.
import { app } from '@azure/functions';
import { getCustomerPartnerRelationship as contract } from '../shared/api/relationship-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/http/endpoint.js';
import { getCustomerRelationship } from '../shared/relationships/relationship-use-cases.js';

export const makeGetCustomerPartnerRelationshipHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params }) => {
    const { value, etag } = await getCustomerRelationship(deps(), principal, params.partnerId);
    return ok(value, etag);
  });

app.http(contract.name, httpTrigger(contract, makeGetCustomerPartnerRelationshipHandler(dependencies)));
