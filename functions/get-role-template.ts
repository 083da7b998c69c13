// GET /api/partner/role-templates/{roleTemplateId} — one role template of the calling partner.
import { register } from '../shared/platform/functions-registry.js';
import { getRoleTemplate as contract } from '../shared/features/invitations/role-template-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { getRoleTemplate } from '../shared/features/invitations/role-templates.js';

export const makeGetRoleTemplateHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params }) => {
    const { value, etag } = await getRoleTemplate(await deps(), principal, params.roleTemplateId);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetRoleTemplateHandler(dependencies)));
