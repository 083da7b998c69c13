// ETag and If-Match handling: strong ETags on the wire, bare values inside.
import { ValidationError } from '../core/errors.js';

export const toEtagHeader = (etag: string): string => `"${etag.replace(/^W\//, '').replaceAll('"', '')}"`;

/** The bare ETag value an If-Match header asks for; `*` and absent mean "any". */
export function parseIfMatch(header: string | null): string | undefined {
  if (header === null || header.trim() === '' || header.trim() === '*') return undefined;
  const values = header.split(',').map((v) => v.trim());
  if (values.length !== 1) throw new ValidationError('If-Match must carry exactly one ETag.', { 'If-Match': ['one ETag'] });
  const bare = values[0]!.replace(/^W\//, '').replaceAll('"', '');
  if (bare === '' || bare.length > 200) throw new ValidationError('If-Match is not a valid ETag.', { 'If-Match': ['invalid'] });
  return bare;
}
