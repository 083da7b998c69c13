// Schemas shared by many contracts: route ids, paging query, problem body.
import { z } from 'zod';
import { TENANT_ID_PATTERN } from '../core/principal.js';
import { pageQueryShape } from './paging.js';

/** Opaque ids as this API issues them; anything else cannot exist, so it fails validation early. */
export const resourceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'an id issued by this API')
  .describe('Opaque id');

/**
 * A tenant id in a route or a body: a GUID, lower-cased here as the token verifier lower-cases `tid`, so every later
 * comparison and lookup sees one spelling.
 */
export const tenantIdSchema = z
  .string()
  .regex(TENANT_ID_PATTERN, 'a tenant id (GUID)')
  .toLowerCase()
  .describe('Entra tenant id (GUID; compared case-insensitively)');

export const pageQuery = z.object(pageQueryShape);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: 'Problem' });
