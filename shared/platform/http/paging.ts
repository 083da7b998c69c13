// Page size and opaque continuation tokens shared by every list endpoint (SPEC §5).
import { z } from 'zod';
import { ValidationError } from '../core/errors.js';

export const pageQueryShape = {
  pageSize: z.coerce.number().int().min(1).max(100).default(25).describe('Items per page, 1–100.'),
  continuationToken: z.string().min(1).max(8192).optional().describe('From the previous page; absent for the first.'),
};

export interface PageRequest {
  pageSize: number;
  continuationToken?: string;
}

export interface Page<T> {
  items: T[];
  continuationToken: string | null;
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), continuationToken: z.string().nullable() });

/** Wraps a storage continuation token so callers see an opaque string. */
export const encodeContinuation = (raw: string | undefined): string | null =>
  raw ? Buffer.from(raw, 'utf8').toString('base64url') : null;

export function decodeContinuation(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const raw = Buffer.from(token, 'base64url').toString('utf8');
  try {
    JSON.parse(raw);
  } catch {
    throw new ValidationError('continuationToken is not one this API issued.', { continuationToken: ['invalid'] });
  }
  return raw;
}
