// POST /api/customer/agreements — accept the current Customer Agreement (201 recorded, 200 already accepted).
import { register } from '../shared/platform/functions-registry.js';
import { acceptCustomerAgreement } from '../shared/features/agreements/agreement-use-cases.js';
import { acceptCustomerAgreement as contract, getCustomerAgreements } from '../shared/features/agreements/agreement-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { created, httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { resourcePath } from '../shared/platform/http/location.js';

export const makeAcceptCustomerAgreementHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, correlationId }) => {
    const result = await acceptCustomerAgreement(await deps(), principal, { correlationId });
    return result.created ? created(result.view, undefined, resourcePath(getCustomerAgreements)) : ok(result.view);
  });

register.http(contract.name, httpTrigger(contract, makeAcceptCustomerAgreementHandler(dependencies)));
