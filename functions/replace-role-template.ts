// PUT /api/partner/role-templates/{roleTemplateId} — replace a role template (If-Match honoured).
import { register } from '../shared/platform/functions-registry.js';
import { replaceRoleTemplate as contract } from '../shared/features/invitations/role-template-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { replaceRoleTemplate } from '../shared/features/invitations/role-templates.js';

export const makeReplaceRoleTemplateHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, body, ifMatch }) => {
    const { value, etag } = await replaceRoleTemplate(await deps(), principal, params.roleTemplateId, body, ifMatch);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeReplaceRoleTemplateHandler(dependencies)));
