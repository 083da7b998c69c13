// GET /api/partner/customers/{customerTenantId}/access-assignments — the groups that hold this customer's GDAP roles.
import { register } from '../shared/platform/functions-registry.js';
import { listAccessAssignments as contract } from '../shared/features/relationships/access-contracts.js';
import { listAccessAssignments } from '../shared/features/relationships/access-assignment-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeListAccessAssignmentsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, locale }) => {
    const { value, etag } = await listAccessAssignments(await deps(), principal, params.customerTenantId, locale);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeListAccessAssignmentsHandler(dependencies)));
