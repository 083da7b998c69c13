// A new Customer Agreement version re-closes the order gate, and a GDAP grant past its end closes the
// partner's admin-center pages. Restarts a stack on the same data with another version and moves its clock,
// so it runs its own stacks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestClient } from '../../support/api.js';
import { auditEvents } from '../../support/audit.js';
import { newCustomer, ROLE } from '../../support/invitations.js';
import { agentInGroupWith, relate } from '../../support/relationships.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'agreement-version-'));
let stack: StackProcess | undefined;

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const order = (api: TestClient, token: string, customerTenantId: string) =>
  api.call('POST', `/partner/customers/${customerTenantId}/orders`, { token, body: { offerId: 'o', quantity: 1 } });

describe('a new Customer Agreement version', () => {
  it('re-closes the order gate until the customer accepts it; earlier acceptances stay on record', async () => {
    // Under 2024-01: the customer accepts with a reseller invitation; the reseller orders.
    stack = await startStackProcess(['--data-dir', dataDir]);
    let api = new TestClient(stack.info);
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    await relate(api, partner, customer, 'reseller');
    const before = await order(api, partner.token, customer.tenantId);
    expect(before.status).toBe(201);
    expect(before.body.agreementVersion).toBe('2024-01');
    await stack.stop();

    // The operator configures 2025-01 and restarts on the same data.
    stack = await startStackProcess(['--data-dir', dataDir, '--setting', 'CUSTOMER_AGREEMENT_VERSION=2025-01']);
    api = new TestClient(stack.info);
    const partnerToken = await api.partnerToken(partner.tenantId);
    const customerToken = await api.customerAdminToken(customer.tenantId);

    const refused = await order(api, partnerToken, customer.tenantId);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('agreement-required');
    expect(refused.body.detail).toContain('2025-01');

    const page = await api.get('/customer/agreements', customerToken);
    expect(page.body).toMatchObject({ version: '2025-01', accepted: false });
    expect(page.body).not.toHaveProperty('acceptedAt');
    expect(page.body.acceptances.map((a: { version: string; via: string }) => [a.version, a.via])).toEqual([
      ['2024-01', 'invitation'],
    ]);
    // Both sides' relationship views say the current version is not accepted.
    const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, customerToken);
    expect(relationship.body.agreement).toMatchObject({ version: '2025-01', accepted: false });

    const accepted = await api.call('POST', '/customer/agreements', { token: customerToken, body: { acceptAgreement: true } });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ version: '2025-01', accepted: true });
    expect(accepted.body.acceptances.map((a: { version: string }) => a.version)).toEqual(['2025-01', '2024-01']);

    const after = await order(api, partnerToken, customer.tenantId);
    expect(after.status).toBe(201);
    expect(after.body.agreementVersion).toBe('2025-01');
    const list = await api.get(`/partner/customers/${customer.tenantId}/orders`, partnerToken);
    expect(list.body.items.map((o: { agreementVersion: string }) => o.agreementVersion)).toEqual(['2025-01', '2024-01']);
    expect((await auditEvents(api.stack, customer.tenantId, 'agreement.accepted')).map((e) => e.target.id).sort()).toEqual([
      '2024-01',
      '2025-01',
    ]);
  });
});

describe('GDAP grants past their end', () => {
  it("close the partner's admin-center pages without waiting for the timer", async () => {
    const api = new TestClient(stack!.info);
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    await relate(api, partner, customer, 'gdap', { roles: [ROLE.licenseAdministrator], durationDays: 2 });
    const openPages = async (token: string) =>
      (await api.get(`/partner/customers/${customer.tenantId}/admin-center-access`, token)).body.pages
        .filter((p: { available: boolean }) => p.available)
        .map((p: { page: string }) => p.page);
    // The agent acts through a group the role is assigned to; a fresh token after each clock move (tokens expire too).
    const { groupId, token } = await agentInGroupWith(api, partner, customer.tenantId, [ROLE.licenseAdministrator]);
    const agentToken = () => api.partnerToken(partner.tenantId, ['Partner.AdminAgent'], [groupId]);
    expect(await openPages(token)).toEqual(['licenses', 'billingNotifications']);

    await api.setClock({ advanceSeconds: 86_400 });
    expect(await openPages(await agentToken())).toEqual(['licenses', 'billingNotifications']);
    await api.setClock({ advanceSeconds: 86_400 + 60 });
    expect(await openPages(await agentToken())).toEqual([]);
  });
});
