// DELETE /api/partner/webhook — removes the calling partner's webhook (204).
import { register } from '../shared/platform/functions-registry.js';
import { deletePartnerWebhook as contract } from '../shared/features/webhooks/webhook-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { deleteWebhook } from '../shared/features/webhooks/webhook-use-cases.js';
import { httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';

export const makeDeletePartnerWebhookHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, ifMatch, correlationId, logger }) => {
    await deleteWebhook(await deps(), principal, ifMatch, { principal, correlationId, logger });
    return { status: 204 };
  });

register.http(contract.name, httpTrigger(contract, makeDeletePartnerWebhookHandler(dependencies)));
