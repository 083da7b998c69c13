// GET /api/partner/audit-events — the calling partner tenant's audit trail, newest first.
import { app } from '@azure/functions';
import { listPartnerAuditEvents as contract } from '../shared/api/audit-contracts.js';
import { listPartnerAuditEvents } from '../shared/audit/audit-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/http/endpoint.js';

export const makeListPartnerAuditEventsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listPartnerAuditEvents(deps(), principal, query)),
  );

app.http(contract.name, httpTrigger(contract, makeListPartnerAuditEventsHandler(dependencies)));
