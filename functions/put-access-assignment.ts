// PUT /api/partner/customers/{customerTenantId}/access-assignments/{groupId} — give a security group GDAP roles.
import { register } from '../shared/platform/functions-registry.js';
import { putAccessAssignment as contract } from '../shared/features/relationships/access-contracts.js';
import { saveAccessAssignment } from '../shared/features/relationships/access-assignment-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { created, httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makePutAccessAssignmentHandler = (deps: DependencyProvider) =>
  httpEndpoint(
    contract,
    endpointDependencies(deps),
    async ({ principal, params, body, ifMatch, correlationId, logger, locale }) => {
      const saved = await saveAccessAssignment(
        await deps(),
        principal,
        params.customerTenantId,
        params.groupId,
        body.roles,
        ifMatch,
        { correlationId, logger, locale },
      );
      return saved.created ? created(saved.value, saved.etag) : ok(saved.value, saved.etag);
    },
  );

register.http(contract.name, httpTrigger(contract, makePutAccessAssignmentHandler(dependencies)));
