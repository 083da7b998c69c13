// GET /api/customer/audit-events — the calling customer tenant's audit trail, newest first.
import { register } from '../shared/platform/functions-registry.js';
import { listCustomerAuditEvents as contract } from '../shared/features/audit/audit-contracts.js';
import { listCustomerAuditEvents } from '../shared/features/audit/audit-use-cases.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeListCustomerAuditEventsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listCustomerAuditEvents(await deps(), principal, query)),
  );

register.http(contract.name, httpTrigger(contract, makeListCustomerAuditEventsHandler(dependencies)));
