// GET /api/partner/role-templates — the calling partner's role templates.
import { register } from '../shared/platform/functions-registry.js';
import { listRoleTemplates as contract } from '../shared/features/invitations/role-template-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { listRoleTemplates } from '../shared/features/invitations/role-templates.js';

export const makeListRoleTemplatesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listRoleTemplates(await deps(), principal, query)),
  );

register.http(contract.name, httpTrigger(contract, makeListRoleTemplatesHandler(dependencies)));
