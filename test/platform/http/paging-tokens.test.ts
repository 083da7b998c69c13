// Continuation tokens on the real API: normal paging works; a token with altered bytes, replayed by another tenant,
// used on another list or with another filter is a 400 problem and reveals nothing.
import { sharedStack, uniqueEmail } from '../../support/api.js';
import { invite, newCustomer, type TestPartner } from '../../support/invitations.js';
import { queuesDrained } from '../../support/cosmos-faults.js';
import { relate } from '../../support/relationships.js';

const api = sharedStack();

async function partnerWithInvitations(count: number): Promise<TestPartner> {
  const partner = await api.createPartner();
  for (let i = 0; i < count; i++) {
    const created = await invite(api, partner, { customerEmail: uniqueEmail('paging'), partnerType: 'reseller' });
    expect(created.status).toBe(202);
  }
  return partner;
}

const page = (path: string, token: string, continuation?: string) =>
  api.get(
    `${path}${path.includes('?') ? '&' : '?'}pageSize=2${continuation ? `&continuationToken=${encodeURIComponent(continuation)}` : ''}`,
    token,
  );

function expectInvalidToken(response: { status: number; body: any; headers: Headers }) {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.errors).toHaveProperty('continuationToken');
  expect(JSON.stringify(response.body)).not.toMatch(/RID|range/);
}

describe('signed continuation tokens', () => {
  it('page through a list, also with a filter evaluated at the time of each request (pending)', async () => {
    const partner = await partnerWithInvitations(3);
    for (const path of ['/partner/invitations', '/partner/invitations?status=pending']) {
      const first = await page(path, partner.token);
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(typeof first.body.continuationToken).toBe('string');
      const second = await page(path, partner.token, first.body.continuationToken);
      expect(second.status).toBe(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.continuationToken).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((i: { id: string }) => i.id);
      expect(new Set(ids).size).toBe(3);
    }
  });

  it('refuses a token with altered bytes', async () => {
    const partner = await partnerWithInvitations(3);
    const token: string = (await page('/partner/invitations', partner.token)).body.continuationToken;
    const [version, payload, signature] = token.split('.');
    const raw = Buffer.from(payload!, 'base64url').toString('utf8');
    const tampered = [
      `${version}.${Buffer.from(`${raw} `, 'utf8').toString('base64url')}.${signature}`,
      `${version}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`,
      payload!, // the bare storage token, as the API used to hand it out
      '%%%garbage',
    ];
    for (const t of tampered) expectInvalidToken(await page('/partner/invitations', partner.token, t));
  });

  it("refuses another tenant's token, even for the very same list", async () => {
    const [owner, other] = await Promise.all([partnerWithInvitations(3), partnerWithInvitations(3)]);
    const token: string = (await page('/partner/invitations', owner.token)).body.continuationToken;
    expectInvalidToken(await page('/partner/invitations', other.token, token));
    // The owner can still use it.
    expect((await page('/partner/invitations', owner.token, token)).status).toBe(200);
  });

  it('refuses a token on another filter or another list', async () => {
    const partner = await partnerWithInvitations(3);
    const token: string = (await page('/partner/invitations', partner.token)).body.continuationToken;
    expectInvalidToken(await page('/partner/invitations?status=pending', partner.token, token));
    expectInvalidToken(await page('/partner/invitations?status=revoked', partner.token, token));
    expectInvalidToken(await page('/partner/contact-requests', partner.token, token));
    const directory: string = (await api.get('/partners?pageSize=1')).body.continuationToken;
    expect(typeof directory).toBe('string');
    expectInvalidToken(await api.get(`/partners?pageSize=1&country=FR&continuationToken=${encodeURIComponent(directory)}`));
    expectInvalidToken(await page('/partner/invitations', partner.token, directory));
  });

  it("refuses a customer's audit-log token replayed by another customer tenant", async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    await relate(api, partner, customer, 'reseller');
    await queuesDrained(api.stack); // the audit events of a change are written off the request
    const first = await page('/customer/audit-events', customer.token);
    expect(first.status).toBe(200);
    expect(typeof first.body.continuationToken).toBe('string');
    const stranger = await newCustomer(api);
    expectInvalidToken(await page('/customer/audit-events', stranger.token, first.body.continuationToken));
    expect((await page('/customer/audit-events', customer.token, first.body.continuationToken)).status).toBe(200);
  });
});
