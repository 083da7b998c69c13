// ETags on the wire and signed continuation tokens.
import { parseIfMatch, toEtagHeader } from '../../../shared/platform/http/etag.js';
import { PagingTokens, queryBinding } from '../../../shared/platform/persistence/paging-tokens.js';
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

  const raw = '{"token":"+RID:abc","range":{"min":"","max":"FF"}}';
  const key = 'a-test-key-of-at-least-thirty-two-characters';
  const mine = queryBinding(
    { query: 'SELECT * FROM c WHERE c.partnerId = @p', parameters: [{ name: '@p', value: 'ptn_1' }] },
    'ptn_1',
  );

  it('seals a storage token into an opaque one and opens it again for the same query', () => {
    const tokens = new PagingTokens([key]);
    const sealed = tokens.seal(raw, mine);
    expect(sealed).not.toContain('{');
    expect(sealed).not.toContain('RID');
    expect(tokens.open(sealed, mine)).toBe(raw);
  });

  it('refuses a token that was altered, signed with another key, or issued for another query, caller or partition', () => {
    const tokens = new PagingTokens([key]);
    const sealed = tokens.seal(raw, mine);
    const [version, payload, signature] = sealed.split('.');
    const forgedPayload = Buffer.from(raw.replace('abc', 'abd')).toString('base64url');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const refused = [
      `${version}.${forgedPayload}.${signature}`,
      `${version}.${payload}.${flip(signature!)}`,
      `${version}.${payload}`,
      `v0.${payload}.${signature}`,
      Buffer.from(raw).toString('base64url'), // what the API used to hand out: an unsigned storage token
      new PagingTokens(['another-key-of-at-least-thirty-two-characters']).seal(raw, mine),
    ];
    for (const token of refused) expect(() => tokens.open(token, mine)).toThrow(ValidationError);
    const otherCaller = queryBinding(
      { query: 'SELECT * FROM c WHERE c.partnerId = @p', parameters: [{ name: '@p', value: 'ptn_2' }] },
      'ptn_2',
    );
    const otherFilter = queryBinding(
      {
        query: 'SELECT * FROM c WHERE c.partnerId = @p AND c.status = @s',
        parameters: [
          { name: '@p', value: 'ptn_1' },
          { name: '@s', value: 'new' },
        ],
      },
      'ptn_1',
    );
    const otherPartition = queryBinding(
      { query: 'SELECT * FROM c WHERE c.partnerId = @p', parameters: [{ name: '@p', value: 'ptn_1' }] },
      undefined,
    );
    for (const binding of [otherCaller, otherFilter, otherPartition])
      expect(() => tokens.open(sealed, binding)).toThrow(ValidationError);
  });

  it('verifies with every configured key but signs with the first, so keys rotate without breaking tokens in flight', () => {
    const old = new PagingTokens(['the-old-key-of-at-least-thirty-two-characters']);
    const rotated = new PagingTokens([key, 'the-old-key-of-at-least-thirty-two-characters']);
    expect(rotated.open(old.seal(raw, mine), mine)).toBe(raw);
    expect(() => old.open(rotated.seal(raw, mine), mine)).toThrow(ValidationError);
  });

  it('does not bind the time of the request (@now), which moves from one page to the next', () => {
    const at = (now: string) =>
      queryBinding(
        {
          query: 'SELECT * FROM c WHERE c.expiresAt > @now AND c.p = @p',
          parameters: [
            { name: '@p', value: 'x' },
            { name: '@now', value: now },
          ],
        },
        'x',
      );
    expect(at('2025-01-01T00:00:00.000Z')).toBe(at('2025-01-01T00:00:05.000Z'));
  });
});
