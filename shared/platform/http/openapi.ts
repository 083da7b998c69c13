// Generates the OpenAPI 3.1 document from the endpoint contracts' zod schemas (never written by hand).
import { z } from 'zod';
import type { EndpointContract } from './endpoint.js';
import { problemSchema } from './common-schemas.js';

type JsonSchema = Record<string, unknown>;

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Malformed JSON or invalid fields',
  '401': 'Missing or invalid access token',
  '403': 'Authenticated but not allowed',
  '404': 'Not found, or not yours',
  '409': 'State conflict',
  '412': 'If-Match does not match the ETag',
  '413': 'Body over 64 KiB',
  '415': 'Body is not JSON',
  '429': 'Throttled; see Retry-After',
};

export function buildOpenApiDocument(
  contracts: readonly EndpointContract[],
  info: { title: string; version: string },
): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    delete json.$schema;
    for (const [name, def] of Object.entries(defs)) components[name] ??= rewriteRefs(def) as JsonSchema;
    return rewriteRefs(json) as JsonSchema;
  };
  components.Problem = toSchema(problemSchema, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of contracts) {
    const parameters: unknown[] = [];
    for (const [name, schema] of Object.entries(c.params?.shape ?? {})) {
      parameters.push({ name, in: 'path', required: true, schema: toSchema(schema as z.ZodType, 'input') });
    }
    for (const [name, schema] of Object.entries(c.query?.shape ?? {})) {
      const s = schema as z.ZodType;
      parameters.push({ name, in: 'query', required: !s.safeParse(undefined).success, schema: toSchema(s, 'input') });
    }
    if (c.conditional) parameters.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } });
    if (c.idempotent)
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } });

    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(c.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema ? { content: { 'application/json': { schema: toSchema(r.schema, 'output') } } } : {}),
      };
    }
    for (const [status, description] of Object.entries(ERROR_STATUSES)) {
      if (relevant(c, status)) {
        responses[status] ??= {
          description,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
    }
    const path = `/${c.route.replace(/\{(\w+)[^}]*\}/g, '{$1}')}`;
    paths[path] ??= {};
    paths[path][c.method.toLowerCase()] = {
      operationId: c.name,
      summary: c.summary,
      tags: [c.tag],
      ...(c.auth === 'public' ? { security: [] } : c.auth === 'optionalUser' ? { security: [{}, { bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(c.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(c.body, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'Partner relationships: directory, contact requests, invitations, relationships.' },
    servers: [{ url: '/api' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}

function relevant(c: EndpointContract, status: string): boolean {
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
      return c.name === 'createContactRequest';
    default:
      return false;
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
