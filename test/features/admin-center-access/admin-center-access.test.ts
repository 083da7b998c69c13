// Admin-center Billing access end to end: a partner agent acting on behalf of a customer (open while one of its security
// groups holds a GDAP role in force there, closed on the very next request after the customer removes them), and the
// customer's own user.
import { randomUUID } from 'node:crypto';
import { BILLING_ADMIN, GLOBAL_ADMIN, sharedStack } from '../../support/api.js';
import { newCustomer, ROLE, type TestPartner } from '../../support/invitations.js';
import { agentInGroupWith, partnerWithCustomer, relate } from '../../support/relationships.js';

const api = sharedStack();
const DOMAIN_NAME_ADMIN = '8329153b-31d0-4727-b945-745eb3bc5f31';

const partnerAccess = (partner: { token: string }, customerTenantId: string) =>
  api.get(`/partner/customers/${customerTenantId}/admin-center-access`, partner.token);

const available = (body: { pages: { page: string; available: boolean }[] }) =>
  body.pages.filter((p) => p.available).map((p) => p.page);

/** A GDAP relationship whose roles are assigned to a group; `agent` is a member of that group. */
async function gdapPartner(roles: string[] = [ROLE.licenseAdministrator]) {
  const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
  await relate(api, partner, customer, 'gdap', { roles, durationDays: 30 });
  const agent = await agentInGroupWith(api, partner, customer.tenantId, roles);
  return { partner, customer, agent };
}

describe('admin-center access of a partner acting on behalf of a customer', () => {
  it('an agent outside every assigned group gets no on-behalf access; an agent in a group with a role does', async () => {
    const { partner, customer, agent } = await gdapPartner();
    // The partner's own admin agent, in no group: every page closed, with the reason.
    const outside = await partnerAccess(partner, customer.tenantId);
    expect(outside.status).toBe(200);
    expect(available(outside.body)).toEqual([]);
    expect(outside.body.pages.find((p: { page: string }) => p.page === 'licenses').reason).toMatch(/security groups/);
    // In another group that was never assigned anything: closed too.
    const stranger = await api.partnerToken(partner.tenantId, ['Partner.AdminAgent'], [randomUUID()]);
    expect(available((await partnerAccess({ token: stranger }, customer.tenantId)).body)).toEqual([]);
    expect(available((await partnerAccess(agent, customer.tenantId)).body)).toEqual(['licenses', 'billingNotifications']);
  });

  it('with admin roles: Licenses and Billing notifications; purchases, products and bills point to Partner Center', async () => {
    const { agent, customer } = await gdapPartner();
    const access = await partnerAccess(agent, customer.tenantId);
    expect(access.status).toBe(200);
    expect(access.body.customerTenantId).toBe(customer.tenantId);
    expect(access.body.actingAs).toBe('partner');
    expect(access.body.pages.map((p: { page: string }) => p.page)).toEqual([
      'purchaseServices',
      'yourProducts',
      'licenses',
      'billsAndPayments',
      'billingNotifications',
      'domainSubscriptions',
    ]);
    expect(available(access.body)).toEqual(['licenses', 'billingNotifications']);
    for (const page of access.body.pages.filter((p: { page: string }) =>
      ['purchaseServices', 'yourProducts', 'billsAndPayments'].includes(p.page),
    )) {
      expect(page.reason).toMatch(/Partner Center/);
    }
    const domains = access.body.pages.find((p: { page: string }) => p.page === 'domainSubscriptions');
    expect(domains.reason).toMatch(/Domain Name Administrator and Billing Administrator/);
  });

  it('a partner without admin roles (reseller) sees every page closed, with the reason', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    const access = await partnerAccess(partner, customer.tenantId);
    expect(access.status).toBe(200);
    expect(available(access.body)).toEqual([]);
    expect(access.body.pages.find((p: { page: string }) => p.page === 'licenses').reason).toMatch(/no admin role/);
  });

  it("closes on the very next request after the customer removes the partner's admin roles; the reseller stays", async () => {
    const { partner, customer, agent } = await gdapPartner([ROLE.licenseAdministrator, ROLE.helpdeskAdministrator]);
    await relate(api, partner, customer, 'reseller');
    expect(available((await partnerAccess(agent, customer.tenantId)).body)).toEqual(['licenses', 'billingNotifications']);
    const removed = await api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`, {
      token: customer.token,
    });
    expect(removed.status).toBe(200);
    const after = await partnerAccess(agent, customer.tenantId);
    expect(available(after.body)).toEqual([]);
    // Still a reseller: it may order.
    const ordered = await api.call('POST', `/partner/customers/${customer.tenantId}/orders`, {
      token: partner.token,
      body: { offerId: 'o', quantity: 1 },
    });
    expect(ordered.status).toBe(201);
  });

  it('closes when the partner terminates the relationship', async () => {
    const { partner, customer, agent } = await gdapPartner();
    expect(available((await partnerAccess(agent, customer.tenantId)).body)).toEqual(['licenses', 'billingNotifications']);
    expect((await api.call('POST', `/partner/customers/${customer.tenantId}/terminate`, { token: partner.token })).status).toBe(
      200,
    );
    const after = await partnerAccess(agent, customer.tenantId);
    expect(after.status).toBe(200);
    expect(available(after.body)).toEqual([]);
  });

  it('isolation: 404 for a customer it has no relationship with; only Partner.AdminAgent may ask', async () => {
    const { partner } = await gdapPartner();
    const { customer: someoneElses } = await gdapPartner();
    const refused = await partnerAccess(partner, someoneElses.tenantId);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('not-found');
    expect((await partnerAccess(partner, randomUUID())).status).toBe(404);
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent']);
    expect((await partnerAccess({ token: sales }, someoneElses.tenantId)).body.code).toBe('partner-role-required');
    expect((await api.get(`/partner/customers/${someoneElses.tenantId}/admin-center-access`)).status).toBe(401);
  });
});

describe("admin-center access of the customer's own user", () => {
  const customerAccess = async (wids: string[]) => {
    const token = await api.customerAdminToken(randomUUID(), wids);
    const response = await api.get('/customer/admin-center-access', token);
    expect(response.status).toBe(200);
    expect(response.body.actingAs).toBe('customerUser');
    return available(response.body);
  };
  const allButDomains = ['purchaseServices', 'yourProducts', 'licenses', 'billsAndPayments', 'billingNotifications'];

  it('domain subscriptions need both Domain Name Administrator and Billing Administrator', async () => {
    expect(await customerAccess([BILLING_ADMIN, DOMAIN_NAME_ADMIN])).toEqual([...allButDomains, 'domainSubscriptions']);
    expect(await customerAccess([BILLING_ADMIN])).toEqual(allButDomains);
    expect(await customerAccess([GLOBAL_ADMIN, DOMAIN_NAME_ADMIN])).toEqual(allButDomains);
    expect(await customerAccess([DOMAIN_NAME_ADMIN])).toEqual([]);
  });

  it('the other pages follow Billing or Global Administrator; a user without them is told why', async () => {
    expect(await customerAccess([GLOBAL_ADMIN])).toEqual(allButDomains);
    const token = await api.customerAdminToken(randomUUID(), [ROLE.helpdeskAdministrator]);
    const none = await api.get('/customer/admin-center-access', token);
    expect(none.status).toBe(200);
    expect(available(none.body)).toEqual([]);
    expect(none.body.pages.find((p: { page: string }) => p.page === 'licenses').reason).toMatch(/Billing Administrator/);
    expect((await api.get('/customer/admin-center-access')).status).toBe(401);
  });

  it('is about the caller only: a partner with admin roles on the tenant changes nothing for its users', async () => {
    const { customer }: { partner: TestPartner; customer: { tenantId: string } } = await gdapPartner([ROLE.globalAdministrator]);
    const token = await api.customerAdminToken(customer.tenantId, [DOMAIN_NAME_ADMIN]);
    const access = await api.get('/customer/admin-center-access', token);
    expect(access.body.customerTenantId).toBe(customer.tenantId);
    expect(available(access.body)).toEqual([]);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await api.get('/openapi.json');
    expect(doc.body.paths['/customer/admin-center-access'].get.operationId).toBe('getCustomerAdminCenterAccess');
    expect(doc.body.paths['/partner/customers/{customerTenantId}/admin-center-access'].get.operationId).toBe(
      'getPartnerAdminCenterAccess',
    );
    expect(doc.body.components.schemas).toHaveProperty('AdminCenterAccess');
  });
});
