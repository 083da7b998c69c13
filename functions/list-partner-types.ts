// GET /api/partner-types — the nine partner types and their role policies.
import { register } from '../shared/platform/functions-registry.js';
import { listPartnerTypes as contract } from '../shared/app/service-contracts.js';
import { localizedPartnerTypes } from '../shared/features/catalog/partner-types.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeListPartnerTypesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ locale }) => ok({ items: localizedPartnerTypes(locale) }));

register.http(contract.name, httpTrigger(contract, makeListPartnerTypesHandler(dependencies)));
