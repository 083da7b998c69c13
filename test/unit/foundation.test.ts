// Unit tests of the foundation's pure rules: config, logging redaction, ETags, paging tokens, routes, lead moves.
import { parseConfig, requiredSettingNames } from '../../shared/platform/config.js';
import { redact, Logger } from '../../shared/platform/core/logger.js';
import { parseIfMatch, toEtagHeader } from '../../shared/platform/http/etag.js';
import { decodeContinuation, encodeContinuation } from '../../shared/platform/http/paging.js';
import { assertLeadTransition } from '../../shared/features/leads/lead.js';
import { partnerIdForTenant } from '../../shared/features/directory/partner-profile.js';
import { operationIdForJob } from '../../shared/platform/email/email-sender.js';
import { escapeHtml, renderEmail } from '../../shared/platform/email/templates.js';
import { compileRoute, matchRoute } from '../../scripts/local-host/routes.js';
import { ConflictError, ValidationError } from '../../shared/platform/core/errors.js';

const validEnv = {
  COSMOS_ENDPOINT: 'https://cosmos.example.com:443/',
  QueueStorage__queueServiceUri: 'https://st.queue.core.windows.net',
  ACS_ENDPOINT: 'https://acs.communication.azure.com',
  EMAIL_SENDER_ADDRESS: 'DoNotReply@example.com',
  AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
  AUTH_AUDIENCE: '11111111-2222-3333-4444-555555555555',
  AUTH_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
  PORTAL_BASE_URL: 'https://portal.example.com',
};

describe('config', () => {
  it('parses a complete environment and applies defaults', () => {
    const config = parseConfig(validEnv);
    expect(config.COSMOS_DATABASE).toBe('partner-relationships');
    expect(config.CONTACT_REQUESTS_PER_HOUR_PER_EMAIL).toBe(5);
    expect(config.ACS_ALLOW_INSECURE_CONNECTION).toBe(false);
  });

  it('fails naming the bad setting', () => {
    expect(() => parseConfig({ ...validEnv, PORTAL_BASE_URL: 'not a url' })).toThrow(/PORTAL_BASE_URL/);
    expect(() => parseConfig({ ...validEnv, COSMOS_ENDPOINT: undefined })).toThrow(/COSMOS_ENDPOINT/);
    expect(() => parseConfig({ ...validEnv, ACS_ENDPOINT: undefined })).toThrow(/ACS_ENDPOINT/);
    expect(() => parseConfig({ ...validEnv, CONTACT_REQUESTS_PER_HOUR_PER_EMAIL: '-1' })).toThrow(
      /CONTACT_REQUESTS_PER_HOUR_PER_EMAIL/,
    );
  });

  it('lists the settings every deployment must provide', () => {
    expect(requiredSettingNames).toEqual(
      expect.arrayContaining([
        'COSMOS_ENDPOINT',
        'EMAIL_SENDER_ADDRESS',
        'AUTH_ISSUER',
        'AUTH_AUDIENCE',
        'AUTH_JWKS_URL',
        'PORTAL_BASE_URL',
      ]),
    );
    expect(requiredSettingNames).not.toContain('COSMOS_DATABASE');
  });
});

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

describe('lead status rules', () => {
  it.each([
    ['new', 'accepted'],
    ['new', 'declined'],
    ['accepted', 'closed'],
    ['new', 'expired'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(() => assertLeadTransition(from, to)).not.toThrow();
  });

  it.each([
    ['new', 'closed'],
    ['accepted', 'declined'],
    ['declined', 'accepted'],
    ['closed', 'accepted'],
    ['expired', 'accepted'],
  ] as const)('refuses %s → %s with 409', (from, to) => {
    expect(() => assertLeadTransition(from, to)).toThrow(ConflictError);
  });
});

describe('ids', () => {
  it('derives a stable partner id per tenant, case-insensitively', () => {
    expect(partnerIdForTenant('ABC')).toBe(partnerIdForTenant('abc'));
    expect(partnerIdForTenant('abc')).not.toBe(partnerIdForTenant('abd'));
    expect(partnerIdForTenant('abc')).toMatch(/^ptn_[0-9a-f]{32}$/);
  });

  it('derives one UUID operation id per email job', () => {
    const id = operationIdForJob('invite_1_1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(operationIdForJob('invite_1_1')).toBe(id);
    expect(operationIdForJob('invite_1_2')).not.toBe(id);
  });
});

describe('email rendering', () => {
  it('escapes user text in HTML and keeps it readable in plain text', () => {
    expect(escapeHtml('<b>"x" & \'y\'</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;');
    const email = renderEmail({
      to: 'p@x.test',
      subject: 'S',
      heading: 'H',
      intro: '<script>alert(1)</script>',
      facts: [{ label: 'Needs', value: 'a < b' }],
      action: { label: 'Open', url: 'https://portal/x?code=1&y=2' },
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('a &lt; b');
    expect(email.html).toContain('code=1&amp;y=2');
    expect(email.text).toContain('Needs: a < b');
    expect(email.text).toContain('Open: https://portal/x?code=1&y=2');
  });
});

describe('local host routing', () => {
  const routes = [
    compileRoute('partners', ['GET'], 'search'),
    compileRoute('partners/{partnerId}', ['GET'], 'one'),
    compileRoute('partner/profile', ['GET', 'PUT'], 'profile'),
    compileRoute('partner/contact-requests/{id}', ['GET', 'PATCH'], 'lead'),
    compileRoute('partner/{thing}/{id}', ['GET'], 'generic'),
    compileRoute('files/{*rest}', ['GET'], 'rest'),
    compileRoute('items/{id:int}/{view?}', ['GET'], 'optional'),
  ];
  it('matches templates, extracts parameters and prefers literal segments', () => {
    expect(matchRoute(routes, '/partners', 'GET')).toMatchObject({ route: { target: 'search' }, params: {} });
    expect(matchRoute(routes, '/partners/ptn_1', 'get')).toMatchObject({
      route: { target: 'one' },
      params: { partnerId: 'ptn_1' },
    });
    expect(matchRoute(routes, '/partner/contact-requests/lead_9', 'PATCH')).toMatchObject({
      route: { target: 'lead' },
      params: { id: 'lead_9' },
    });
    expect(matchRoute(routes, '/partner/other/1', 'GET')).toMatchObject({ route: { target: 'generic' } });
    expect(matchRoute(routes, '/files/a/b/c', 'GET')).toMatchObject({ params: { rest: 'a/b/c' } });
    expect(matchRoute(routes, '/items/4', 'GET')).toMatchObject({ params: { id: '4' } });
    expect(matchRoute(routes, '/items/4/full', 'GET')).toMatchObject({ params: { id: '4', view: 'full' } });
    expect(matchRoute(routes, '/partner/profile', 'DELETE')).toBe('method-not-allowed');
    expect(matchRoute(routes, '/nothing', 'GET')).toBeUndefined();
  });
});

describe('local.settings.sample.json', () => {
  it('holds every setting the app reads, with working local values for the emulators of `npm run emulators`', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { configSchema } = await import('../../shared/platform/config.js');
    const { repoRoot } = await import('../support/stack-process.js');
    const { funcStartPorts, DEV_EMAIL_SINK_KEY } = await import('../../scripts/local-stack/stack.js');
    const sample = JSON.parse(readFileSync(path.join(repoRoot, 'local.settings.sample.json'), 'utf8')) as {
      Values: Record<string, string>;
    };
    const config = parseConfig(sample.Values);
    const azureOnly = ['ACS_ENDPOINT', 'QueueStorage__queueServiceUri', 'AZURE_CLIENT_ID'];
    for (const name of Object.keys(configSchema.shape).filter((n) => !azureOnly.includes(n)))
      expect([name, name in sample.Values]).toEqual([name, true]);
    expect(config.COSMOS_ENDPOINT).toBe(`http://127.0.0.1:${funcStartPorts.cosmos}`);
    expect(sample.Values.ACS_CONNECTION_STRING).toBe(
      `endpoint=http://127.0.0.1:${funcStartPorts.emailSink}/;accesskey=${DEV_EMAIL_SINK_KEY}`,
    );
    expect(config.AUTH_JWKS_URL).toBe(`http://127.0.0.1:${funcStartPorts.devRoutes}/.dev/jwks`);
  });
});
