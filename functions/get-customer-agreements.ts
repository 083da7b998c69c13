// GET /api/customer/agreements — the current Customer Agreement and this tenant's acceptances.
import { register } from '../shared/platform/functions-registry.js';
import { getCustomerAgreement } from '../shared/features/agreements/agreement-use-cases.js';
import { getCustomerAgreements as contract } from '../shared/features/agreements/agreement-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeGetCustomerAgreementsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal }) =>
    ok(await getCustomerAgreement(await deps(), principal)),
  );

register.http(contract.name, httpTrigger(contract, makeGetCustomerAgreementsHandler(dependencies)));
