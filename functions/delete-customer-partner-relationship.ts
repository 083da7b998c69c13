// DELETE /api/customer/partner-relationships/{partnerId} — refused: customers ask the partner to end a relationship.
import { app } from '@azure/functions';
import { deleteCustomerPartnerRelationship as contract } from '../shared/api/lifecycle-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger } from '../shared/http/endpoint.js';
import { refuseCustomerRelationshipDeletion } from '../shared/relationships/relationship-lifecycle-use-cases.js';

export const makeDeleteCustomerPartnerRelationshipHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params }) =>
    refuseCustomerRelationshipDeletion(deps(), principal, params.partnerId),
  );

app.http(contract.name, httpTrigger(contract, makeDeleteCustomerPartnerRelationshipHandler(dependencies)));
