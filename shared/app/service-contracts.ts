// Contracts of the service endpoints: health, OpenAPI document, role and partner-type catalogs.
import { z } from 'zod';
import { partnerTypeDefinitionSchema } from '../features/catalog/partner-types.js';
import { roleSchema } from '../features/catalog/roles.js';
import type { EndpointContract } from '../platform/http/endpoint.js';

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.record(z.string(), z.object({ status: z.enum(['ok', 'failed']), durationMs: z.number() })),
    time: z.iso.datetime(),
  })
  .meta({ id: 'Health' });

export const health = {
  name: 'health',
  method: 'GET',
  route: 'health',
  summary: 'Liveness and dependency checks (Cosmos DB, queues).',
  tag: 'service',
  auth: 'public',
  responses: {
    200: { description: 'Healthy', schema: healthSchema },
    503: { description: 'A dependency failed', schema: healthSchema },
  },
} as const satisfies EndpointContract;

export const openApi = {
  name: 'openApi',
  method: 'GET',
  route: 'openapi.json',
  summary: 'This API as an OpenAPI 3.1 document, generated from the request and response schemas.',
  tag: 'service',
  auth: 'public',
  responses: {
    200: {
      description: 'OpenAPI 3.1 document',
      schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }),
    },
  },
} as const satisfies EndpointContract;

export const listRoles = {
  name: 'listRoles',
  method: 'GET',
  route: 'roles',
  summary: 'The Entra role catalog partners may request.',
  tag: 'catalog',
  auth: 'public',
  responses: { 200: { description: 'Roles', schema: z.object({ items: z.array(roleSchema) }) } },
} as const satisfies EndpointContract;

export const listPartnerTypes = {
  name: 'listPartnerTypes',
  method: 'GET',
  route: 'partner-types',
  summary: 'The nine partner types and the role policy of each.',
  tag: 'catalog',
  auth: 'public',
  responses: { 200: { description: 'Partner types', schema: z.object({ items: z.array(partnerTypeDefinitionSchema) }) } },
} as const satisfies EndpointContract;
