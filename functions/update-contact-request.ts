// PATCH /api/partner/contact-requests/{contactRequestId} — move a lead along its statuses.
import { register } from '../shared/platform/functions-registry.js';
import { updateContactRequest as contract } from '../shared/features/leads/lead-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { updateLeadStatus } from '../shared/features/leads/lead-use-cases.js';

export const makeUpdateContactRequestHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, body, ifMatch, correlationId }) => {
    const { value, etag } = await updateLeadStatus(
      await deps(),
      principal,
      params.contactRequestId,
      body,
      ifMatch,
      correlationId,
    );
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeUpdateContactRequestHandler(dependencies)));
