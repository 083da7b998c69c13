// Schemas shared by many contracts: route ids, paging query, problem body.
import { z } from 'zod';
import { pageQueryShape } from './paging.js';

/** Opaque ids as this API issues them; anything else cannot exist, so it fails validation early. */
export const resourceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'an id issued by this API')
  .describe('Opaque id');

export const tenantIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,100}$/, 'a tenant id')
  .describe('Entra tenant id');

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
