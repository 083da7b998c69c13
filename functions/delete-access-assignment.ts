// DELETE /api/partner/customers/{customerTenantId}/access-assignments/{groupId} — a group loses a customer's roles.
import { register } from '../shared/platform/functions-registry.js';
import { deleteAccessAssignment as contract } from '../shared/features/relationships/access-contracts.js';
import { removeAccessAssignment } from '../shared/features/relationships/access-assignment-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';

export const makeDeleteAccessAssignmentHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch, correlationId, logger }) => {
    const { etag } = await removeAccessAssignment(await deps(), principal, params.customerTenantId, params.groupId, ifMatch, {
      correlationId,
      logger,
    });
    return { status: 204, etag };
  });

register.http(contract.name, httpTrigger(contract, makeDeleteAccessAssignmentHandler(dependencies)));
