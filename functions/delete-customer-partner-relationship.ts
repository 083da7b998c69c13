// DELETE /api/customer/partner-relationships/{partnerId} — refused: customers ask the partner to end a relationship.
import { register } from '../shared/platform/functions-registry.js';
import { deleteCustomerPartnerRelationship as contract } from '../shared/features/relationships/lifecycle-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';
import { refuseCustomerRelationshipDeletion } from '../shared/features/relationships/relationship-lifecycle-use-cases.js';

export const makeDeleteCustomerPartnerRelationshipHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params }) =>
    refuseCustomerRelationshipDeletion(await deps(), principal, params.partnerId),
  );

register.http(contract.name, httpTrigger(contract, makeDeleteCustomerPartnerRelationshipHandler(dependencies)));
