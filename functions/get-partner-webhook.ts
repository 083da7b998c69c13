// GET /api/partner/webhook — the calling partner's webhook, without its secret.
import { register } from '../shared/platform/functions-registry.js';
import { getPartnerWebhook as contract } from '../shared/features/webhooks/webhook-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { getWebhook } from '../shared/features/webhooks/webhook-use-cases.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeGetPartnerWebhookHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal }) => {
    const { value, etag } = await getWebhook(await deps(), principal);
    return ok(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeGetPartnerWebhookHandler(dependencies)));
