// Orders and MPSA purchase sharing end to end: who may order, validation, idempotency, paging,
// isolation, and which MPSA partners see each other's orders while the customer shares them.
import { randomUUID } from 'node:crypto';
import { sharedStack } from '../../support/api.js';
import { auditEvents } from '../../support/audit.js';
import { newCustomer, ROLE, type TestCustomer, type TestPartner } from '../../support/invitations.js';
import { partnerWithCustomer, relate } from '../../support/relationships.js';
import { settled } from '../../support/cosmos-faults.js';

const api = sharedStack();

const order = (
  partner: { token: string },
  customerTenantId: string,
  body: unknown = { offerId: 'CFQ7TTC0LH18:0001', quantity: 5 },
  headers: Record<string, string> = {},
) => api.call('POST', `/partner/customers/${customerTenantId}/orders`, { token: partner.token, body, headers });

/** The partner's order list, once the change feed has copied every change so far (the MPSA peers' orders come from it). */
const orders = async (partner: { token: string }, customerTenantId: string, query = '') => {
  await settled(api.stack);
  return api.get(`/partner/customers/${customerTenantId}/orders${query}`, partner.token);
};

const setSharing = (customer: TestCustomer, partnerId: string, enabled: unknown, headers: Record<string, string> = {}) =>
  api.call('PUT', `/customer/partner-relationships/${partnerId}/mpsa-sharing`, {
    token: customer.token,
    body: { enabled },
    headers,
  });

describe('orders', () => {
  it('a reseller orders for its customer (201) and lists its orders; both tenants audit it', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    const placed = await order(partner, customer.tenantId);
    expect(placed.status).toBe(201);
    expect(placed.headers.get('etag')).toBeTruthy();
    expect(placed.body).toMatchObject({
      customerTenantId: customer.tenantId,
      offerId: 'CFQ7TTC0LH18:0001',
      quantity: 5,
      status: 'placed',
      placedAs: 'reseller',
      agreementVersion: '2024-01',
      partner: { id: partner.id, name: partner.name },
      shared: false,
      placedBy: { name: 'Partner agent' },
    });
    expect(placed.body.id).toMatch(/^ord_/);
    const list = await orders(partner, customer.tenantId);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [placed.body], continuationToken: null });

    for (const tenant of [partner.tenantId, customer.tenantId]) {
      const events = await auditEvents(api.stack, tenant, 'order.placed');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: { kind: 'partner', tenantId: partner.tenantId },
        target: { type: 'order', id: placed.body.id },
        details: { offerId: 'CFQ7TTC0LH18:0001', quantity: 5, placedAs: 'reseller' },
      });
    }
    // …and each side reads it through its audit endpoint.
    const customerAudit = await api.get('/customer/audit-events', customer.token);
    expect(customerAudit.body.items.find((e: { action: string }) => e.action === 'order.placed').target.id).toBe(placed.body.id);
    const partnerAudit = await api.get('/partner/audit-events', partner.token);
    expect(partnerAudit.body.items.find((e: { action: string }) => e.action === 'order.placed').target.id).toBe(placed.body.id);
  });

  it('an indirect reseller orders too; a relationship that gained reseller later orders as reseller', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'indirectReseller');
    expect((await order(partner, customer.tenantId)).body.placedAs).toBe('indirectReseller');
    const { partner: p2, customer: c2 } = await partnerWithCustomer(api, 'mpsa');
    expect((await order(p2, c2.tenantId)).body.code).toBe('order-not-allowed');
    await relate(api, p2, c2, 'reseller');
    const placed = await order(p2, c2.tenantId);
    expect(placed.status).toBe(201);
    expect(placed.body.placedAs).toBe('reseller');
  });

  it.each([
    ['mpsa', {}],
    ['oem', {}],
    ['isv', {}],
    ['gdap', { roles: [ROLE.userAdministrator], durationDays: 30 }],
    ['advisor', {}],
  ])('a %s relationship may not order: 403 order-not-allowed, nothing stored', async (type, extra) => {
    const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
    await relate(api, partner, customer, type, extra);
    const refused = await order(partner, customer.tenantId);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('order-not-allowed');
    expect((await orders(partner, customer.tenantId)).body.items).toEqual([]);
    expect(await auditEvents(api.stack, customer.tenantId, 'order.placed')).toHaveLength(0);
  });

  it.each<[string, unknown]>([
    ['quantity 0', { offerId: 'o', quantity: 0 }],
    ['quantity 10001', { offerId: 'o', quantity: 10_001 }],
    ['a fractional quantity', { offerId: 'o', quantity: 2.5 }],
    ['no offerId', { quantity: 1 }],
    ['an offerId with spaces', { offerId: 'an offer', quantity: 1 }],
  ])('validates the order: %s → 400', async (_what, body) => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    const refused = await order(partner, customer.tenantId, body);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation-failed');
    expect(Object.keys(refused.body.errors).join()).toMatch(/offerId|quantity/);
    expect((await orders(partner, customer.tenantId)).body.items).toEqual([]);
  });

  it('accepts the bounds 1 and 10000', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    expect((await order(partner, customer.tenantId, { offerId: 'o', quantity: 1 })).status).toBe(201);
    expect((await order(partner, customer.tenantId, { offerId: 'o', quantity: 10_000 })).status).toBe(201);
  });

  it('honours Idempotency-Key: same key and body → the same order, once; another body → 409', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    const key = { 'idempotency-key': randomUUID() };
    const first = await order(partner, customer.tenantId, { offerId: 'o', quantity: 2 }, key);
    const replay = await order(partner, customer.tenantId, { offerId: 'o', quantity: 2 }, key);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const reused = await order(partner, customer.tenantId, { offerId: 'o', quantity: 3 }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency-key-reused');
    expect((await orders(partner, customer.tenantId)).body.items).toHaveLength(1);
    // Without a key, a second identical order is a second order.
    await order(partner, customer.tenantId, { offerId: 'o', quantity: 2 });
    expect((await orders(partner, customer.tenantId)).body.items).toHaveLength(2);
  });

  it('pages newest first', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++)
      ids.push((await order(partner, customer.tenantId, { offerId: `offer-${i}`, quantity: i })).body.id);
    const first = await orders(partner, customer.tenantId, '?pageSize=2');
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.continuationToken).toEqual(expect.any(String));
    const second = await orders(partner, customer.tenantId, `?pageSize=2&continuationToken=${first.body.continuationToken}`);
    expect(second.body.items.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(second.body.continuationToken).toBeNull();
  });

  it('isolation: no relationship → 404 and nothing stored; another partner of the same customer does not see them', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    await order(partner, customer.tenantId);
    const stranger = await api.createPartner();
    for (const response of [await order(stranger, customer.tenantId), await orders(stranger, customer.tenantId)]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not-found');
    }
    // Another customer of the partner is another list; an unknown tenant is 404.
    expect((await order(partner, randomUUID())).status).toBe(404);
    const otherReseller = await api.createPartner();
    await relate(api, otherReseller, customer, 'reseller');
    const theirs = await orders(otherReseller, customer.tenantId);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect(await auditEvents(api.stack, stranger.tenantId, 'order.placed')).toHaveLength(0);
    expect((await orders(partner, customer.tenantId)).body.items).toHaveLength(1);
  });

  it('needs the Partner.AdminAgent role and a partner profile', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent']);
    const refused = await order({ token: sales }, customer.tenantId);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('partner-role-required');
    expect((await orders({ token: sales }, customer.tenantId)).status).toBe(403);
    expect((await order({ token: customer.token }, customer.tenantId)).status).toBe(403);
    expect((await orders(partner, customer.tenantId)).body.items).toEqual([]);
  });
});

describe('MPSA purchase sharing', () => {
  /** A customer with: A (MPSA + reseller: orders), B (MPSA only: may only look), D (reseller, not MPSA). */
  async function mpsaCustomer() {
    const customer = await newCustomer(api);
    const [a, b, d] = await Promise.all([api.createPartner(), api.createPartner(), api.createPartner()]);
    await relate(api, a, customer, 'mpsa');
    await relate(api, a, customer, 'reseller');
    await relate(api, b, customer, 'mpsa');
    await relate(api, d, customer, 'reseller');
    const aOrder = (await order(a, customer.tenantId, { offerId: 'a-offer', quantity: 3 })).body;
    const dOrder = (await order(d, customer.tenantId, { offerId: 'd-offer', quantity: 4 })).body;
    return { customer, a, b, d, aOrder, dOrder };
  }

  const ids = async (partner: TestPartner, customerTenantId: string) =>
    (await orders(partner, customerTenantId)).body.items.map((o: { id: string }) => o.id);

  it('MPSA partners see each other’s orders only while sharing is on for both', async () => {
    const { customer, a, b, d, aOrder, dOrder } = await mpsaCustomer();
    // Off by default: B sees nothing; the pure-MPSA partner may look but not order.
    expect(await ids(b, customer.tenantId)).toEqual([]);
    const refused = await order(b, customer.tenantId);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('order-not-allowed');

    // On for A only: still nothing for B (both must share).
    const onA = await setSharing(customer, a.id, true);
    expect(onA.status).toBe(200);
    expect(onA.body.mpsaSharing).toEqual({ enabled: true });
    expect(onA.body.history.at(-1)).toMatchObject({ event: 'mpsaSharingEnabled' });
    expect(await ids(b, customer.tenantId)).toEqual([]);

    // On for both: B sees A's order, marked as A's and shared, without A's user.
    expect((await setSharing(customer, b.id, true)).status).toBe(200);
    const seen = await orders(b, customer.tenantId);
    expect(seen.body.items).toEqual([
      {
        id: aOrder.id,
        customerTenantId: customer.tenantId,
        offerId: 'a-offer',
        quantity: 3,
        status: 'placed',
        placedAs: 'reseller',
        agreementVersion: '2024-01',
        placedAt: aOrder.placedAt,
        partner: { id: a.id, name: a.name },
        shared: true,
      },
    ]);
    // A sees its own order (not shared) and B's, of which there are none; never D's (D is not MPSA).
    const own = await orders(a, customer.tenantId);
    expect(own.body.items).toEqual([aOrder]);
    expect(await ids(d, customer.tenantId)).toEqual([dOrder.id]);

    // Off again on A: hidden from B on the very next request.
    const offA = await setSharing(customer, a.id, false);
    expect(offA.body.mpsaSharing).toEqual({ enabled: false });
    expect(await ids(b, customer.tenantId)).toEqual([]);
    expect((await api.get(`/customer/partner-relationships/${a.id}`, customer.token)).body.mpsaSharing).toEqual({
      enabled: false,
    });
  });

  it('sharing is per customer: the same partners with sharing on elsewhere do not see these orders', async () => {
    const { customer, a, b, aOrder } = await mpsaCustomer();
    await setSharing(customer, a.id, true);
    await setSharing(customer, b.id, true);
    expect(await ids(b, customer.tenantId)).toEqual([aOrder.id]);
    // B and A also serve another customer, which shares nothing: A's orders there stay A's.
    const other = await newCustomer(api);
    await relate(api, a, other, 'reseller');
    await relate(api, b, other, 'mpsa');
    const elsewhere = (await order(a, other.tenantId)).body;
    expect(await ids(b, other.tenantId)).toEqual([]);
    expect(await ids(b, customer.tenantId)).not.toContain(elsewhere.id);
  });

  it('only on relationships that include MPSA (409 not-mpsa); 404 for unknown or other customers’ partners', async () => {
    const { customer, a, d } = await mpsaCustomer();
    const notMpsa = await setSharing(customer, d.id, true);
    expect(notMpsa.status).toBe(409);
    expect(notMpsa.body.code).toBe('not-mpsa');
    expect((await setSharing(customer, 'ptn_unknown', true)).status).toBe(404);

    // Another customer cannot touch A's relationship with this customer.
    const stranger = await newCustomer(api);
    const foreign = await setSharing(stranger, a.id, true);
    expect(foreign.status).toBe(404);
    expect((await api.get(`/customer/partner-relationships/${a.id}`, customer.token)).body.mpsaSharing).toEqual({
      enabled: false,
    });
    expect(await auditEvents(api.stack, customer.tenantId, 'relationship.mpsaSharingEnabled')).toHaveLength(0);
  });

  it('validates the body and needs a customer admin', async () => {
    const { customer, a } = await mpsaCustomer();
    const bad = await setSharing(customer, a.id, 'yes');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('enabled');
    const helpdesk = await api.customerAdminToken(customer.tenantId, [ROLE.helpdeskAdministrator]);
    const refused = await setSharing({ ...customer, token: helpdesk }, a.id, true);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('customer-admin-required');
    expect((await api.get(`/customer/partner-relationships/${a.id}`, customer.token)).body.mpsaSharing.enabled).toBe(false);
  });

  it('honours If-Match (412 on a stale ETag) and is idempotent: the same value writes nothing', async () => {
    const { customer, a } = await mpsaCustomer();
    const read = await api.get(`/customer/partner-relationships/${a.id}`, customer.token);
    const etag = read.headers.get('etag')!;
    const on = await setSharing(customer, a.id, true, { 'if-match': etag });
    expect(on.status).toBe(200);
    const newEtag = on.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    const stale = await setSharing(customer, a.id, false, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition-failed');
    expect((await api.get(`/customer/partner-relationships/${a.id}`, customer.token)).body.mpsaSharing.enabled).toBe(true);

    const same = await setSharing(customer, a.id, true);
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe(newEtag);
    expect(same.body.history.filter((h: { event: string }) => h.event === 'mpsaSharingEnabled')).toHaveLength(1);

    const events = await auditEvents(api.stack, a.tenantId, 'relationship.mpsaSharingEnabled');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: { kind: 'customer', tenantId: customer.tenantId }, details: { enabled: true } });
    expect(await auditEvents(api.stack, customer.tenantId, 'relationship.mpsaSharingEnabled')).toHaveLength(1);
  });

  it('a termination ends ordering (404) and sharing: the partner keeps only its own order history', async () => {
    const { customer, a, b, aOrder } = await mpsaCustomer();
    await setSharing(customer, a.id, true);
    await setSharing(customer, b.id, true);
    expect(await ids(b, customer.tenantId)).toEqual([aOrder.id]);

    const terminated = await api.call('POST', `/partner/customers/${customer.tenantId}/terminate`, { token: a.token });
    expect(terminated.status).toBe(200);
    const refused = await order(a, customer.tenantId);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('not-found');
    // A still reads its own past orders; B no longer sees them; sharing cannot be set on the ended relationship.
    expect(await ids(a, customer.tenantId)).toEqual([aOrder.id]);
    expect(await ids(b, customer.tenantId)).toEqual([]);
    const closed = await setSharing(customer, a.id, false);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('relationship-terminated');
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await api.get('/openapi.json');
    expect(doc.body.paths['/partner/customers/{customerTenantId}/orders'].post.operationId).toBe('placeOrder');
    expect(doc.body.paths['/partner/customers/{customerTenantId}/orders'].get.operationId).toBe('listOrders');
    expect(doc.body.paths['/customer/partner-relationships/{partnerId}/mpsa-sharing'].put.operationId).toBe('setMpsaSharing');
    expect(doc.body.components.schemas).toHaveProperty('Order');
  });
});
