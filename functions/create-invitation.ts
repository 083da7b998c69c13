// POST /api/partner/invitations — invite a customer; the email is queued (202).
import { app } from '@azure/functions';
import { createInvitation as contract } from '../shared/api/invitation-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { accepted, httpEndpoint, httpTrigger } from '../shared/http/endpoint.js';
import { createInvitation } from '../shared/invitations/invitation-use-cases.js';

export const makeCreateInvitationHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, body, correlationId, logger }) => {
    const { value, etag } = await createInvitation(deps(), principal, body, { correlationId, logger });
    return accepted(value, etag);
  });

app.http(contract.name, httpTrigger(contract, makeCreateInvitationHandler(dependencies)));
