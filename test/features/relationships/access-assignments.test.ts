// Access assignments over HTTP on the shared stack: a partner gives its security groups GDAP roles of a customer
// (create, change with If-Match, list, delete), an agent reads what it holds there through the `groups` of its token,
// and the customer removing the roles ends the assignments — each change audited on the partner's side.
import { randomUUID } from 'node:crypto';
import { sharedStack } from '../../support/api.js';
import { auditEvents } from '../../support/audit.js';
import { newCustomer, ROLE } from '../../support/invitations.js';
import { relate } from '../../support/relationships.js';

const api = sharedStack();

async function gdapCustomer() {
  const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
  await relate(api, partner, customer, 'gdap', {
    roles: [ROLE.helpdeskAdministrator, ROLE.userAdministrator],
    durationDays: 60,
  });
  return { partner, customer };
}

const path = (customerTenantId: string, groupId?: string) =>
  `/partner/customers/${customerTenantId}/access-assignments${groupId ? `/${groupId}` : ''}`;

describe('access assignments', () => {
  it('creates (201), changes with If-Match (200), refuses a stale ETag (412), lists and deletes (204), each audited', async () => {
    const { partner, customer } = await gdapCustomer();
    const groupId = randomUUID();

    const created = await api.call('PUT', path(customer.tenantId, groupId.toUpperCase()), {
      token: partner.token,
      body: { roles: [ROLE.helpdeskAdministrator.toUpperCase()] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerTenantId: customer.tenantId,
      groupId,
      roles: [{ roleId: ROLE.helpdeskAdministrator, roleName: 'Helpdesk Administrator' }],
    });
    const etag = created.headers.get('etag')!;
    // The relationship's ETag: the customer view shows the same one.
    expect((await api.get(`/partner/customers/${customer.tenantId}`, partner.token)).headers.get('etag')).toBe(etag);

    const changed = await api.call('PUT', path(customer.tenantId, groupId), {
      token: partner.token,
      body: { roles: [ROLE.helpdeskAdministrator, ROLE.userAdministrator] },
      headers: { 'if-match': etag, 'accept-language': 'it' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.roles.map((r: { roleName: string }) => r.roleName).sort()).toEqual([
      'Amministratore helpdesk',
      'Amministratore utenti',
    ]);
    const stale = await api.call('PUT', path(customer.tenantId, groupId), {
      token: partner.token,
      body: { roles: [ROLE.userAdministrator] },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);

    const list = await api.get(path(customer.tenantId), partner.token);
    expect(list.status).toBe(200);
    expect(list.headers.get('etag')).toBe(changed.headers.get('etag'));
    expect(list.body).toMatchObject({ continuationToken: null, items: [{ groupId }] });
    expect(list.body.items[0].roles).toHaveLength(2);

    expect(
      (await api.call('DELETE', path(customer.tenantId, groupId), { token: partner.token, headers: { 'if-match': etag } }))
        .status,
    ).toBe(412);
    const deleted = await api.call('DELETE', path(customer.tenantId, groupId), {
      token: partner.token,
      headers: { 'if-match': changed.headers.get('etag')! },
    });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('etag')).toBeTruthy();
    const again = await api.call('DELETE', path(customer.tenantId, groupId), { token: partner.token });
    expect(again.status).toBe(404);
    expect((await api.get(path(customer.tenantId), partner.token)).body.items).toEqual([]);

    const audited = await auditEvents(api.stack, partner.tenantId);
    expect(
      audited
        .filter((e) => e.action.startsWith('accessAssignment.'))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['accessAssignment.created', 'accessAssignment.deleted', 'accessAssignment.updated']);
    const createdEvent = audited.find((e) => e.action === 'accessAssignment.created')!;
    expect(createdEvent).toMatchObject({ actor: { kind: 'partner', tenantId: partner.tenantId }, outcome: 'success' });
    expect(createdEvent.details).toMatchObject({ groupId, customerTenantId: customer.tenantId });
    // The partner's groups are its own business: the customer's trail does not list them.
    expect((await auditEvents(api.stack, customer.tenantId)).filter((e) => e.action.startsWith('accessAssignment.'))).toEqual([]);
  });

  it('refuses roles not in force (409), malformed group ids and bodies (400), other partners (404), sales agents (403)', async () => {
    const { partner, customer } = await gdapCustomer();
    const groupId = randomUUID();
    const notGranted = await api.call('PUT', path(customer.tenantId, groupId), {
      token: partner.token,
      body: { roles: [ROLE.licenseAdministrator] },
    });
    expect(notGranted.status).toBe(409);
    expect(notGranted.body.code).toBe('roles-not-in-force');
    expect(notGranted.body.detail).toContain(ROLE.licenseAdministrator);
    const french = await api.call('PUT', path(customer.tenantId, groupId), {
      token: partner.token,
      body: { roles: [ROLE.licenseAdministrator] },
      headers: { 'accept-language': 'fr' },
    });
    expect(french.body.detail).toMatch(/en vigueur/);

    const badGroup = await api.call('PUT', path(customer.tenantId, 'not-a-group'), {
      token: partner.token,
      body: { roles: [ROLE.helpdeskAdministrator] },
    });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.errors).toHaveProperty('groupId');
    for (const body of [
      { roles: [] },
      { roles: ['x'] },
      { roles: [ROLE.helpdeskAdministrator, ROLE.helpdeskAdministrator] },
      {},
    ]) {
      const r = await api.call('PUT', path(customer.tenantId, groupId), { token: partner.token, body });
      expect(r.status).toBe(400);
    }
    expect((await api.get(path(customer.tenantId), partner.token)).body.items).toEqual([]);

    const other = await api.createPartner();
    const foreign = await api.call('PUT', path(customer.tenantId, groupId), {
      token: other.token,
      body: { roles: [ROLE.helpdeskAdministrator] },
    });
    expect(foreign.status).toBe(404);
    expect((await api.get(path(customer.tenantId), other.token)).status).toBe(404);
    expect((await api.get(`/partner/customers/${customer.tenantId}/my-access`, other.token)).status).toBe(404);
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent'], [groupId]);
    expect((await api.get(path(customer.tenantId), sales)).body.code).toBe('partner-role-required');
  });

  it("my-access answers the roles the agent's groups hold there, in the caller's language; none outside them", async () => {
    const { partner, customer } = await gdapCustomer();
    const [helpdeskGroup, usersGroup] = [randomUUID(), randomUUID()];
    for (const [group, roles] of [
      [helpdeskGroup, [ROLE.helpdeskAdministrator]],
      [usersGroup, [ROLE.helpdeskAdministrator, ROLE.userAdministrator]],
    ] as const) {
      const r = await api.call('PUT', path(customer.tenantId, group), { token: partner.token, body: { roles } });
      expect(r.status).toBe(201);
    }
    const myAccess = async (groups: string[], language = 'en') =>
      api.call('GET', `/partner/customers/${customer.tenantId}/my-access`, {
        token: await api.partnerToken(partner.tenantId, ['Partner.AdminAgent'], groups),
        headers: { 'accept-language': language },
      });

    const none = await myAccess([]);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ customerTenantId: customer.tenantId, roles: [] });
    expect((await myAccess([randomUUID()])).body.roles).toEqual([]);

    const helpdeskOnly = await myAccess([helpdeskGroup.toUpperCase()], 'fr');
    expect(helpdeskOnly.body.roles).toEqual([
      expect.objectContaining({
        roleId: ROLE.helpdeskAdministrator,
        roleName: 'Administrateur du support technique',
        groupIds: [helpdeskGroup],
      }),
    ]);
    expect(helpdeskOnly.body.roles[0].expiresAt).toBeTruthy();
    const both = await myAccess([helpdeskGroup, usersGroup, randomUUID()]);
    expect(both.body.roles.map((r: { roleId: string }) => r.roleId).sort()).toEqual(
      [ROLE.helpdeskAdministrator, ROLE.userAdministrator].sort(),
    );
    expect(both.body.roles.find((r: { roleId: string }) => r.roleId === ROLE.helpdeskAdministrator).groupIds).toEqual(
      [helpdeskGroup, usersGroup].sort(),
    );
  });

  it('a token whose groups claim is not a list of object ids (or lists more than 200) is refused', async () => {
    const { partner, customer } = await gdapCustomer();
    for (const groups of [['sales-team'], Array.from({ length: 201 }, () => randomUUID())]) {
      const token = await api.partnerToken(partner.tenantId, ['Partner.AdminAgent'], groups);
      const r = await api.get(`/partner/customers/${customer.tenantId}/my-access`, token);
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('invalid-token');
    }
  });

  it('the customer removing the roles ends every assignment at once, audited as ended', async () => {
    const { partner, customer } = await gdapCustomer();
    const groupId = randomUUID();
    await api.call('PUT', path(customer.tenantId, groupId), {
      token: partner.token,
      body: { roles: [ROLE.userAdministrator] },
    });
    const agent = await api.partnerToken(partner.tenantId, ['Partner.AdminAgent'], [groupId]);
    expect((await api.get(`/partner/customers/${customer.tenantId}/my-access`, agent)).body.roles).toHaveLength(1);

    const removed = await api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`, {
      token: customer.token,
    });
    expect(removed.status).toBe(200);
    expect((await api.get(`/partner/customers/${customer.tenantId}/my-access`, agent)).body.roles).toEqual([]);
    expect((await api.get(path(customer.tenantId), partner.token)).body.items).toEqual([]);
    const ended = await auditEvents(api.stack, partner.tenantId, 'accessAssignment.ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.actor).toMatchObject({ kind: 'customer', tenantId: customer.tenantId });
    expect(ended[0]!.details).toMatchObject({ groupId, endedRoleIds: [ROLE.userAdministrator] });
    // Nothing left to assign: the roles are no longer in force.
    const reassigned = await api.call('PUT', path(customer.tenantId, groupId), {
      token: partner.token,
      body: { roles: [ROLE.userAdministrator] },
    });
    expect(reassigned.body.code).toBe('roles-not-in-force');
  });
});
