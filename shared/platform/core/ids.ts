// Opaque identifiers and hashes.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const newId = (prefix: string): string => `${prefix}_${randomUUID().replaceAll('-', '')}`;

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A deterministic id from stable parts (used where retries must land on the same item). */
export const derivedId = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${sha256Hex(parts.join('\u0000')).slice(0, 32)}`;

/** A random secret of `bytes` bytes, base64url. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const constantTimeEqualHex = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
};
