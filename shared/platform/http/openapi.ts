// Generates the OpenAPI 3.1 document from the endpoint contracts' zod schemas (never written by hand). Tests lint it
// with Redocly and generate a typed client from it, so what this writes must stay valid for standard tools.
import { z } from 'zod';
import type { EndpointContract, SuccessResponseHeader } from './endpoint.js';
import { MAX_BODY_BYTES } from './endpoint.js';
import { problemSchema } from './common-schemas.js';

type JsonObject = Record<string, unknown>;

const ref = (kind: 'schemas' | 'responses' | 'headers' | 'parameters', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

/** Error responses by status: the Problem body, and the headers every answer carries. */
const ERROR_RESPONSES = {
  '400': { name: 'BadRequest', description: 'Malformed JSON or invalid fields (problem+json; `errors` names each field)' },
  '401': { name: 'Unauthorized', description: 'Missing or invalid access token' },
  '403': { name: 'Forbidden', description: 'Authenticated but not allowed' },
  '404': { name: 'NotFound', description: 'Not found, or not yours' },
  '409': { name: 'Conflict', description: 'State conflict' },
  '412': { name: 'PreconditionFailed', description: 'If-Match does not match the ETag' },
  '413': {
    name: 'PayloadTooLarge',
    description: `Body over its limit (${MAX_BODY_BYTES / 1024} KiB unless the request body says more)`,
  },
  '415': { name: 'UnsupportedMediaType', description: 'Body is not JSON' },
  '429': { name: 'TooManyRequests', description: 'Throttled; retry after the seconds in Retry-After' },
  default: { name: 'UnexpectedError', description: 'Unexpected error (500 internal-error); quote `instance` when reporting it' },
} as const;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

const HEADERS = {
  ETag: {
    description: 'The version of the resource: send it back in If-Match to change the resource only if nobody else did.',
    required: true,
    schema: { type: 'string', maxLength: 200 },
  },
  Location: {
    description: 'Where the resource lives (an absolute path on this API).',
    required: true,
    schema: { type: 'string', format: 'uri-reference' },
  },
  RetryAfter: {
    description: 'Seconds to wait before trying again.',
    required: true,
    schema: { type: 'integer', minimum: 1 },
  },
  CorrelationId: {
    description:
      "The correlation id of this call: the caller's `x-correlation-id` when valid, else the invocation id. Logs carry it.",
    required: true,
    schema: { type: 'string' },
  },
  IdempotentReplayed: {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
} as const;

const PARAMETERS = {
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The ETag from the last read: the change applies only if the resource did not change since (else 412).',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Any unique key: a retry with the same key and body gets the same answer, with no second effect.',
    // The pattern the pipeline checks (visible ASCII), so clients learn the limit from the document.
    schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' },
  },
  CorrelationId: {
    name: 'x-correlation-id',
    in: 'header',
    required: false,
    description: 'Your id for this call, echoed back and written to the logs; ignored unless it matches the pattern.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{8,64}$' },
  },
} as const;

const SUCCESS_HEADERS: Record<SuccessResponseHeader, keyof typeof HEADERS> = { etag: 'ETag', location: 'Location' };

const TAGS = [
  { name: 'directory', description: 'The public partner directory and "Contact me".' },
  { name: 'partner', description: "A partner's own profile, leads, invitations and customers (partner agents)." },
  { name: 'customer', description: "A customer admin's side: invitations, partners, agreement, orders' sharing, devices." },
  { name: 'catalog', description: 'The role and partner-type catalogs.' },
  { name: 'service', description: 'Health and this document.' },
];

export interface OpenApiInfo {
  title: string;
  version: string;
}

/**
 * The OpenAPI document for `contracts`. `serverUrl` is where the API is served (absolute, so tools that load the
 * document from a file still call the right host).
 */
export function buildOpenApiDocument(contracts: readonly EndpointContract[], info: OpenApiInfo, serverUrl: string): JsonObject {
  const schemas: Record<string, JsonObject> = {};
  const addComponent = (name: string, definition: JsonObject) => {
    const existing = schemas[name];
    // Two different schemas under one id would make one of them lie; fail loudly (the tests call this).
    if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) {
      throw new Error(`OpenAPI: two different schemas are named ${name} (an input and an output form?); give one its own id`);
    }
    schemas[name] = definition;
  };
  /** The JSON Schema of `schema`; schemas with an id go to components once, and are referenced. */
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
    const defs = (json.$defs ?? {}) as Record<string, JsonObject>;
    delete json.$defs;
    delete json.$schema;
    for (const [name, def] of Object.entries(defs)) addComponent(name, rewriteRefs(def) as JsonObject);
    return rewriteRefs(json) as JsonObject;
  };
  // Registers the Problem component (it has an id, so what comes back is only a reference to it).
  const problemRef = toSchema(problemSchema, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of contracts) {
    const parameters: unknown[] = [];
    for (const [name, schema] of Object.entries(c.params?.shape ?? {})) {
      parameters.push(describedParameter(name, 'path', true, toSchema(schema as z.ZodType, 'input')));
    }
    for (const [name, schema] of Object.entries(c.query?.shape ?? {})) {
      const s = schema as z.ZodType;
      parameters.push(describedParameter(name, 'query', !s.safeParse(undefined).success, toSchema(s, 'input')));
    }
    if (c.conditional) parameters.push(ref('parameters', 'IfMatch'));
    if (c.idempotent) parameters.push(ref('parameters', 'IdempotencyKey'));
    parameters.push(ref('parameters', 'CorrelationId'));

    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(c.responses)) {
      const headers: Record<string, unknown> = { 'x-correlation-id': ref('headers', 'CorrelationId') };
      for (const h of r.headers ?? []) headers[SUCCESS_HEADERS[h]] = ref('headers', SUCCESS_HEADERS[h]);
      if (c.idempotent) headers['Idempotent-Replayed'] = ref('headers', 'IdempotentReplayed');
      responses[status] = {
        description: r.description,
        headers,
        ...(r.schema ? { content: { 'application/json': { schema: toSchema(r.schema, 'output') } } } : {}),
      };
    }
    for (const status of Object.keys(ERROR_RESPONSES) as ErrorStatus[]) {
      if (relevant(c, status)) responses[status] ??= ref('responses', ERROR_RESPONSES[status].name);
    }

    const path = `/${c.route.replace(/\{(\w+)[^}]*\}/g, '{$1}')}`;
    paths[path] ??= {};
    paths[path][c.method.toLowerCase()] = {
      operationId: c.name,
      summary: c.summary,
      tags: [c.tag],
      ...(c.auth === 'public' ? { security: [] } : c.auth === 'optionalUser' ? { security: [{}, { bearer: [] }] } : {}),
      parameters,
      ...(c.body
        ? {
            requestBody: {
              required: true,
              description: `JSON, at most ${(c.maxBodyBytes ?? MAX_BODY_BYTES) / 1024} KiB.`,
              content: {
                'application/json': {
                  schema: toSchema(c.body, 'input'),
                  ...(c.examples ? { examples: c.examples } : {}),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }

  const errorResponses: Record<string, unknown> = {};
  for (const [status, { name, description }] of Object.entries(ERROR_RESPONSES)) {
    errorResponses[name] = {
      description,
      headers: {
        'x-correlation-id': ref('headers', 'CorrelationId'),
        ...(status === '429' ? { 'Retry-After': ref('headers', 'RetryAfter') } : {}),
      },
      content: { 'application/problem+json': { schema: problemRef } },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Partner relationships: directory, contact requests, invitations, relationships. Errors are RFC 9457 problem+json ' +
        'with a stable `code`; lists page with `pageSize` and `continuationToken`; state changes honour If-Match; creating ' +
        'POSTs honour Idempotency-Key.',
    },
    ...servers(serverUrl),
    security: [{ bearer: [] }],
    tags: TAGS,
    paths,
    components: {
      schemas,
      responses: errorResponses,
      headers: HEADERS,
      parameters: PARAMETERS,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An Entra ID access token for this API (locally: POST /.dev/token on the stack origin).',
        },
      },
    },
  };
}

/** The document as served at `serverUrl` (the API's absolute base URL, e.g. https://host/api). */
export const servedAt = (document: JsonObject, serverUrl: string): JsonObject => ({ ...document, ...servers(serverUrl) });

const servers = (url: string) => ({ servers: [{ url, description: 'This deployment' }] });

/** A parameter object; the schema's own description (from zod's `.describe`) becomes the parameter's. */
function describedParameter(name: string, location: 'path' | 'query', required: boolean, schema: JsonObject): JsonObject {
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  return { name, in: location, required, ...(description ? { description } : {}), schema };
}

function relevant(c: EndpointContract, status: ErrorStatus): boolean {
  switch (status) {
    case '400':
      return !!(c.body || c.query || c.params);
    case '401':
    case '403':
      return c.auth !== 'public';
    case '404':
      return !!c.params || c.auth === 'signedIn';
    case '409':
      return c.method !== 'GET';
    case '412':
      return !!c.conditional;
    case '413':
    case '415':
      return !!c.body;
    case '429':
      return !!c.throttled;
    case 'default':
      return true;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(v);
    }
    return out;
  }
  return value;
}
