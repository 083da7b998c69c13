// Relationship lifecycle over HTTP on the shared stack: the customer removes admin roles (and cannot delete), the partner
// terminates, each side reads its own audit trail — with tenant isolation, emails and audit events from the queue jobs.
import { randomUUID } from 'node:crypto';
import { BILLING_ADMIN, contactRequestBody, sharedStack, uniqueEmail, waitFor, type TestClient } from '../../support/api.js';
import { queuesDrained } from '../../support/cosmos-faults.js';
import { accept, inviteAndReceive, newCustomer, ROLE, type TestCustomer, type TestPartner } from '../../support/invitations.js';
import { agentInGroupWith } from '../../support/relationships.js';

const api: TestClient = sharedStack();

/** Invites `customer` (at `email`, default its own) with `partnerType` and accepts; returns the customer's view. */
async function relate(
  partner: TestPartner,
  customer: TestCustomer,
  partnerType: string,
  extra: Record<string, unknown> = {},
  email = customer.email,
) {
  const { link } = await inviteAndReceive(api, partner, { customerEmail: email, partnerType, ...extra });
  const accepted = await accept(api, customer, link);
  if (accepted.status !== 200) throw new Error(`accept ${partnerType}: ${accepted.status} ${accepted.text}`);
  return accepted.body;
}

const gdapRoles = { roles: [ROLE.userAdministrator, ROLE.helpdeskAdministrator], durationDays: 90 };

/** A reseller with GDAP roles, assigned to a group; `agent` is a member of it (who acts on behalf of the customer). */
async function resellerWithGdap() {
  const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
  await relate(partner, customer, 'reseller');
  await relate(partner, customer, 'gdap', gdapRoles);
  const agent = await agentInGroupWith(api, partner, customer.tenantId, gdapRoles.roles);
  return { partner, customer, agent };
}

const removeRoles = (customer: { token: string }, partnerId: string, headers: Record<string, string> = {}) =>
  api.call('POST', `/customer/partner-relationships/${partnerId}/remove-roles`, { token: customer.token, headers });
const terminate = (partner: { token: string }, customerTenantId: string, headers: Record<string, string> = {}) =>
  api.call('POST', `/partner/customers/${customerTenantId}/terminate`, { token: partner.token, headers });
const order = (partner: { token: string }, customerTenantId: string) =>
  api.call('POST', `/partner/customers/${customerTenantId}/orders`, {
    token: partner.token,
    body: { offerId: 'microsoft-365-business-standard', quantity: 1 },
  });
const licensesOpen = async (partner: { token: string }, customerTenantId: string) => {
  const r = await api.get(`/partner/customers/${customerTenantId}/admin-center-access`, partner.token);
  return (r.body.pages as { page: string; available: boolean }[]).find((p) => p.page === 'licenses')!.available;
};

interface AuditItem {
  id: string;
  occurredAt: string;
  action: string;
  actor: { kind: string; tenantId?: string; userId?: string };
  target: { type: string; id: string };
  outcome: string;
  correlationId: string;
  details?: Record<string, unknown>;
}

/** Every audit event a side can read (once queued work, audit events included, has run), following continuation tokens. */
async function auditTrail(path: string, token: string, pageSize = 100): Promise<AuditItem[]> {
  await queuesDrained(api.stack);
  const items: AuditItem[] = [];
  let continuation: string | null = null;
  do {
    const query: string = `?pageSize=${pageSize}${continuation ? `&continuationToken=${encodeURIComponent(continuation)}` : ''}`;
    const page = await api.get(`${path}${query}`, token);
    if (page.status !== 200) throw new Error(`audit: ${page.status} ${page.text}`);
    items.push(...(page.body.items as AuditItem[]));
    continuation = page.body.continuationToken as string | null;
  } while (continuation);
  return items;
}

const customerAudit = (customer: { token: string }) => auditTrail('/customer/audit-events', customer.token);
const partnerAudit = (partner: { token: string }) => auditTrail('/partner/audit-events', partner.token);

async function waitForAudit(read: () => Promise<AuditItem[]>, action: string, count = 1) {
  return waitFor(async () => {
    const found = (await read()).filter((e) => e.action === action);
    return found.length >= count ? found : undefined;
  }, `${count} ${action} audit event(s)`);
}

const emailsWithSubject = async (to: string, pattern: RegExp) => (await api.emails(to)).filter((e) => pattern.test(e.subject));

describe('removing admin roles (customer)', () => {
  it('ends every admin grant at once: the very next check sees it; the relationship stays a reseller that can order', async () => {
    const { partner, customer, agent } = await resellerWithGdap();
    expect((await order(partner, customer.tenantId)).status).toBe(201);
    expect(await licensesOpen(agent, customer.tenantId)).toBe(true);

    const removed = await removeRoles(customer, partner.id);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ status: 'active', partnerTypes: ['reseller'] });
    expect(removed.body.roleGrants).toHaveLength(2);
    for (const g of removed.body.roleGrants) {
      expect(g).toMatchObject({ status: 'removed', partnerType: 'gdap' });
      expect(g.endedAt).toBeTruthy();
    }
    expect(removed.body.history.at(-1)).toMatchObject({ event: 'rolesRemoved' });
    expect(removed.headers.get('etag')).toBeTruthy();

    // The very next requests, on both sides: no admin role in force, licenses closed; still a reseller that orders.
    expect(await licensesOpen(agent, customer.tenantId)).toBe(false);
    const partnerView = await api.get(`/partner/customers/${customer.tenantId}`, partner.token);
    expect(partnerView.body.roleGrants.map((g: { status: string }) => g.status)).toEqual(['removed', 'removed']);
    expect(partnerView.body.partnerTypes).toEqual(['reseller']);
    expect((await order(partner, customer.tenantId)).status).toBe(201);

    // Nothing left to remove.
    const again = await removeRoles(customer, partner.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('no-admin-roles');
    expect(again.body.detail).toMatch(/Partner Center/);

    // Role removal processing (queue): the partner is told once; both sides see the audit trail with the actor.
    const emails = await waitFor(async () => {
      const list = await emailsWithSubject(partner.contactEmail, /removed your admin roles/);
      return list.length > 0 ? list : undefined;
    }, 'the roles-removed email');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain('User Administrator');
    expect(emails[0]!.text).toContain(customer.tenantId);
    for (const read of [() => customerAudit(customer), () => partnerAudit(partner)]) {
      const [event] = await waitForAudit(read, 'relationship.rolesRemoved');
      expect(event).toMatchObject({
        actor: { kind: 'customer', tenantId: customer.tenantId },
        target: { type: 'relationship', id: removed.body.id },
        outcome: 'success',
        correlationId: removed.headers.get('x-correlation-id'),
      });
      const grants = await waitForAudit(read, 'grant.removed', 2);
      expect(grants.map((e) => e.target.id).sort()).toEqual(removed.body.roleGrants.map((g: { id: string }) => g.id).sort());
    }
  });

  it('answers 409 no-admin-roles for a relationship without admin roles, and changes nothing', async () => {
    const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
    const before = await relate(partner, customer, 'reseller');
    const r = await removeRoles(customer, partner.id);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'no-admin-roles', status: 409 });
    const after = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(after.body.updatedAt).toBe(before.updatedAt);
    expect(after.body.history).toEqual(before.history);
  });

  it('honours If-Match (412 on another version) and is for customer admins only', async () => {
    const { partner, customer } = await resellerWithGdap();
    const current = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    const stale = await removeRoles(customer, partner.id, { 'if-match': '"not-the-etag"' });
    expect(stale.status).toBe(412);
    const reader = await api.token({ tenantId: customer.tenantId, wids: [] });
    expect((await removeRoles({ token: reader }, partner.id)).status).toBe(403);
    expect((await removeRoles({ token: partner.token }, partner.id)).status).toBe(403);
    expect((await api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`)).status).toBe(401);
    expect((await api.get(`/customer/partner-relationships/${partner.id}`, customer.token)).body.roleGrants).toEqual(
      current.body.roleGrants,
    );
    const ok = await removeRoles(customer, partner.id, { 'if-match': current.headers.get('etag')! });
    expect(ok.status).toBe(200);
  });

  it("answers 404 to another customer and leaves the partner's grants alone", async () => {
    const { partner, customer, agent } = await resellerWithGdap();
    const stranger = await newCustomer(api);
    const r = await removeRoles(stranger, partner.id);
    expect(r.status).toBe(404);
    expect((await removeRoles(stranger, 'ptn_doesnotexist')).status).toBe(404);
    const view = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(view.body.roleGrants.map((g: { status: string }) => g.status)).toEqual(['active', 'active']);
    expect(await licensesOpen(agent, customer.tenantId)).toBe(true);
  });
});

describe('customers do not end relationships', () => {
  it('answers DELETE with 409 contact-partner naming the partner, and keeps the relationship', async () => {
    const { partner, customer } = await resellerWithGdap();
    const r = await api.call('DELETE', `/customer/partner-relationships/${partner.id}`, { token: customer.token });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.code).toBe('contact-partner');
    expect(r.body.detail).toContain(partner.name);
    const view = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(view.body).toMatchObject({ status: 'active', partnerTypes: ['reseller', 'gdap'] });
  });

  it("answers DELETE with 404 for another customer's relationship", async () => {
    const { partner } = await resellerWithGdap();
    const stranger = await newCustomer(api);
    const r = await api.call('DELETE', `/customer/partner-relationships/${partner.id}`, { token: stranger.token });
    expect(r.status).toBe(404);
  });
});

describe('the partner terminates', () => {
  it('ends the relationship, every grant and the order rights; both sides are emailed once; 409 the second time', async () => {
    const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
    const secondAddress = uniqueEmail('it-admin');
    await relate(partner, customer, 'reseller');
    // The GDAP invitation went to another admin of the same customer: both addresses hear of the termination.
    await relate(partner, customer, 'gdap', { ...gdapRoles, customerTenantId: customer.tenantId }, secondAddress);
    await relate(partner, customer, 'isv');
    expect((await order(partner, customer.tenantId)).status).toBe(201);
    const agent = await agentInGroupWith(api, partner, customer.tenantId, gdapRoles.roles);
    expect(await licensesOpen(agent, customer.tenantId)).toBe(true);

    const ended = await terminate(partner, customer.tenantId);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'terminated', customerTenantId: customer.tenantId });
    expect(ended.body.terminatedAt).toBeTruthy();
    expect(ended.body.roleGrants.map((g: { status: string }) => g.status)).toEqual(['terminated', 'terminated']);
    expect(ended.body.roleGrants.every((g: { endedAt: string }) => g.endedAt === ended.body.terminatedAt)).toBe(true);

    // Order rights and admin access end at once; the customer sees the relationship as terminated.
    const refused = await order(partner, customer.tenantId);
    expect([403, 404]).toContain(refused.status);
    expect(await licensesOpen(agent, customer.tenantId)).toBe(false);
    expect((await api.get(`/partner/customers/${customer.tenantId}/access-assignments`, partner.token)).body.items).toEqual([]);
    const customerView = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(customerView.body).toMatchObject({ status: 'terminated' });
    expect((await removeRoles(customer, partner.id)).body.code).toBe('no-admin-roles');

    const twice = await terminate(partner, customer.tenantId);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('relationship-terminated');

    const partnerEmail = await waitFor(async () => {
      const list = await emailsWithSubject(partner.contactEmail, /You ended the relationship/);
      return list.length > 0 ? list : undefined;
    }, 'the partner termination email');
    expect(partnerEmail).toHaveLength(1);
    for (const address of [customer.email, secondAddress]) {
      const list = await waitFor(async () => {
        const found = await emailsWithSubject(address, /ended its partner relationship/);
        return found.length > 0 ? found : undefined;
      }, `the customer termination email to ${address}`);
      expect(list).toHaveLength(1);
      expect(list[0]!.text).toContain(partner.name);
    }
    for (const read of [() => customerAudit(customer), () => partnerAudit(partner)]) {
      const [event] = await waitForAudit(read, 'relationship.terminated');
      expect(event).toMatchObject({
        actor: { kind: 'partner', tenantId: partner.tenantId },
        target: { type: 'relationship', id: ended.body.id },
        correlationId: ended.headers.get('x-correlation-id'),
      });
      await waitForAudit(read, 'grant.terminated', 2);
    }
  });

  it('sends one customer email per address even when several accepted invitations used it', async () => {
    const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
    await relate(partner, customer, 'reseller');
    await relate(partner, customer, 'isv');
    expect((await terminate(partner, customer.tenantId)).status).toBe(200);
    await waitFor(async () => (await emailsWithSubject(partner.contactEmail, /You ended/)).length === 1, 'partner email');
    const list = await waitFor(async () => {
      const found = await emailsWithSubject(customer.email, /ended its partner relationship/);
      return found.length > 0 ? found : undefined;
    }, 'customer email');
    expect(list).toHaveLength(1);
  });

  it('answers 404 to a partner without a relationship with that customer, and changes nothing', async () => {
    const { partner, customer } = await resellerWithGdap();
    const other = await api.createPartner();
    expect((await terminate(other, customer.tenantId)).status).toBe(404);
    expect((await terminate(partner, randomUUID())).status).toBe(404);
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent']);
    expect((await terminate({ token: sales }, customer.tenantId)).status).toBe(403);
    expect((await terminate({ token: customer.token }, customer.tenantId)).status).toBe(403);
    expect((await api.get(`/partner/customers/${customer.tenantId}`, partner.token)).body.status).toBe('active');
  });

  it('lets the partner invite again after a termination: the relationship starts afresh', async () => {
    const { partner, customer } = await resellerWithGdap();
    expect((await terminate(partner, customer.tenantId)).status).toBe(200);
    const again = await relate(partner, customer, 'reseller');
    expect(again).toMatchObject({ status: 'active', partnerTypes: ['reseller'] });
    expect(again.roleGrants.map((g: { status: string }) => g.status)).toEqual(['terminated', 'terminated']);
    expect((await order(partner, customer.tenantId)).status).toBe(201);
  });
});

describe('audit events', () => {
  it("each side reads its own tenant's events, newest first and paged; never another tenant's", async () => {
    const { partner, customer } = await resellerWithGdap();
    const other = await resellerWithGdap();
    const lead = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    expect(lead.status).toBe(201);
    await api.call('PATCH', `/partner/contact-requests/${lead.body.id}`, { token: partner.token, body: { status: 'accepted' } });

    // Delivery is recorded by the email worker, after the fact.
    await waitForAudit(() => partnerAudit(partner), 'contactRequest.partnerNotified');
    await waitForAudit(() => partnerAudit(partner), 'invitation.emailSent', 2);
    const customerEvents = await customerAudit(customer);
    const partnerEvents = await partnerAudit(partner);
    const actions = (events: AuditItem[]) => new Set(events.map((e) => e.action));
    expect([...actions(customerEvents)]).toEqual(
      expect.arrayContaining(['invitation.accepted', 'agreement.accepted', 'relationship.created', 'relationship.extended']),
    );
    expect([...actions(partnerEvents)]).toEqual(
      expect.arrayContaining([
        'partnerProfile.created',
        'invitation.created',
        'invitation.accepted',
        'relationship.created',
        'contactRequest.created',
        'contactRequest.accepted',
      ]),
    );
    // The partner's own profile and leads are its business only.
    expect(customerEvents.some((e) => e.action.startsWith('partnerProfile.') || e.action.startsWith('contactRequest.'))).toBe(
      false,
    );
    for (const events of [customerEvents, partnerEvents]) {
      const times = events.map((e) => e.occurredAt);
      expect(times).toEqual([...times].sort().reverse());
      for (const e of events) expect(e).toMatchObject({ outcome: 'success', correlationId: expect.any(String) });
      expect(events.some((e) => 'tenantId' in e || 'eventId' in e)).toBe(false);
    }

    // Isolation: nothing of the other pair shows, and the other pair sees nothing of this one.
    const otherIds = new Set([...(await customerAudit(other.customer)), ...(await partnerAudit(other.partner))].map((e) => e.id));
    expect([...customerEvents, ...partnerEvents].filter((e) => otherIds.has(e.id))).toEqual([]);
    const otherRelationship = (await api.get(`/customer/partner-relationships/${other.partner.id}`, other.customer.token)).body
      .id as string;
    expect([...customerEvents, ...partnerEvents].some((e) => e.target.id === otherRelationship)).toBe(false);

    // Paging: the same events, page by page.
    const paged = await auditTrail('/customer/audit-events', customer.token, 2);
    expect(paged.map((e) => e.id)).toEqual(customerEvents.map((e) => e.id));
  });

  it('is for customer admins and registered partners with the admin agent role', async () => {
    const { partner, customer } = await resellerWithGdap();
    expect((await api.get('/customer/audit-events')).status).toBe(401);
    expect((await api.get('/partner/audit-events')).status).toBe(401);
    const reader = await api.token({ tenantId: customer.tenantId, wids: [] });
    expect((await api.get('/customer/audit-events', reader)).status).toBe(403);
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent']);
    expect((await api.get('/partner/audit-events', sales)).status).toBe(403);
    const unregistered = await api.partnerToken(randomUUID());
    expect((await api.get('/partner/audit-events', unregistered)).body.code).toBe('partner-profile-required');
    expect((await api.get('/partner/audit-events', customer.token)).status).toBe(403);
    // A customer token of another tenant reads its own (empty) trail, not this one.
    const stranger = await api.customerAdminToken(randomUUID(), [BILLING_ADMIN]);
    expect((await api.get('/customer/audit-events', stranger)).body).toEqual({ items: [], continuationToken: null });
    expect((await api.get('/customer/audit-events?pageSize=0', customer.token)).status).toBe(400);
  });
});
