// The local host behaves like the real Functions host where a caller notices: repeated query names joined with a
// comma, malformed percent-escapes handed to the function, case-insensitive routing, the host's 100 MiB body limit
// (not a lower one of its own), and timer schedules in UTC whatever the machine's time zone.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_HOST_BODY_BYTES, queryOf } from '../../../scripts/local-host/local-host.js';
import { decodePathValue } from '../../../scripts/local-host/routes.js';
import { nextOccurrence } from '../../../scripts/local-host/timers.js';
import { contactRequestBody, sharedStack } from '../../support/api.js';
import { repoRoot } from '../../support/stack-process.js';

const api = sharedStack();

const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect([response.status, response.headers.get('content-type'), response.body?.code]).toEqual([
    status,
    expect.stringContaining('application/problem+json'),
    code,
  ]);
};

describe('local host: query strings as the real host passes them', () => {
  it('joins the values of a repeated name with a comma', () => {
    expect(queryOf(new URL('http://h/api/partners?country=FR&country=DE&q=&pageSize=5'))).toEqual({
      country: 'FR,DE',
      q: '',
      pageSize: '5',
    });
  });

  it('so ?country=FR&country=DE fails the function validation with 400', async () => {
    const response = await api.get('/partners?country=FR&country=DE');
    expectProblem(response, 400, 'validation-failed');
    expect(response.body.errors).toHaveProperty('country');
    expect((await api.get('/partners?country=FR')).status).toBe(200);
  });
});

describe('local host: percent-escapes in the path', () => {
  it('decodes valid escapes, keeps %2F and malformed escapes as they came', () => {
    expect(decodePathValue('caf%C3%A9%20bar')).toBe('café bar');
    expect(decodePathValue('a%2Fb%2fc')).toBe('a%2Fb%2fc');
    expect(decodePathValue('%zz')).toBe('%zz');
    expect(decodePathValue('100%')).toBe('100%');
    expect(decodePathValue('%E0%A4')).toBe('%E0%A4');
    expect(decodePathValue('%C3%A9%FF%41')).toBe('é%FFA');
  });

  it('hands a malformed escape to the function, whose validation answers 400 problem+json (not a bare 500)', async () => {
    for (const id of ['%zz', '%E0%A4', 'ptn_1%']) {
      const response = await api.get(`/partners/${id}`);
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors).toHaveProperty('partnerId');
    }
  });
});

describe('local host: routing', () => {
  it('matches the route prefix and the route templates case-insensitively', async () => {
    const origin = new URL(api.apiBaseUrl).origin;
    for (const path of ['/API/partners?pageSize=1', '/Api/Partners?pageSize=1', '/api/PARTNERS?pageSize=1']) {
      const response = await api.call('GET', `${origin}${path}`);
      expect([path, response.status, Array.isArray(response.body.items)]).toEqual([path, 200, true]);
    }
    const roles = await api.call('GET', `${origin}/API/Roles`);
    expect(roles.status).toBe(200);
  });

  it('answers a path outside the prefix, or an unknown route, with a bare 404', async () => {
    const origin = new URL(api.apiBaseUrl).origin;
    for (const path of ['/apix/partners', '/partners', '/api/no-such-thing']) {
      const response = await fetch(`${origin}${path}`);
      expect([path, response.status, await response.text()]).toEqual([path, 404, '']);
    }
  });
});

describe('local host: request body size', () => {
  it('lets a body far over the old 4 MiB local limit reach the function, which answers its own 413 problem', async () => {
    const partner = await api.createPartner();
    const body = JSON.stringify({ ...contactRequestBody(), needs: 'x'.repeat(5 * 1024 * 1024) });
    const response = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      rawBody: body,
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 413, 'payload-too-large');
  });

  it('has the real host limit, 100 MiB, and answers a larger declared body with a bare 413 without reading it', async () => {
    expect(MAX_HOST_BODY_BYTES).toBe(100 * 1024 * 1024);
    const url = new URL(`${api.apiBaseUrl}/partners/ptn_1/contact-requests`);
    let request: http.ClientRequest | undefined;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      request = http.request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(MAX_HOST_BODY_BYTES + 1) } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      // Only a few bytes of the announced 100 MiB: the host must answer from the header alone.
      request.write('{"needs":"');
    });
    request?.destroy();
    expect(answer).toEqual({ status: 413, body: '' });
  });
});

describe('local host: timer schedules', () => {
  it('computes the next run in UTC', () => {
    expect(nextOccurrence('0 5 * * * *', new Date('2026-03-01T10:20:00Z')).toISOString()).toBe('2026-03-01T11:05:00.000Z');
    expect(nextOccurrence('0 30 2 * * *', new Date('2026-03-01T10:20:00Z')).toISOString()).toBe('2026-03-02T02:30:00.000Z');
  });

  it('computes the same runs on a machine in another time zone (TZ=Asia/Kolkata, +05:30)', () => {
    const module = pathToFileURL(path.join(repoRoot, 'dist', 'scripts', 'local-host', 'timers.js')).href;
    const script = `
      const { nextOccurrence } = await import(${JSON.stringify(module)});
      const from = new Date('2026-03-01T10:20:00Z');
      console.log(JSON.stringify({
        offsetMinutes: from.getTimezoneOffset(),
        hourly: nextOccurrence('0 5 * * * *', from).toISOString(),
        daily: nextOccurrence('0 30 2 * * *', from).toISOString(),
      }));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TZ: 'Asia/Kolkata' },
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      // The child really ran in India time, so a local-time schedule would have said 10:35Z and 21:00Z.
      offsetMinutes: -330,
      hourly: '2026-03-01T11:05:00.000Z',
      daily: '2026-03-02T02:30:00.000Z',
    });
  });
});
