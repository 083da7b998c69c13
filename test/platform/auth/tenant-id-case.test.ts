// Tenant ids are GUIDs compared case-insensitively: with real signed tokens, a tid written in upper case is the same
// tenant — it sees exactly that tenant's data, on every lookup route, never another's and never a 404 where the
// lower-case tid sees the resource. Tenant ids in routes and bodies are normalised the same way.
import { sharedStack, uniqueEmail } from '../../support/api.js';
import { accept, invite, newCustomer, waitForInvitationEmail } from '../../support/invitations.js';
import { queuesDrained, settled } from '../../support/cosmos-faults.js';
import { partnerWithCustomer } from '../../support/relationships.js';

const api = sharedStack();

/** The same request with the lower-case and the upper-case token: both answers, and they must be equal. */
async function sameAnswer(path: string, lower: string, upper: string) {
  const [a, b] = await Promise.all([api.get(path, lower), api.get(path, upper)]);
  expect([path, a.status]).toEqual([path, 200]);
  expect([path, b.status]).toEqual([path, 200]);
  expect([path, b.body]).toEqual([path, a.body]);
  return a.body;
}

describe('tenant ids: GUIDs, one spelling', () => {
  it("a customer's upper-cased tid sees exactly its own data on every customer lookup", async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    await settled(api.stack); // audit events and the customer's views follow the change off the request
    const upper = await api.customerAdminToken(customer.tenantId.toUpperCase());
    const relationships = await sameAnswer('/customer/partner-relationships', customer.token, upper);
    expect(relationships.items.map((r: { partner: { id: string } }) => r.partner.id)).toEqual([partner.id]);
    await sameAnswer(`/customer/partner-relationships/${partner.id}`, customer.token, upper);
    const audit = await sameAnswer('/customer/audit-events', customer.token, upper);
    expect(audit.items.length).toBeGreaterThan(0);
    await sameAnswer('/customer/agreements', customer.token, upper);
    await sameAnswer('/customer/autopilot-devices', customer.token, upper);
    await sameAnswer('/customer/admin-center-access', customer.token, upper);

    // Another customer, whatever the case of its tid, sees none of it.
    const stranger = await newCustomer(api);
    const strangerUpper = await api.customerAdminToken(stranger.tenantId.toUpperCase());
    expect((await api.get(`/customer/partner-relationships/${partner.id}`, strangerUpper)).status).toBe(404);
    expect((await api.get('/customer/partner-relationships', strangerUpper)).body.items).toEqual([]);
  });

  it("a partner's upper-cased tid is the same partner, and customer tenant ids in routes match in any case", async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    await queuesDrained(api.stack); // audit events follow the change off the request
    const upper = await api.partnerToken(partner.tenantId.toUpperCase());
    const profile = await sameAnswer('/partner/profile', partner.token, upper);
    expect(profile.id).toBe(partner.id);
    expect(profile.partnerTenantId).toBe(partner.tenantId);
    await sameAnswer('/partner/invitations', partner.token, upper);
    await sameAnswer('/partner/customers', partner.token, upper);
    await sameAnswer('/partner/audit-events', partner.token, upper);
    const customerPath = (tenantId: string) => `/partner/customers/${tenantId}`;
    const lowerView = await sameAnswer(customerPath(customer.tenantId), partner.token, upper);
    const upperView = await sameAnswer(customerPath(customer.tenantId.toUpperCase()), partner.token, upper);
    expect(upperView).toEqual(lowerView);
    await sameAnswer(`${customerPath(customer.tenantId.toUpperCase())}/orders`, partner.token, upper);
    await sameAnswer(`${customerPath(customer.tenantId.toUpperCase())}/admin-center-access`, partner.token, upper);
    // Saving the profile with the upper-cased tid updates the one profile, it does not create a second partner.
    const { id, partnerTenantId, createdAt, updatedAt, ...input } = profile;
    void [id, partnerTenantId, createdAt, updatedAt];
    const saved = await api.call('PUT', '/partner/profile', { token: upper, body: { ...input, description: 'Same partner.' } });
    expect(saved.status).toBe(200);
    expect(saved.body.id).toBe(partner.id);
  });

  it('an invitation bound to an upper-cased customerTenantId is stored lower-case and accepted by that tenant', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const body = {
      customerEmail: uniqueEmail('bound'),
      partnerType: 'reseller',
      customerTenantId: customer.tenantId.toUpperCase(),
    };
    const created = await invite(api, partner, body);
    expect(created.status).toBe(202);
    expect(created.body.customerTenantId).toBe(customer.tenantId);
    const { link } = await waitForInvitationEmail(api, body.customerEmail);
    const accepted = await accept(api, { token: await api.customerAdminToken(customer.tenantId.toUpperCase()) }, link);
    expect(accepted.status).toBe(200);
    expect(accepted.body.customerTenantId ?? customer.tenantId).toBe(customer.tenantId);
  });

  it('refuses a tid that is not a GUID (401) and a tenant id route parameter that is not one (400)', async () => {
    const notGuid = await api.token({ tenantId: 'contoso.onmicrosoft.com', roles: ['Partner.AdminAgent'] });
    const refused = await api.get('/partner/profile', notGuid);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid-token');
    const partner = await api.createPartner();
    const badParam = await api.get('/partner/customers/not-a-tenant', partner.token);
    expect(badParam.status).toBe(400);
    expect(badParam.body.code).toBe('validation-failed');
  });
});
