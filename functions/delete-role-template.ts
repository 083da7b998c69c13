// DELETE /api/partner/role-templates/{roleTemplateId} — delete a role template (If-Match honoured; 204).
import { register } from '../shared/platform/functions-registry.js';
import { deleteRoleTemplate as contract } from '../shared/features/invitations/role-template-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';
import { deleteRoleTemplate } from '../shared/features/invitations/role-templates.js';

export const makeDeleteRoleTemplateHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, ifMatch }) => {
    await deleteRoleTemplate(await deps(), principal, params.roleTemplateId, ifMatch);
    return { status: 204 };
  });

register.http(contract.name, httpTrigger(contract, makeDeleteRoleTemplateHandler(dependencies)));
