// Relationship display names over HTTP on the local stack: unique per partner when many requests claim one name at
// once, free again after a revocation or a termination, shown on both sides after acceptance, bad names refused.
import { settled } from '../../support/cosmos-faults.js';
import { sharedStack, uniqueEmail, waitFor } from '../../support/api.js';
import { accept, invite, inviteAndReceive, newCustomer, ROLE, type TestPartner } from '../../support/invitations.js';

const api = sharedStack();

const gdap = (customerEmail: string, displayName?: string) => ({
  customerEmail,
  partnerType: 'gdap',
  roles: [ROLE.helpdeskAdministrator],
  durationDays: 30,
  ...(displayName !== undefined ? { displayName } : {}),
});

const invitationsOf = async (partner: TestPartner) =>
  (await api.get(`/partner/invitations?pageSize=100`, partner.token)).body.items as { id: string; displayName?: string }[];

describe('relationship display names', () => {
  it('20 concurrent invitations with one name (different customers): one 202, nineteen 409 display-name-taken, one invitation, one email', async () => {
    const partner = await api.createPartner();
    const emails = Array.from({ length: 20 }, () => uniqueEmail('dn-race'));
    // Cases differ on purpose: names compare case-insensitively.
    const results = await Promise.all(
      emails.map((email, i) => invite(api, partner, gdap(email, i % 2 === 0 ? 'Contoso-Race' : 'CONTOSO-race'))),
    );

    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([202, ...Array(19).fill(409)]);
    for (const lost of results.filter((r) => r.status === 409)) {
      expect(lost.headers.get('content-type')).toContain('application/problem+json');
      expect(lost.body).toMatchObject({ status: 409, code: 'display-name-taken' });
    }
    const won = results.find((r) => r.status === 202)!;
    const stored = await invitationsOf(partner);
    expect(stored.map((i) => i.id)).toEqual([won.body.id]);
    expect(stored[0]!.displayName).toBe(won.body.displayName);

    const winnerEmail = emails[results.indexOf(won)]!;
    await waitFor(async () => (await api.emails(winnerEmail)).length === 1 || undefined, 'the winner’s invitation email');
    await settled(api.stack);
    const sent = (await Promise.all(emails.map((email) => api.emails(email)))).flat();
    expect(sent.map((e) => e.to)).toEqual([[winnerEmail]]);
  });

  it('a revoked invitation frees its name; the next invitation may take it', async () => {
    const partner = await api.createPartner();
    const first = await invite(api, partner, gdap(uniqueEmail('dn-revoke'), 'Fabrikam-Ops'));
    expect(first.status).toBe(202);
    const taken = await invite(api, partner, gdap(uniqueEmail('dn-revoke'), 'fabrikam-ops'));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('display-name-taken');

    const revoked = await api.call('POST', `/partner/invitations/${first.body.id}/revoke`, { token: partner.token });
    expect(revoked.status).toBe(200);

    const again = await invite(api, partner, gdap(uniqueEmail('dn-revoke'), 'fabrikam-ops'));
    expect(again.status).toBe(202);
    expect(again.body.displayName).toBe('fabrikam-ops');
  });

  it('another partner may use the same name: names are unique per partner', async () => {
    const [a, b] = await Promise.all([api.createPartner(), api.createPartner()]);
    const [ra, rb] = await Promise.all([
      invite(api, a, gdap(uniqueEmail('dn-other'), 'Shared-Name')),
      invite(api, b, gdap(uniqueEmail('dn-other'), 'Shared-Name')),
    ]);
    expect([ra.status, rb.status]).toEqual([202, 202]);
  });

  it('after acceptance both sides see the name on the relationship; termination frees it', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, gdap(customer.email, 'Northwind-GDAP'));
    const accepted = await accept(api, customer, link);
    expect(accepted.status).toBe(200);
    expect(accepted.body.displayName).toBe('Northwind-GDAP');

    const partnerSide = await api.get(`/partner/customers/${customer.tenantId}`, partner.token);
    expect(partnerSide.body.displayName).toBe('Northwind-GDAP');
    const partnerList = await api.get('/partner/customers', partner.token);
    expect(partnerList.body.items.map((c: { displayName?: string }) => c.displayName)).toEqual(['Northwind-GDAP']);
    const invitation = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
    expect(invitation.body).toMatchObject({ status: 'accepted', displayName: 'Northwind-GDAP' });

    await settled(api.stack);
    const customerSide = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(customerSide.body.displayName).toBe('Northwind-GDAP');
    const customerList = await api.get('/customer/partner-relationships', customer.token);
    expect(customerList.body.items.map((r: { displayName?: string }) => r.displayName)).toEqual(['Northwind-GDAP']);

    // Held by the relationship now.
    const taken = await invite(api, partner, gdap(uniqueEmail('dn-accepted'), 'northwind-gdap'));
    expect(taken.status).toBe(409);

    const ended = await api.call('POST', `/partner/customers/${customer.tenantId}/terminate`, { token: partner.token });
    expect(ended.status).toBe(200);
    expect(ended.body.displayName).toBeUndefined();
    const reused = await invite(api, partner, gdap(uniqueEmail('dn-accepted'), 'northwind-gdap'));
    expect(reused.status).toBe(202);
  });

  it('a bad name is a 400 naming the field, and stores nothing', async () => {
    const partner = await api.createPartner();
    for (const bad of ['', 'x'.repeat(51), 'Contoso EU', 'Zürich', 'a/b', 'semi;colon', 42]) {
      const response = await invite(api, partner, { ...gdap(uniqueEmail('dn-bad')), displayName: bad });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(Object.keys(response.body.errors as Record<string, unknown>)).toEqual(['displayName']);
    }
    expect(await invitationsOf(partner)).toEqual([]);
    const fine = await invite(api, partner, gdap(uniqueEmail('dn-bad'), `${'x'.repeat(48)}-_`));
    expect(fine.status).toBe(202);
  });
});
