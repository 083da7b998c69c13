// GET /api/customer/audit-events — the calling customer tenant's audit trail, newest first.
import { app } from '@azure/functions';
import { listCustomerAuditEvents as contract } from '../shared/api/audit-contracts.js';
import { listCustomerAuditEvents } from '../shared/audit/audit-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/http/endpoint.js';

export const makeListCustomerAuditEventsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listCustomerAuditEvents(deps(), principal, query)),
  );

app.http(contract.name, httpTrigger(contract, makeListCustomerAuditEventsHandler(dependencies)));
