// Throttles that hold, on a stack of its own with small limits: "Contact me" per email (exact under concurrency),
// per client address (as the platform reports it — the last X-Forwarded-For hop, never the client's own entries) and
// per partner, so one client cannot switch a partner's "Contact me" off for everyone; invitation emails per partner
// and per recipient address, so the service's sender cannot be used to flood an inbox. Every 429 carries Retry-After.
import { request } from 'node:http';
import { contactRequestBody, TestClient, uniqueEmail } from '../../support/api.js';
import { invite } from '../../support/invitations.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

let stack: StackProcess;
let api: TestClient;

const LIMITS = { perEmail: 3, perClient: 10, perPartner: 15, invitesPerPartner: 5, invitesPerRecipient: 3 };

beforeAll(async () => {
  stack = await startStackProcess([
    ...['--setting', `CONTACT_REQUESTS_PER_HOUR_PER_EMAIL=${LIMITS.perEmail}`],
    ...['--setting', `CONTACT_REQUESTS_PER_HOUR_PER_CLIENT=${LIMITS.perClient}`],
    ...['--setting', `CONTACT_REQUESTS_PER_HOUR_PER_PARTNER=${LIMITS.perPartner}`],
    ...['--setting', `INVITATIONS_PER_HOUR_PER_PARTNER=${LIMITS.invitesPerPartner}`],
    ...['--setting', `INVITATIONS_PER_DAY_PER_RECIPIENT=${LIMITS.invitesPerRecipient}`],
  ]);
  api = new TestClient(stack.info);
});
afterAll(async () => {
  await stack?.stop();
});

/** POST "Contact me" from a given loopback source address (a real other client), with optional headers. */
function contactFrom(
  sourceAddress: string,
  partnerId: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter: string | undefined; body: { code?: string } }> {
  const url = new URL(`${api.apiBaseUrl}/partners/${partnerId}/contact-requests`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: sourceAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body: text ? (JSON.parse(text) as { code?: string }) : {},
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('"Contact me" throttles', () => {
  it('per email: of 30 concurrent requests from one email, never more than the limit are stored, and the burst leaks no unit', async () => {
    const email = uniqueEmail('burst');
    // One partner per request (a partner dedupes the same email within 24 h) and one client address per request, so
    // only the per-email limit is in play.
    const partners = await Promise.all(Array.from({ length: 30 }, () => api.createPartner()));
    const results = await Promise.all(
      partners.map((partner, i) => contactFrom(`127.0.2.${i + 1}`, partner.id, contactRequestBody(email))),
    );
    const created = results.filter((r) => r.status === 201).length;
    expect(created).toBeGreaterThanOrEqual(1);
    expect(created).toBeLessThanOrEqual(LIMITS.perEmail);
    const throttled = results.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(30 - created);
    for (const r of throttled) {
      expect(r.body.code).toBe('throttled');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    // Once the burst settled, the refused requests gave their units back: exactly the rest of the limit is left.
    const later = [];
    for (let i = 0; i <= LIMITS.perEmail - created; i++) {
      const partner = await api.createPartner();
      later.push((await contactFrom(`127.0.4.${i + 1}`, partner.id, contactRequestBody(email))).status);
    }
    expect(later).toEqual([...Array(LIMITS.perEmail - created).fill(201), 429]);
  });

  it('per client: one client cannot use up a partner for everyone, and a spoofed X-Forwarded-For does not help', async () => {
    const partner = await api.createPartner();
    const attacker = '127.0.0.7';
    const answers = [];
    for (let i = 0; i < LIMITS.perClient + 5; i++) {
      // A fresh email each time, and a forged first X-Forwarded-For entry: the host appends the real hop last.
      answers.push(
        await contactFrom(attacker, partner.id, contactRequestBody(uniqueEmail(`spam${i}`)), {
          'x-forwarded-for': `10.0.${i}.1`,
        }),
      );
    }
    expect(answers.filter((a) => a.status === 201)).toHaveLength(LIMITS.perClient);
    expect(answers.slice(LIMITS.perClient).every((a) => a.status === 429 && Number(a.retryAfter) > 0)).toBe(true);

    // A real customer from another address still reaches the partner.
    const customer = await contactFrom('127.0.0.9', partner.id, contactRequestBody(uniqueEmail('real-customer')));
    expect(customer.status).toBe(201);
  });

  it('per partner: many clients together stop at the partner limit', async () => {
    const partner = await api.createPartner();
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.perPartner + 3; i++) {
      statuses.push((await contactFrom(`127.0.1.${i + 1}`, partner.id, contactRequestBody(uniqueEmail(`c${i}`)))).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(LIMITS.perPartner);
    expect(statuses.slice(LIMITS.perPartner)).toEqual([429, 429, 429]);
  });
});

describe('invitation email throttles', () => {
  it('per partner: creates and resends together stop at the hourly limit, with Retry-After', async () => {
    const partner = await api.createPartner();
    const first = await invite(api, partner, { customerEmail: uniqueEmail('inv'), partnerType: 'reseller' });
    expect(first.status).toBe(202);
    const resend = await api.call('POST', `/partner/invitations/${first.body.id}/resend`, { token: partner.token });
    expect(resend.status).toBe(202);
    const statuses = [];
    for (let i = 0; i < LIMITS.invitesPerPartner; i++) {
      statuses.push((await invite(api, partner, { customerEmail: uniqueEmail(`inv${i}`), partnerType: 'reseller' })).status);
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(LIMITS.invitesPerPartner - 2);
    const refused = await invite(api, partner, { customerEmail: uniqueEmail('over'), partnerType: 'reseller' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('throttled');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const refusedResend = await api.call('POST', `/partner/invitations/${first.body.id}/resend`, { token: partner.token });
    expect(refusedResend.status).toBe(429);
    // Nothing was created by the refused request.
    const list = await api.get('/partner/invitations?pageSize=100', partner.token);
    expect(list.body.items).toHaveLength(LIMITS.invitesPerPartner - 1);
  });

  it('per recipient: one address gets at most the daily limit of invitations, from every partner together', async () => {
    const victim = uniqueEmail('victim');
    const partners = await Promise.all([api.createPartner(), api.createPartner()]);
    const statuses = [];
    for (let i = 0; i < LIMITS.invitesPerRecipient + 2; i++) {
      statuses.push((await invite(api, partners[i % 2]!, { customerEmail: victim, partnerType: 'reseller' })).status);
    }
    expect(statuses).toEqual([...Array(LIMITS.invitesPerRecipient).fill(202), 429, 429]);
    // Another address is not affected.
    expect((await invite(api, partners[0], { customerEmail: uniqueEmail('other'), partnerType: 'reseller' })).status).toBe(202);
  });
});
