// GET /api/partner/customers — the calling partner's customers.
import { register } from '../shared/platform/functions-registry.js';
import { listPartnerCustomers as contract } from '../shared/features/relationships/relationship-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { listPartnerCustomers } from '../shared/features/relationships/relationship-read-side.js';

export const makeListPartnerCustomersHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query, locale }) =>
    ok(await listPartnerCustomers(await deps(), principal, query, locale)),
  );

register.http(contract.name, httpTrigger(contract, makeListPartnerCustomersHandler(dependencies)));
