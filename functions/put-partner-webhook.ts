// PUT /api/partner/webhook — create (201, with the signing secret) or change (200) the calling partner's webhook.
import { register } from '../shared/platform/functions-registry.js';
import { getPartnerWebhook, putPartnerWebhook as contract } from '../shared/features/webhooks/webhook-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { putWebhook } from '../shared/features/webhooks/webhook-use-cases.js';
import { created, httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';
import { resourcePath } from '../shared/platform/http/location.js';

export const makePutPartnerWebhookHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, body, ifMatch, correlationId, logger }) => {
    const saved = await putWebhook(await deps(), principal, body, ifMatch, { principal, correlationId, logger });
    return saved.created ? created(saved.value, saved.etag, resourcePath(getPartnerWebhook)) : ok(saved.value, saved.etag);
  });

register.http(contract.name, httpTrigger(contract, makePutPartnerWebhookHandler(dependencies)));
