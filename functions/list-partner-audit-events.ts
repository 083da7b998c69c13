// GET /api/partner/audit-events — the calling partner tenant's audit trail, newest first.
import { register } from '../shared/platform/functions-registry.js';
import { listPartnerAuditEvents as contract } from '../shared/features/audit/audit-contracts.js';
import { listPartnerAuditEvents } from '../shared/features/audit/audit-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeListPartnerAuditEventsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listPartnerAuditEvents(await deps(), principal, query)),
  );

register.http(contract.name, httpTrigger(contract, makeListPartnerAuditEventsHandler(dependencies)));
