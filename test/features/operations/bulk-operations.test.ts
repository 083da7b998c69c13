// Bulk invitations and terminations through the local host: the request checked whole up front, 202 with the
// operation, items processed from the queue (each once), per-item results and counts, Idempotency-Key, isolation, audit.
import { randomUUID } from 'node:crypto';
import { sharedStack, uniqueEmail, waitFor, type TestClient } from '../../support/api.js';
import { auditEvents } from '../../support/audit.js';
import { ROLE, type TestPartner } from '../../support/invitations.js';
import { partnerWithCustomer, relate } from '../../support/relationships.js';
import { newCustomer } from '../../support/invitations.js';

const api = sharedStack();

async function finished(client: TestClient, partner: TestPartner, operationId: string) {
  return waitFor(async () => {
    const read = await client.get(`/partner/operations/${operationId}`, partner.token);
    expect(read.status).toBe(200);
    return read.body.status !== 'running' && read.body;
  }, `operation ${operationId} to finish`);
}

const bulkInvite = (partner: TestPartner, body: unknown, headers: Record<string, string> = {}) =>
  api.call('POST', '/partner/bulk-invitations', { token: partner.token, body, headers });

describe('bulk invitations', () => {
  it('202 with the operation and its Location; each item becomes one invitation and one email; the operation says so', async () => {
    const partner = await api.createPartner();
    const emails = [uniqueEmail('bulk-a'), uniqueEmail('bulk-b'), uniqueEmail('bulk-c')];
    const started = await bulkInvite(partner, {
      items: [
        { customerEmail: emails[0] },
        { customerEmail: emails[1], locale: 'fr', customerDisplayName: 'Fabrikam' },
        { customerEmail: emails[2] },
      ],
      partnerType: 'gdap',
      roles: [ROLE.helpdeskAdministrator],
      durationDays: 120,
    });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/partner/operations/${started.body.id}`);
    expect(started.body).toMatchObject({ kind: 'bulkInvitation', status: 'running', counts: { total: 3, pending: 3 } });

    const operation = await finished(api, partner, started.body.id);
    expect(operation).toMatchObject({ status: 'succeeded', counts: { total: 3, succeeded: 3, failed: 0, pending: 0 } });
    expect(operation.completedAt).toBeDefined();
    const items = operation.items as { index: number; status: string; invitationId: string; customerEmail: string }[];
    expect(items.map((i) => i.customerEmail)).toEqual(emails);
    for (const [index, item] of items.entries()) {
      const invitation = await api.get(`/partner/invitations/${item.invitationId}`, partner.token);
      expect(invitation.body).toMatchObject({ customerEmail: emails[index], partnerType: 'gdap', durationDays: 120 });
      await waitFor(async () => (await api.emails(emails[index])).length === 1 || undefined, `the email to item ${index}`);
    }
    const french = await api.get(`/partner/invitations/${items[1]!.invitationId}`, partner.token);
    expect(french.body).toMatchObject({ locale: 'fr', customerDisplayName: 'Fabrikam' });

    const started2 = await auditEvents(api.stack, partner.tenantId, 'operation.started');
    expect(started2.map((e) => e.target.id)).toEqual([started.body.id]);
    const created = await auditEvents(api.stack, partner.tenantId, 'invitation.created');
    expect(created.map((e) => e.details?.operationId)).toEqual([started.body.id, started.body.id, started.body.id]);
    await waitFor(
      async () => (await auditEvents(api.stack, partner.tenantId, 'operation.completed')).length === 1,
      'the completion audit',
    );
  });

  it('takes 1,000 items with every optional field (past the usual 64 KiB body limit); 413 only past 512 KiB', async () => {
    const partner = await api.createPartner();
    const items = Array.from({ length: 1000 }, (_, i) => ({
      customerEmail: `admin-${i}-${randomUUID()}@customer-with-a-long-domain-name.example.com`,
      customerTenantId: randomUUID(),
      customerDisplayName: `Customer organization number ${i} with a long name`,
      locale: 'it',
    }));
    // One bad item on purpose: the body is read and checked (a 400 naming that item), and nothing starts.
    items[999]!.customerEmail = 'not-an-address';
    const body = { items, partnerType: 'reseller' };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(128 * 1024);
    const checked = await bulkInvite(partner, body);
    expect(checked.status).toBe(400);
    expect(Object.keys(checked.body.errors)).toEqual(['items.999.customerEmail']);

    const huge = await bulkInvite(partner, { ...body, padding: 'x'.repeat(512 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload-too-large');
    expect((await api.get('/partner/invitations', partner.token)).body.items).toEqual([]);
  });

  it('refuses the whole request up front, naming the bad items by index, and starts nothing', async () => {
    const partner = await api.createPartner();
    const same = uniqueEmail('twice');
    const refused = await bulkInvite(partner, {
      items: [{ customerEmail: same }, { customerEmail: 'not-an-address' }, { customerEmail: same.toUpperCase() }],
      partnerType: 'reseller',
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.errors)).toEqual(['items.1.customerEmail']);

    const duplicates = await bulkInvite(partner, {
      items: [
        { customerEmail: same },
        { customerEmail: uniqueEmail() },
        { customerEmail: same.toUpperCase() },
        { customerEmail: uniqueEmail(), customerTenantId: partner.tenantId },
      ],
      partnerType: 'reseller',
    });
    expect(duplicates.status).toBe(400);
    expect(duplicates.body.code).toBe('invalid-items');
    expect(Object.keys(duplicates.body.errors).sort()).toEqual(['items.2.customerEmail', 'items.3.customerTenantId']);

    const policy = await bulkInvite(partner, {
      items: [{ customerEmail: uniqueEmail() }],
      partnerType: 'gdap',
      roles: [ROLE.helpdeskAdministrator],
    });
    expect(policy.status).toBe(400);
    expect(policy.body.code).toBe('duration-required');

    const tooMany = await bulkInvite(partner, {
      items: Array.from({ length: 1001 }, (_, i) => ({ customerEmail: `x${i}@t.test` })),
      partnerType: 'reseller',
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.items).toBeDefined();
    const none = await bulkInvite(partner, { items: [], partnerType: 'reseller' });
    expect(none.status).toBe(400);
    const both = await bulkInvite(partner, {
      items: [{ customerEmail: uniqueEmail() }],
      partnerType: 'reseller',
      roleTemplateId: 'rtpl_x',
    });
    expect(both.status).toBe(400);
    const unknownTemplate = await bulkInvite(partner, {
      items: [{ customerEmail: uniqueEmail() }],
      roleTemplateId: 'rtpl_00000000000000000000000000000000',
    });
    expect(unknownTemplate.status).toBe(404);

    expect((await api.get('/partner/invitations', partner.token)).body.items).toEqual([]);
    expect(await auditEvents(api.stack, partner.tenantId, 'operation.started')).toEqual([]);
  });

  it('the same Idempotency-Key and body answer the same operation, whose items run once', async () => {
    const partner = await api.createPartner();
    const key = randomUUID();
    const body = { items: [{ customerEmail: uniqueEmail('idem') }, { customerEmail: uniqueEmail('idem') }], partnerType: 'isv' };
    const first = await bulkInvite(partner, body, { 'idempotency-key': key });
    const again = await bulkInvite(partner, body, { 'idempotency-key': key });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    await finished(api, partner, first.body.id);
    expect((await api.get('/partner/invitations', partner.token)).body.items).toHaveLength(2);
  });

  it("another partner's operation is a 404, like one that does not exist", async () => {
    const [owner, other] = await Promise.all([api.createPartner(), api.createPartner()]);
    const started = await bulkInvite(owner, { items: [{ customerEmail: uniqueEmail() }], partnerType: 'isv' });
    expect((await api.get(`/partner/operations/${started.body.id}`, other.token)).status).toBe(404);
    expect((await api.get('/partner/operations/op_00000000000000000000000000000000', owner.token)).status).toBe(404);
    await finished(api, owner, started.body.id);
  });
});

describe('bulk terminations', () => {
  it('ends each named relationship once; an unknown or already ended one fails with its code', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    const second = await newCustomer(api);
    await relate(api, partner, second, 'reseller');
    const ended = await newCustomer(api);
    await relate(api, partner, ended, 'reseller');
    expect((await api.call('POST', `/partner/customers/${ended.tenantId}/terminate`, { token: partner.token })).status).toBe(200);
    const stranger = randomUUID();

    const twice = await api.call('POST', '/partner/bulk-terminations', {
      token: partner.token,
      body: { customerTenantIds: [customer.tenantId, customer.tenantId.toUpperCase()] },
    });
    expect(twice.status).toBe(400);

    const started = await api.call('POST', '/partner/bulk-terminations', {
      token: partner.token,
      body: { customerTenantIds: [customer.tenantId, stranger, second.tenantId, ended.tenantId] },
    });
    expect(started.status).toBe(202);
    expect(started.body.kind).toBe('bulkTermination');
    const operation = await finished(api, partner, started.body.id);
    expect(operation.status).toBe('partiallySucceeded');
    expect(operation.counts).toEqual({ total: 4, succeeded: 2, failed: 2, pending: 0 });
    expect(operation.items).toEqual([
      { index: 0, status: 'succeeded', customerTenantId: customer.tenantId },
      { index: 1, status: 'failed', customerTenantId: stranger, code: 'not-found' },
      { index: 2, status: 'succeeded', customerTenantId: second.tenantId },
      { index: 3, status: 'failed', customerTenantId: ended.tenantId, code: 'relationship-terminated' },
    ]);
    for (const tenant of [customer.tenantId, second.tenantId]) {
      const read = await api.get(`/partner/customers/${tenant}`, partner.token);
      expect(read.body.status).toBe('terminated');
    }
    // Each termination emails as the single request does: the customer's addresses and the partner.
    await waitFor(async () => (await api.emails(customer.email)).length >= 2 || undefined, 'the termination email');
    const failed = await auditEvents(api.stack, partner.tenantId, 'operation.itemFailed');
    expect(failed.map((e) => e.details?.code).sort()).toEqual(['not-found', 'relationship-terminated']);
  });
});
