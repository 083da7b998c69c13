// Log redaction and correlation ids.
import { redact, Logger } from '../../../shared/platform/core/logger.js';

describe('log redaction', () => {
  it('removes emails, phone numbers, tokens and secret query parameters but keeps ids', () => {
    const line = redact(
      'to ana@example.org tel +33 1 23 45 67 89 jwt eyJhbGciOi.eyJzdWIiOi.sig link https://x/accept?code=abc123&x=1 id 3f2a-11-22-33',
    );
    expect(line).not.toContain('ana@example.org');
    expect(line).not.toContain('23 45 67');
    expect(line).not.toContain('eyJhbGciOi');
    expect(line).not.toContain('abc123');
    expect(line).toContain('3f2a-11-22-33');
  });

  it('prefixes every line with the correlation id', () => {
    const lines: string[] = [];
    const sink = { info: (l: unknown) => lines.push(String(l)), warn: () => undefined, error: () => undefined };
    new Logger(sink, 'cid-0123-4567-89ab').info('hello', { leadId: 'lead_1', email: 'a@b.co' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[cid=cid-0123-4567-89ab\] hello leadId=lead_1 /);
    expect(lines[0]).not.toContain('a@b.co');
  });
});
