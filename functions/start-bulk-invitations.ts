// POST /api/partner/bulk-invitations — invite up to 1,000 customers; the items are processed from a queue (202).
import { register } from '../shared/platform/functions-registry.js';
import { getOperation, startBulkInvitations as contract } from '../shared/features/operations/operation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { accepted, httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';
import { resourcePath } from '../shared/platform/http/location.js';
import { startBulkInvitations } from '../shared/features/operations/bulk-operations.js';

export const makeStartBulkInvitationsHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, body, correlationId, logger, operationKey, locale }) => {
    const operation = await startBulkInvitations(await deps(), principal, body, { correlationId, logger, operationKey, locale });
    return { ...accepted(operation), location: resourcePath(getOperation, { operationId: operation.id }) };
  });

register.http(contract.name, httpTrigger(contract, makeStartBulkInvitationsHandler(dependencies)));
