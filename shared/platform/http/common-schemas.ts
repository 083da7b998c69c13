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

/**
 * Characters free text must not carry: C0/C1 controls (NUL included; tab and line breaks are allowed where the text
 * is multi-line), bidirectional overrides and isolates (they make "Microsoft Security" read as something else in an
 * email subject), and zero-width characters (they make two names look alike).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are what is refused
const UNSAFE_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const UNSAFE_MULTI_LINE =
  // eslint-disable-next-line no-control-regex -- as above, with tab and line breaks allowed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Trimmed free text of 1–`max` characters that people will read: no control, bidi-override or zero-width characters. */
export const safeText = (max: number, options: { multiline?: boolean } = {}) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !(options.multiline ? UNSAFE_MULTI_LINE : UNSAFE_SINGLE_LINE).test(value), {
      message: 'must not contain control, bidirectional-override or zero-width characters',
    });
