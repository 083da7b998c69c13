// HTTP conventions through the local host: problem+json for every error, size and media-type limits, CORS, health, OpenAPI, catalogs.
import { contactRequestBody, sharedStack } from '../../support/api.js';

const api = sharedStack();

describe('HTTP conventions', () => {
  let partner: Awaited<ReturnType<typeof api.createPartner>>;
  beforeAll(async () => {
    partner = await api.createPartner();
  });
  const leadsPath = () => `/partners/${partner.id}/contact-requests`;

  const expectProblem = (
    response: { status: number; headers: Headers; body: Record<string, unknown> },
    status: number,
    code: string,
  ) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: `urn:partner-relationships:problem:${code}` });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
    expect(typeof response.body.instance).toBe('string');
  };

  it('answers malformed JSON with 400 malformed-json and stores nothing', async () => {
    const response = await api.call('POST', leadsPath(), {
      rawBody: '{"location": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400, 'malformed-json');
    expect((await api.get('/partner/contact-requests', partner.token)).body.items).toHaveLength(0);
  });

  it('answers a body over 64 KiB with 413', async () => {
    const body = { ...contactRequestBody(), needs: 'x'.repeat(70 * 1024) };
    expectProblem(await api.call('POST', leadsPath(), { body }), 413, 'payload-too-large');
  });

  it('answers a non-JSON content type with 415, and an empty body with 400', async () => {
    const form = await api.call('POST', leadsPath(), {
      rawBody: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(form, 415, 'unsupported-media-type');
    const text = await api.call('POST', leadsPath(), {
      rawBody: JSON.stringify(contactRequestBody()),
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(text, 415, 'unsupported-media-type');
    expectProblem(await api.call('POST', leadsPath(), { headers: { 'content-type': 'application/json' } }), 400, 'body-required');
    expect((await api.get('/partner/contact-requests', partner.token)).body.items).toHaveLength(0);
  });

  it('accepts application/json with a charset and +json types', async () => {
    const response = await api.call('POST', leadsPath(), {
      rawBody: JSON.stringify(contactRequestBody()),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(201);
  });

  it('answers JSON that is not an object with 400 and field errors', async () => {
    const response = await api.call('POST', leadsPath(), { rawBody: '[1,2]', headers: { 'content-type': 'application/json' } });
    expectProblem(response, 400, 'validation-failed');
  });

  it('echoes a well-formed correlation id and makes one up otherwise', async () => {
    const mine = await api.call('GET', '/roles', { headers: { 'x-correlation-id': 'test-correlation-123' } });
    expect(mine.headers.get('x-correlation-id')).toBe('test-correlation-123');
    const injected = await api.call('GET', '/roles', {
      headers: { 'x-correlation-id': 'bad id\nwith newline'.replace('\n', ' ') },
    });
    expect(injected.headers.get('x-correlation-id')).not.toContain(' ');
  });

  it('answers unknown routes with 404', async () => {
    expect((await api.get('/no-such-thing')).status).toBe(404);
    expect((await api.call('DELETE', '/partners')).status).toBe(404);
  });

  it('allows local portal origins through CORS, with preflight for Authorization, If-Match and Idempotency-Key', async () => {
    const preflight = await fetch(`${api.apiBaseUrl}/partner/contact-requests`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, if-match, idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of ['authorization', 'if-match', 'idempotency-key']) expect(allowed).toContain(header);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');

    const simple = await fetch(`${api.apiBaseUrl}/roles`, { headers: { origin: 'http://127.0.0.1:3000' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(simple.headers.get('access-control-expose-headers')).toContain('ETag');
    const foreign = await fetch(`${api.apiBaseUrl}/roles`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports health with dependency checks', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', checks: { cosmos: { status: 'ok' }, queues: { status: 'ok' } } });
  });

  it('serves the role catalog and the nine partner types', async () => {
    const roles = await api.get('/roles');
    expect(roles.body.items.length).toBeGreaterThanOrEqual(100);
    expect(roles.body.items).toEqual(
      expect.arrayContaining([
        {
          id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
          name: 'Billing Administrator',
          description: expect.any(String),
          gdapAllowed: true,
          privileged: false,
        },
      ]),
    );
    const types = await api.get('/partner-types');
    expect(types.body.items.map((t: { id: string }) => t.id)).toEqual([
      'advisor',
      'isv',
      'indirectReseller',
      'lineOfBusiness',
      'mpsa',
      'oem',
      'userAccount',
      'gdap',
      'reseller',
    ]);
    expect(types.body.items.find((t: { id: string }) => t.id === 'lineOfBusiness').rolePolicy).toBe('notAssignable');
  });

  it('documents every registered HTTP function in the OpenAPI document, at its registered route and method', async () => {
    const functions = (await (await fetch(`${api.stack.origin}/.dev/functions`)).json()) as {
      http: { name: string; methods: string[]; route: string }[];
    };
    // The CORS preflight catch-all (OPTIONS /{*path}) is transport, not an API operation.
    const registered = { http: functions.http.filter((fn) => fn.name !== 'corsPreflight') };
    expect(functions.http.length - registered.http.length).toBe(1);
    const doc = await api.get('/openapi.json');
    const operations = new Map<string, { path: string; method: string }>();
    for (const [path, methods] of Object.entries(doc.body.paths as Record<string, Record<string, { operationId: string }>>)) {
      for (const [method, operation] of Object.entries(methods)) operations.set(operation.operationId, { path, method });
    }
    expect(registered.http.length).toBeGreaterThan(30);
    for (const fn of registered.http) {
      expect([fn.name, operations.get(fn.name)]).toEqual([
        fn.name,
        { path: `/${fn.route}`, method: fn.methods[0]!.toLowerCase() },
      ]);
    }
    expect(operations.size).toBe(registered.http.length);
  });

  it('serves an OpenAPI 3.1 document generated from the contracts', async () => {
    const doc = await api.get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = doc.body.paths as Record<
      string,
      Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown> }>
    >;
    expect(paths['/partners/{partnerId}/contact-requests']!.post!.operationId).toBe('createContactRequest');
    expect(paths['/partners/{partnerId}/contact-requests']!.post!.responses).toHaveProperty('429');
    expect(paths['/partner/profile']!.put!.requestBody).toBeDefined();
    expect(doc.body.components.schemas).toHaveProperty('PartnerProfile');
    expect(doc.body.components.schemas).toHaveProperty('Problem');
    // Every $ref resolves inside the document.
    const refs = JSON.stringify(doc.body).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.body.components.schemas).toHaveProperty(ref.split('/').pop()!.replace('"', ''));
  });
});
