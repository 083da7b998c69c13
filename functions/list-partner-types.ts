// GET /api/partner-types — the nine partner types and their role policies.
import { app } from '@azure/functions';
import { listPartnerTypes as contract } from '../shared/api/meta-contracts.js';
import { partnerTypes } from '../shared/catalog/partner-types.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/http/endpoint.js';

export const makeListPartnerTypesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async () => ok({ items: partnerTypes }));

app.http(contract.name, httpTrigger(contract, makeListPartnerTypesHandler(dependencies)));
