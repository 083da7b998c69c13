// GET /api/openapi.json — the OpenAPI 3.1 document generated from the contracts.
import { app } from '@azure/functions';
import { allContracts } from '../shared/app/contracts.js';
import { openApi as contract } from '../shared/app/service-contracts.js';
import { buildOpenApiDocument } from '../shared/platform/http/openapi.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

let document: unknown;

export const makeOpenApiHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async () => {
    document ??= buildOpenApiDocument(allContracts, { title: 'Partner relationships API', version: '1.0.0' });
    return ok(document);
  });

app.http(contract.name, httpTrigger(contract, makeOpenApiHandler(dependencies)));
