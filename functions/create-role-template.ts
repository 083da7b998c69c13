// POST /api/partner/role-templates — save invitation settings under a name (201).
import { register } from '../shared/platform/functions-registry.js';
import { createRoleTemplate as contract, getRoleTemplate } from '../shared/features/invitations/role-template-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { created, httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';
import { resourcePath } from '../shared/platform/http/location.js';
import { createRoleTemplate } from '../shared/features/invitations/role-templates.js';

export const makeCreateRoleTemplateHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, body, correlationId, logger, operationKey, locale }) => {
    const { value, etag } = await createRoleTemplate(await deps(), principal, body, {
      correlationId,
      logger,
      operationKey,
      locale,
    });
    return created(value, etag, resourcePath(getRoleTemplate, { roleTemplateId: value.id }));
  });

register.http(contract.name, httpTrigger(contract, makeCreateRoleTemplateHandler(dependencies)));
