// GET /api/openapi.json — the OpenAPI 3.1 document generated from the contracts.
import { type HttpRequest, type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { buildApiDocument } from '../shared/app/openapi-document.js';
import { openApi as contract } from '../shared/app/service-contracts.js';
import { servedAt } from '../shared/platform/http/openapi.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

let document: Record<string, unknown> | undefined;

export const makeOpenApiHandler = (deps: DependencyProvider) => (request: HttpRequest, context: InvocationContext) => {
  // The document names the base URL it was fetched through (…/api), so tools that load it from a file, or from
  // another origin, still call this API instead of resolving a relative server URL against wherever they are.
  const serverUrl = new URL('.', request.url).href.replace(/\/$/, '');
  return httpEndpoint(contract, endpointDependencies(deps), async () => {
    document ??= buildApiDocument(serverUrl);
    return ok(servedAt(document, serverUrl));
  })(request, context);
};

register.http(contract.name, httpTrigger(contract, makeOpenApiHandler(dependencies)));
