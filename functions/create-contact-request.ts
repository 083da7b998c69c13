// POST /api/partners/{partnerId}/contact-requests — "Contact me".
import { register } from '../shared/platform/functions-registry.js';
import { createContactRequest as contract } from '../shared/features/leads/lead-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { created, httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { createLead } from '../shared/features/leads/lead-use-cases.js';

export const makeCreateContactRequestHandler = (deps: DependencyProvider) =>
  httpEndpoint(
    contract,
    endpointDependencies(deps),
    async ({ params, body, principal, correlationId, logger, clientAddress, locale }) => {
      const result = await createLead(await deps(), params.partnerId, body, {
        principal,
        correlationId,
        logger,
        clientAddress,
        locale,
      });
      const summary = { id: result.lead.value.id, status: result.lead.value.status, createdAt: result.lead.value.createdAt };
      return result.created ? created(summary, result.lead.etag) : ok(summary, result.lead.etag);
    },
  );

register.http(contract.name, httpTrigger(contract, makeCreateContactRequestHandler(dependencies)));
