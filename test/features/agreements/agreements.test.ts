// The Microsoft Customer Agreement on its own: read it, accept it (literally true), idempotent and
// race-safe, shared with the acceptance made while accepting an invitation, audited, isolated per tenant.
import { randomUUID } from 'node:crypto';
import { sharedStack } from '../../support/api.js';
import { auditEvents } from '../../support/audit.js';
import { newCustomer, ROLE } from '../../support/invitations.js';
import { relate } from '../../support/relationships.js';

const api = sharedStack();
const AGREEMENT_URL = 'https://www.microsoft.com/licensing/docs/customeragreement';

const acceptAgreement = (token: string, body: unknown = { acceptAgreement: true }, headers: Record<string, string> = {}) =>
  api.call('POST', '/customer/agreements', { token, body, headers });

describe('customer agreement', () => {
  it('shows the current version, not accepted, to a tenant that never accepted it', async () => {
    const customer = await newCustomer(api);
    const page = await api.get('/customer/agreements', customer.token);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ version: '2024-01', url: AGREEMENT_URL, accepted: false, acceptances: [] });
  });

  it('accepts with acceptAgreement: true (201), then answers 200 with the first acceptance, whoever asks again', async () => {
    const customer = await newCustomer(api);
    const first = await acceptAgreement(customer.token);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      version: '2024-01',
      url: AGREEMENT_URL,
      accepted: true,
      acceptedBy: { name: 'Customer admin' },
    });
    expect(Date.now() - Date.parse(first.body.acceptedAt)).toBeLessThan(60_000);
    expect(first.body.acceptances).toEqual([
      { version: '2024-01', acceptedAt: first.body.acceptedAt, acceptedBy: first.body.acceptedBy, via: 'agreementPage' },
    ]);

    const otherAdmin = await api.customerAdminToken(customer.tenantId, undefined, `other-admin-${randomUUID()}`);
    const again = await acceptAgreement(otherAdmin);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await api.get('/customer/agreements', otherAdmin)).body).toEqual(first.body);

    const events = await auditEvents(api.stack, customer.tenantId, 'agreement.accepted');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: { kind: 'customer', tenantId: customer.tenantId, userId: first.body.acceptedBy.userId },
      target: { type: 'customerAgreement', id: '2024-01' },
      outcome: 'success',
    });
  });

  it.each<[string, unknown]>([
    ['acceptAgreement: false', { acceptAgreement: false }],
    ['no acceptAgreement', {}],
    ['the string "true"', { acceptAgreement: 'true' }],
    ['1', { acceptAgreement: 1 }],
    ['extra fields', { acceptAgreement: true, version: '2023-01' }],
  ])('refuses %s with 400 and records nothing', async (_what, body) => {
    const customer = await newCustomer(api);
    const refused = await acceptAgreement(customer.token, body);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toBeDefined();
    expect((await api.get('/customer/agreements', customer.token)).body.accepted).toBe(false);
    expect(await auditEvents(api.stack, customer.tenantId, 'agreement.accepted')).toHaveLength(0);
  });

  it('is for customer admins (Billing or Global Administrator) only', async () => {
    const tenantId = randomUUID();
    const helpdesk = await api.customerAdminToken(tenantId, [ROLE.helpdeskAdministrator]);
    for (const response of [await api.get('/customer/agreements', helpdesk), await acceptAgreement(helpdesk)]) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('customer-admin-required');
    }
    expect((await api.get('/customer/agreements')).status).toBe(401);
    const global = await newCustomer(api, 'global');
    expect((await acceptAgreement(global.token)).status).toBe(201);
    // The refused helpdesk attempt accepted nothing for its tenant.
    const billing = await api.customerAdminToken(tenantId);
    expect((await api.get('/customer/agreements', billing)).body.accepted).toBe(false);
  });

  it("one tenant's acceptance is not another's", async () => {
    const [a, b] = await Promise.all([newCustomer(api), newCustomer(api)]);
    expect((await acceptAgreement(a.token)).status).toBe(201);
    const other = await api.get('/customer/agreements', b.token);
    expect(other.body).toMatchObject({ accepted: false, acceptances: [] });
    expect(await auditEvents(api.stack, b.tenantId)).toHaveLength(0);
  });

  it('shows an acceptance made while accepting an invitation, which then makes POST answer 200', async () => {
    const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
    const relationship = await relate(api, partner, customer, 'reseller');
    const page = await api.get('/customer/agreements', customer.token);
    expect(page.body).toMatchObject({ accepted: true, acceptedBy: { name: 'Customer admin' } });
    expect(page.body.acceptances).toEqual([
      {
        version: '2024-01',
        acceptedAt: page.body.acceptedAt,
        acceptedBy: page.body.acceptedBy,
        via: 'invitation',
        invitationId: relationship.history[0].invitationId,
        partnerId: partner.id,
      },
    ]);
    const again = await acceptAgreement(customer.token);
    expect(again.status).toBe(200);
    expect(again.body.acceptedAt).toBe(page.body.acceptedAt);
    expect(await auditEvents(api.stack, customer.tenantId, 'agreement.accepted')).toHaveLength(1);
  });

  it('racing acceptances record one: exactly one 201, the others 200 with the same acceptance, one audit event', async () => {
    const customer = await newCustomer(api);
    const answers = await Promise.all(
      Array.from({ length: 6 }, async (_, i) =>
        acceptAgreement(await api.customerAdminToken(customer.tenantId, undefined, `admin-${i}-${randomUUID()}`)),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await auditEvents(api.stack, customer.tenantId, 'agreement.accepted')).toHaveLength(1);
  });

  it('honours Idempotency-Key: the same key replays the first answer', async () => {
    const customer = await newCustomer(api);
    const key = { 'idempotency-key': randomUUID() };
    const first = await acceptAgreement(customer.token, { acceptAgreement: true }, key);
    const replay = await acceptAgreement(customer.token, { acceptAgreement: true }, key);
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await api.get('/openapi.json');
    expect(doc.body.paths['/customer/agreements'].get.operationId).toBe('getCustomerAgreements');
    expect(doc.body.paths['/customer/agreements'].post.operationId).toBe('acceptCustomerAgreement');
    expect(doc.body.components.schemas).toHaveProperty('CustomerAgreement');
  });
});
