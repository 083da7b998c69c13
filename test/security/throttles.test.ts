// Throttles under concurrency, on a stack of its own with small limits: every limit holds exactly when 20–30 requests
// arrive at once, whatever the attacker varies — the case of an email address, the headers that claim another client
// address (X-Forwarded-For first entries, X-Real-IP, Forwarded, X-Azure-ClientIP…), creates mixed with resends, or the
// partner an invitation comes from. Every refusal is a 429 problem with Retry-After and changes nothing.
// (test/features/leads/throttles.test.ts shows each limit one request at a time; this file is the matrix and the counts.)
import { request } from 'node:http';
import { contactRequestBody, TestClient, uniqueEmail, waitFor, type ApiResponse } from '../support/api.js';
import { invite } from '../support/invitations.js';
import { startStackProcess, type StackProcess } from '../support/stack-process.js';
import { brief, problemFinding, report, Tally } from './attack-surface.js';

const LIMITS = { perEmail: 3, perClient: 6, perPartner: 12, invitesPerPartner: 5, invitesPerRecipient: 3 };

let stack: StackProcess;
let api: TestClient;
const probes = new Tally('throttle', 'requests against throttles');

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
  report([probes]);
  await stack?.stop();
});

/** "Contact me" from a loopback source address of our choosing: a different address is a different client. */
function contactFrom(
  source: string,
  partnerId: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const url = new URL(`${api.apiBaseUrl}/partners/${partnerId}/contact-requests`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: source,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: text ? JSON.parse(text) : undefined, text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The limit holds: never more than `limit` of `answers` got `okStatus` (at least one did), and every other one is a
 * 429 problem with Retry-After. Under a burst, units taken by requests that another limit then refuses are given back
 * a moment later, so a burst may admit fewer than the limit — never more, which is what an attacker would need.
 */
function holdsExactly(what: string, answers: ApiResponse[], limit: number, okStatus: number): void {
  probes.count(answers.length);
  const passed = answers.filter((a) => a.status === okStatus).length;
  probes.check(
    what,
    passed >= 1 && passed <= limit
      ? undefined
      : `${passed} passed a limit of ${limit}: ${answers.map((a) => a.status).join(' ')}`,
  );
  for (const a of answers.filter((x) => x.status !== okStatus)) {
    if (!probes.check(what, problemFinding(a, [429]))) continue;
    probes.check(what, a.body.code === 'throttled' ? undefined : `code ${a.body.code}: ${brief(a)}`);
  }
}

const leadsOf = async (partner: { token: string }) =>
  (await api.get('/partner/contact-requests?pageSize=100', partner.token)).body.items as { contact: { email: string } }[];

describe('throttles hold exactly under concurrency', () => {
  it('"Contact me" per email: 30 at once from 30 client addresses to 30 partners, the address in three cases → the limit', async () => {
    // One request per partner, so none is a partner's 24-hour duplicate: only the per-email limit can stop them.
    const partners = await Promise.all(Array.from({ length: 30 }, () => api.createPartner()));
    const email = uniqueEmail('burst');
    const variants = [email, email.toUpperCase(), email.replace(/^./, (c) => c.toUpperCase())];
    const answers = await Promise.all(
      partners.map((p, i) => contactFrom(`127.0.3.${i + 1}`, p.id, contactRequestBody(variants[i % variants.length]))),
    );
    holdsExactly('per email', answers, LIMITS.perEmail, 201);
    const stored = (await Promise.all(partners.map(leadsOf))).flat();
    expect(stored).toHaveLength(answers.filter((a) => a.status === 201).length);
    expect(probes.findings).toEqual([]);
  });

  it('"Contact me" per client: 20 at once from one address with 20 different claims to be someone else → the limit; a real second client is not affected', async () => {
    const [target, other] = await Promise.all([api.createPartner(), api.createPartner()]);
    const spoofs: Record<string, string>[] = [
      { 'x-forwarded-for': '10.0.0.1' },
      { 'x-forwarded-for': '10.0.0.2, 10.0.0.3' },
      { 'x-forwarded-for': '127.0.0.9' },
      { 'x-forwarded-for': '127.0.0.9, 127.0.0.10' },
      { 'x-forwarded-for': 'unknown' },
      { 'x-forwarded-for': '::1' },
      { 'x-forwarded-for': '[2001:db8::1]:443' },
      { 'x-forwarded-for': '10.0.0.4,' },
      { 'x-forwarded-for': ' , , ' },
      { 'x-forwarded-for': 'x'.repeat(200) },
      { 'x-real-ip': '10.0.0.5' },
      { 'x-client-ip': '10.0.0.6' },
      { 'x-azure-clientip': '10.0.0.7' },
      { 'x-azure-socketip': '10.0.0.8' },
      { forwarded: 'for=10.0.0.9' },
      { 'cf-connecting-ip': '10.0.0.10' },
      { 'true-client-ip': '10.0.0.11' },
      { 'x-original-forwarded-for': '10.0.0.12' },
      { 'x-forwarded-for': '10.0.0.13', 'x-real-ip': '10.0.0.14', forwarded: 'for=10.0.0.15' },
      {},
    ];
    const [attacker, bystander] = await Promise.all([
      Promise.all(spoofs.map((h) => contactFrom('127.0.0.7', target.id, contactRequestBody(uniqueEmail('spoof')), h))),
      Promise.all(Array.from({ length: 8 }, () => contactFrom('127.0.0.8', other.id, contactRequestBody(uniqueEmail('real'))))),
    ]);
    holdsExactly('per client, spoofing', attacker, LIMITS.perClient, 201);
    holdsExactly('per client, the bystander', bystander, LIMITS.perClient, 201);
    expect(await leadsOf(target)).toHaveLength(LIMITS.perClient);
    // Whoever the attacker claimed to be, those addresses' own allowance is untouched.
    const claimed = await contactFrom('127.0.0.9', target.id, contactRequestBody(uniqueEmail('claimed')));
    expect(claimed.status).toBe(201);
    probes.count();
    expect(probes.findings).toEqual([]);
  });

  it('"Contact me" per partner: 20 clients at once → the partner’s limit', async () => {
    const partner = await api.createPartner();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => contactFrom(`127.0.4.${i + 1}`, partner.id, contactRequestBody(uniqueEmail(`c${i}`)))),
    );
    holdsExactly('per partner', answers, LIMITS.perPartner, 201);
    expect(await leadsOf(partner)).toHaveLength(LIMITS.perPartner);
    expect(probes.findings).toEqual([]);
  });

  it('invitation emails per partner: creates and resends at once → the hourly limit, and only what was allowed is stored', async () => {
    const partner = await api.createPartner();
    const first = await Promise.all(
      [0, 1].map(() => invite(api, partner, { customerEmail: uniqueEmail('pre'), partnerType: 'reseller' })),
    );
    expect(first.map((a) => a.status)).toEqual([202, 202]);
    const answers = await Promise.all([
      ...first.map((f) => api.call('POST', `/partner/invitations/${f.body.id}/resend`, { token: partner.token })),
      ...Array.from({ length: 20 }, (_, i) =>
        invite(api, partner, { customerEmail: uniqueEmail(`inv${i}`), partnerType: 'reseller' }),
      ),
    ]);
    holdsExactly('per partner', answers, LIMITS.invitesPerPartner - first.length, 202);
    const stored = (await api.get('/partner/invitations?pageSize=100', partner.token)).body.items as { resendCount: number }[];
    const resent = answers.slice(0, 2).filter((a) => a.status === 202).length;
    const created = answers.slice(2).filter((a) => a.status === 202).length;
    expect(stored).toHaveLength(first.length + created);
    expect(stored.reduce((sum, i) => sum + i.resendCount, 0)).toBe(resent);
    expect(probes.findings).toEqual([]);
  });

  it('invitation emails per recipient: 3 partners × 8 invitations at once to one address, in any case → the daily limit; the inbox gets only those', async () => {
    const partners = await Promise.all([0, 1, 2].map(() => api.createPartner()));
    const victim = uniqueEmail('victim');
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        invite(api, partners[i % 3]!, { customerEmail: i % 2 ? victim.toUpperCase() : victim, partnerType: 'reseller' }),
      ),
    );
    holdsExactly('per recipient', answers, LIMITS.invitesPerRecipient, 202);
    const stored = await Promise.all(
      partners.map(async (p) => (await api.get('/partner/invitations?pageSize=100', p.token)).body.items.length as number),
    );
    expect(stored.reduce((a, b) => a + b, 0)).toBe(LIMITS.invitesPerRecipient);
    const sent = await waitFor(async () => {
      const mine = (
        await Promise.all(partners.map(async (p) => (await api.get('/partner/invitations?pageSize=100', p.token)).body.items))
      ).flat();
      return mine.every((i: { emailStatus: string }) => i.emailStatus === 'sent') && mine;
    }, 'the allowed invitations to be emailed');
    expect(sent).toHaveLength(LIMITS.invitesPerRecipient);
    expect(await api.emails(victim)).toHaveLength(LIMITS.invitesPerRecipient);
    expect(probes.findings).toEqual([]);
  });
});
