// CORS answered by the app: preflight from the catch-all OPTIONS function, headers on every answer of the pipeline
// (errors included), nothing for an origin that is not allowed, and the allow-list as the app settings state it.
import { parseConfig } from '../../../shared/platform/config.js';
import { OriginAllowList } from '../../../shared/platform/http/cors.js';
import { sharedStack } from '../../support/api.js';

const api = sharedStack();
const corsHeaderNames = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('CORS through the local host (the app answers it; the host adds nothing)', () => {
  it('answers a preflight from an allowed origin with the methods and headers the API reads', async () => {
    const preflight = await fetch(`${api.apiBaseUrl}/partner/profile`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type, if-match, idempotency-key, x-correlation-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const methods = preflight.headers.get('access-control-allow-methods')!.split(/,\s*/);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
    const headers = preflight.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
    expect(headers).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-correlation-id']),
    );
    expect(preflight.headers.get('vary')).toContain('Origin');
    expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('answers a preflight on every route, whatever methods the route has (one catch-all function)', async () => {
    for (const [path, method] of [
      ['/partners', 'GET'],
      ['/partner/contact-requests/lead_1', 'PATCH'],
      ['/customer/partner-relationships/ptn_1', 'DELETE'],
      ['/partner/invitations', 'POST'],
    ] as const) {
      const preflight = await fetch(`${api.apiBaseUrl}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://127.0.0.1:3000', 'access-control-request-method': method },
      });
      expect([path, preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([
        path,
        204,
        'http://127.0.0.1:3000',
      ]);
    }
  });

  it('refuses a preflight from another origin with a problem and no CORS header', async () => {
    const preflight = await fetch(`${api.apiBaseUrl}/partner/profile`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('content-type')).toContain('application/problem+json');
    expect(((await preflight.json()) as { code: string }).code).toBe('origin-not-allowed');
    expect(corsHeaderNames(preflight.headers)).toEqual([]);
  });

  it('lets an allowed origin read ETag, Location, Retry-After, x-correlation-id and Idempotent-Replayed, on errors too', async () => {
    const partner = await api.createPartner();
    const read = await fetch(`${api.apiBaseUrl}/partner/profile`, {
      headers: { origin: 'http://localhost:3000', authorization: `Bearer ${partner.token}` },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toMatch(/^"/);
    expect(read.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(read.headers.get('access-control-expose-headers')!.split(/,\s*/)).toEqual([
      'ETag',
      'Location',
      'Retry-After',
      'x-correlation-id',
      'Idempotent-Replayed',
    ]);
    expect(read.headers.get('vary')).toBe('Origin');

    const unauthorized = await fetch(`${api.apiBaseUrl}/partner/profile`, { headers: { origin: 'http://localhost:3000' } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(unauthorized.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
  });

  it('gives another origin (and a request without Origin) no CORS header, only Vary: Origin', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, {}] as Record<string, string>[]) {
      const response = await fetch(`${api.apiBaseUrl}/roles`, { headers });
      expect(response.status).toBe(200);
      expect(corsHeaderNames(response.headers)).toEqual([]);
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('answers a plain OPTIONS (no preflight) with the methods, and leaves unknown methods to 404', async () => {
    const options = await fetch(`${api.apiBaseUrl}/partners`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toContain('GET');
    expect(corsHeaderNames(options.headers)).toEqual([]);
    expect((await fetch(`${api.apiBaseUrl}/partners`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('APP_CORS_ALLOWED_ORIGINS', () => {
  const env = {
    COSMOS_ENDPOINT: 'https://cosmos.example.com:443/',
    QueueStorage__queueServiceUri: 'https://st.queue.core.windows.net',
    ACS_ENDPOINT: 'https://acs.communication.azure.com',
    EMAIL_SENDER_ADDRESS: 'DoNotReply@example.com',
    AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
    AUTH_AUDIENCE: '11111111-2222-3333-4444-555555555555',
    AUTH_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    PORTAL_BASE_URL: 'https://portal.example.com',
    PAGING_TOKEN_KEY: 'k'.repeat(32),
  };

  it('is empty unless set: no page on another origin may call the API', () => {
    const origins = parseConfig(env).APP_CORS_ALLOWED_ORIGINS;
    expect(origins).toEqual([]);
    expect(new OriginAllowList(origins).allows('https://portal.example.com')).toBe(false);
  });

  it('reads a comma-separated list, normalised as browsers send Origin', () => {
    const origins = parseConfig({
      ...env,
      APP_CORS_ALLOWED_ORIGINS: ' https://Portal.Contoso.com/ ,https://admin.contoso.com:8443,,http://localhost:*',
    }).APP_CORS_ALLOWED_ORIGINS;
    expect(origins).toEqual(['https://portal.contoso.com', 'https://admin.contoso.com:8443', 'http://localhost:*']);
    const list = new OriginAllowList(origins);
    expect(list.allows('https://portal.contoso.com')).toBe(true);
    expect(list.allows('https://PORTAL.contoso.com')).toBe(true);
    expect(list.allows('https://admin.contoso.com:8443')).toBe(true);
    expect(list.allows('http://localhost:5173')).toBe(true);
    expect(list.allows('http://localhost')).toBe(true);
    // Same host, other scheme or port; look-alike hosts; opaque origins.
    expect(list.allows('http://portal.contoso.com')).toBe(false);
    expect(list.allows('https://portal.contoso.com:444')).toBe(false);
    expect(list.allows('https://admin.contoso.com')).toBe(false);
    expect(list.allows('https://portal.contoso.com.evil.example')).toBe(false);
    expect(list.allows('https://localhost:5173')).toBe(false);
    expect(list.allows('http://localhost.evil.example:5173')).toBe(false);
    expect(list.allows('null')).toBe(false);
  });

  it('fails start-up naming the setting for an entry that is not an origin', () => {
    for (const bad of ['*', 'portal.contoso.com', 'https://portal.contoso.com/app', 'https://*.contoso.com', 'ftp://x.example']) {
      expect(() => parseConfig({ ...env, APP_CORS_ALLOWED_ORIGINS: bad })).toThrow(/APP_CORS_ALLOWED_ORIGINS/);
    }
  });
});
