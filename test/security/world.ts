// Two tenants of each kind with real data, built through the API: the owner (a partner and a customer related by
// reseller, GDAP, OEM and MPSA, with an order, a device, a lead and a pending invitation) and another pair with data
// of its own. Attacks run against the owner's resources; snapshots of what every one of them can list show that
// nothing changed and nothing leaked.
import { randomBytes, randomUUID } from 'node:crypto';
import { contactRequestBody, uniqueEmail, waitFor, type TestClient } from '../support/api.js';
import { inviteAndReceive, newCustomer, ROLE, type TestCustomer, type TestPartner } from '../support/invitations.js';
import { agentInGroupWith, relate } from '../support/relationships.js';

export interface Tenants {
  partner: TestPartner;
  customer: TestCustomer;
  /** A pending invitation of `partner`, bound to `customer`'s tenant: only that tenant may open it, even with the code. */
  pendingInvitation: { id: string; code: string };
  leadId: string;
  roleTemplateId: string;
  /** A finished bulk operation (a termination of a tenant that is no customer: it changes nothing else). */
  operationId: string;
  /** A security group of `partner` holding the customer's GDAP roles (where the relationship has GDAP). */
  groupId: string;
}

export interface World {
  owner: Tenants & { orderId: string; deviceId: string };
  other: Tenants;
}

/** Route parameter values that name `tenants`' resources, by the parameter names the contracts use. */
export const paramsOf = (tenants: Tenants): Record<string, string> => ({
  partnerId: tenants.partner.id,
  customerTenantId: tenants.customer.tenantId,
  invitationId: tenants.pendingInvitation.id,
  contactRequestId: tenants.leadId,
  roleTemplateId: tenants.roleTemplateId,
  operationId: tenants.operationId,
  groupId: tenants.groupId,
});

async function roleTemplate(api: TestClient, partner: TestPartner): Promise<string> {
  const created = await api.call('POST', '/partner/role-templates', {
    token: partner.token,
    body: { name: 'Helpdesk', partnerType: 'gdap', roles: [ROLE.helpdeskAdministrator], durationDays: 30 },
  });
  if (created.status !== 201) throw new Error(`role template: ${created.status} ${created.text}`);
  return created.body.id as string;
}

/** A bulk operation, finished and its completion audited before the world is used (so snapshots stay still). */
async function finishedOperation(api: TestClient, partner: TestPartner): Promise<string> {
  const started = await api.call('POST', '/partner/bulk-terminations', {
    token: partner.token,
    body: { customerTenantIds: [randomUUID()] },
  });
  if (started.status !== 202) throw new Error(`bulk: ${started.status} ${started.text}`);
  const id = started.body.id as string;
  await waitFor(async () => {
    const audit = await api.get('/partner/audit-events?pageSize=100', partner.token);
    return (audit.body.items as { action: string; target: { id: string } }[]).some(
      (e) => e.action === 'operation.completed' && e.target.id === id,
    );
  }, 'the bulk operation to complete');
  return id;
}

async function pendingInvitation(api: TestClient, partner: TestPartner, customer: TestCustomer) {
  const { invitation, link } = await inviteAndReceive(api, partner, {
    customerEmail: uniqueEmail('pending'),
    customerTenantId: customer.tenantId,
    partnerType: 'isv',
  });
  return { id: invitation.id as string, code: link.code };
}

async function lead(api: TestClient, partner: TestPartner): Promise<string> {
  const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
  if (created.status !== 201) throw new Error(`lead: ${created.status} ${created.text}`);
  return created.body.id as string;
}

async function tenants(api: TestClient, partnerTypes: readonly string[]): Promise<Tenants> {
  const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
  const extra: Record<string, Record<string, unknown>> = {
    gdap: { roles: [ROLE.helpdeskAdministrator, ROLE.userAdministrator], durationDays: 90 },
  };
  // One after the other: each acceptance extends the same relationship.
  for (const type of partnerTypes) await relate(api, partner, customer, type, extra[type] ?? {});
  const [invitation, leadId, roleTemplateId, operationId] = await Promise.all([
    pendingInvitation(api, partner, customer),
    lead(api, partner),
    roleTemplate(api, partner),
    finishedOperation(api, partner),
  ]);
  const groupId = partnerTypes.includes('gdap')
    ? (await agentInGroupWith(api, partner, customer.tenantId, [ROLE.helpdeskAdministrator])).groupId
    : randomUUID();
  return { partner, customer, pendingInvitation: invitation, leadId, roleTemplateId, operationId, groupId };
}

export async function buildWorld(api: TestClient): Promise<World> {
  const [owner, other] = await Promise.all([tenants(api, ['reseller', 'gdap', 'oem', 'mpsa']), tenants(api, ['reseller'])]);
  const order = await api.call('POST', `/partner/customers/${owner.customer.tenantId}/orders`, {
    token: owner.partner.token,
    body: { offerId: 'CFQ7TTC0LH18:0001', quantity: 3 },
  });
  if (order.status !== 201) throw new Error(`order: ${order.status} ${order.text}`);
  const device = await api.call('POST', `/partner/customers/${owner.customer.tenantId}/autopilot-devices`, {
    token: owner.partner.token,
    body: { hardwareHash: randomBytes(64).toString('base64'), serialNumber: 'SN-SEC-1', manufacturer: 'Contoso', model: 'One' },
  });
  if (device.status !== 201) throw new Error(`device: ${device.status} ${device.text}`);
  return { owner: { ...owner, orderId: order.body.id, deviceId: device.body.id }, other };
}

/** Every page of a list, following continuation tokens. */
async function all(api: TestClient, path: string, token: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let continuation: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api.get(
      `${path}${separator}pageSize=100${continuation ? `&continuationToken=${encodeURIComponent(continuation)}` : ''}`,
      token,
    );
    if (page.status !== 200) throw new Error(`snapshot ${path}: ${page.status} ${page.text}`);
    items.push(...(page.body.items as unknown[]));
    continuation = page.body.continuationToken as string | null;
  } while (continuation);
  return items;
}

async function one(api: TestClient, path: string, token: string): Promise<unknown> {
  const answer = await api.get(path, token);
  return { status: answer.status, body: answer.body };
}

/** Everything a partner and a customer can read about themselves. */
async function tenantSnapshot(api: TestClient, t: Tenants) {
  const { partner, customer } = t;
  const customers = (await all(api, '/partner/customers', partner.token)) as { customerTenantId: string }[];
  const relationships = (await all(api, '/customer/partner-relationships', customer.token)) as { partner: { id: string } }[];
  return {
    partner: {
      profile: await one(api, '/partner/profile', partner.token),
      invitations: await all(api, '/partner/invitations', partner.token),
      leads: await all(api, '/partner/contact-requests', partner.token),
      customers,
      orders: await Promise.all(customers.map((c) => all(api, `/partner/customers/${c.customerTenantId}/orders`, partner.token))),
      accessAssignments: await Promise.all(
        customers.map((c) => all(api, `/partner/customers/${c.customerTenantId}/access-assignments`, partner.token)),
      ),
      audit: await all(api, '/partner/audit-events', partner.token),
    },
    customer: {
      relationships,
      details: await Promise.all(
        relationships.map((r) => one(api, `/customer/partner-relationships/${r.partner.id}`, customer.token)),
      ),
      agreements: await one(api, '/customer/agreements', customer.token),
      devices: await all(api, '/customer/autopilot-devices', customer.token),
      audit: await all(api, '/customer/audit-events', customer.token),
    },
  };
}

export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

export async function snapshot(api: TestClient, world: World) {
  const [owner, other] = await Promise.all([tenantSnapshot(api, world.owner), tenantSnapshot(api, world.other)]);
  return { owner, other };
}

/**
 * A snapshot once the background work the world started is over (invitation emails sent, leads notified, their audit
 * events written): the same snapshot read twice in a row, after every queued email has left.
 */
export async function settledSnapshot(api: TestClient, world: World): Promise<Snapshot> {
  let previous: string | undefined;
  return waitFor(async () => {
    const current = await snapshot(api, world);
    const busy = [current.owner, current.other].some(
      (t) =>
        (t.partner.invitations as { emailStatus: string }[]).some((i) => i.emailStatus === 'queued') ||
        (t.partner.leads as { notificationStatus: string }[]).some((l) => l.notificationStatus === 'queued'),
    );
    const text = JSON.stringify(current);
    const stable = !busy && text === previous;
    previous = text;
    return stable ? current : undefined;
  }, 'the world to settle');
}

/**
 * Where `after` differs from `before`, as JSON paths (empty when nothing changed). Lists of resources are compared by
 * id, so one added item reads as one addition rather than as every item after it shifting.
 */
export function differences(before: unknown, after: unknown, path = '$'): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const byId = (list: unknown[]) =>
    list.every((item) => typeof (item as { id?: unknown })?.id === 'string')
      ? new Map(list.map((item) => [(item as { id: string }).id, item]))
      : undefined;
  if (Array.isArray(before) && Array.isArray(after)) {
    const [was, is] = [byId(before), byId(after)];
    if (was && is) {
      return [
        ...[...is.keys()].filter((id) => !was.has(id)).map((id) => `${path}: added ${JSON.stringify(is.get(id)).slice(0, 300)}`),
        ...[...was.keys()].filter((id) => !is.has(id)).map((id) => `${path}: removed ${id}`),
        ...[...was.keys()].filter((id) => is.has(id)).flatMap((id) => differences(was.get(id), is.get(id), `${path}[${id}]`)),
      ];
    }
  }
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) {
    return [`${path}: ${JSON.stringify(before)?.slice(0, 200)} → ${JSON.stringify(after)?.slice(0, 200)}`];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) =>
    differences((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], `${path}.${k}`),
  );
}
