// ETags on the wire and opaque continuation tokens.
import { parseIfMatch, toEtagHeader } from '../../../shared/platform/http/etag.js';
import { decodeContinuation, encodeContinuation } from '../../../shared/platform/persistence/cosmos.js';
import { ValidationError } from '../../../shared/platform/core/errors.js';

describe('ETags and paging tokens', () => {
  it('quotes ETags on the wire and reads If-Match back', () => {
    expect(toEtagHeader('abc')).toBe('"abc"');
    expect(toEtagHeader('"abc"')).toBe('"abc"');
    expect(parseIfMatch('"abc"')).toBe('abc');
    expect(parseIfMatch('W/"abc"')).toBe('abc');
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch(null)).toBeUndefined();
    expect(() => parseIfMatch('"a", "b"')).toThrow(ValidationError);
  });

  it('round-trips continuation tokens and rejects forged ones', () => {
    const raw = '{"token":"+RID:abc","range":{"min":"","max":"FF"}}';
    const opaque = encodeContinuation(raw)!;
    expect(opaque).not.toContain('{');
    expect(decodeContinuation(opaque)).toBe(raw);
    expect(encodeContinuation(undefined)).toBeNull();
    expect(() => decodeContinuation('not-json-at-all')).toThrow(ValidationError);
  });
});
