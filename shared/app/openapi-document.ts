// The API's OpenAPI document, generated from every contract: served by GET /api/openapi.json, and built in-process by
// the reference portal's build (portal/tools), which generates its typed client from it — one function, one document.
import { allContracts } from './contracts.js';
import { buildOpenApiDocument } from '../platform/http/openapi.js';

export const apiInfo = { title: 'Partner relationships API', version: '1.0.0' } as const;

/** The document with `serverUrl` (the API's base URL, …/api) as its server. */
export const buildApiDocument = (serverUrl: string): Record<string, unknown> =>
  buildOpenApiDocument(allContracts, apiInfo, serverUrl);
