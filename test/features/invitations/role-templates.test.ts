// Role templates through the local host: create (Idempotency-Key), list, read, replace and delete (ETag/If-Match), the
// invitation rules applied to them, and invitations made from one (single and bulk) that a later change leaves alone.
import { randomUUID } from 'node:crypto';
import { sharedStack, uniqueEmail, waitFor } from '../../support/api.js';
import { invite, ROLE, waitForInvitationEmail } from '../../support/invitations.js';

const api = sharedStack();

const helpdesk = { name: 'Helpdesk (90 days)', partnerType: 'gdap', roles: [ROLE.helpdeskAdministrator], durationDays: 90 };

describe('role templates', () => {
  it('create (201, Location, ETag) → read → list → replace with If-Match → delete with If-Match', async () => {
    const partner = await api.createPartner();
    const created = await api.call('POST', '/partner/role-templates', { token: partner.token, body: helpdesk });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...helpdesk, id: expect.stringMatching(/^rtpl_/) });
    expect(created.headers.get('location')).toBe(`/api/partner/role-templates/${created.body.id}`);
    const etag = created.headers.get('etag')!;
    expect(etag).toBeTruthy();

    const read = await api.get(`/partner/role-templates/${created.body.id}`, partner.token);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(etag);
    const listed = await api.get('/partner/role-templates?pageSize=10', partner.token);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);

    const changed = { ...helpdesk, name: 'Helpdesk (1 year)', durationDays: 365, autoExtend: true };
    const stale = await api.call('PUT', `/partner/role-templates/${created.body.id}`, {
      token: partner.token,
      body: changed,
      headers: { 'if-match': '"not-the-etag"' },
    });
    expect(stale.status).toBe(412);
    const replaced = await api.call('PUT', `/partner/role-templates/${created.body.id}`, {
      token: partner.token,
      body: changed,
      headers: { 'if-match': etag },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ ...changed, createdAt: created.body.createdAt });
    expect(replaced.headers.get('etag')).not.toBe(etag);

    const staleDelete = await api.call('DELETE', `/partner/role-templates/${created.body.id}`, {
      token: partner.token,
      headers: { 'if-match': etag },
    });
    expect(staleDelete.status).toBe(412);
    const deleted = await api.call('DELETE', `/partner/role-templates/${created.body.id}`, {
      token: partner.token,
      headers: { 'if-match': replaced.headers.get('etag')! },
    });
    expect(deleted.status).toBe(204);
    expect((await api.get(`/partner/role-templates/${created.body.id}`, partner.token)).status).toBe(404);
  });

  it('the same Idempotency-Key and body give the same template, once', async () => {
    const partner = await api.createPartner();
    const key = randomUUID();
    const first = await api.call('POST', '/partner/role-templates', {
      token: partner.token,
      body: helpdesk,
      headers: { 'idempotency-key': key },
    });
    const again = await api.call('POST', '/partner/role-templates', {
      token: partner.token,
      body: helpdesk,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await api.get('/partner/role-templates', partner.token)).body.items).toHaveLength(1);
  });

  it.each([
    ['GDAP without a duration', { partnerType: 'gdap', roles: [ROLE.helpdeskAdministrator] }, 'duration-required'],
    [
      'GDAP auto-extending Global Administrator',
      { partnerType: 'gdap', roles: [ROLE.globalAdministrator], durationDays: 30, autoExtend: true },
      'auto-extend-not-allowed',
    ],
    [
      'a role GDAP cannot grant',
      { partnerType: 'gdap', roles: [ROLE.directorySynchronizationAccounts], durationDays: 30 },
      'role-not-allowed-for-gdap',
    ],
    ['roles for a reseller', { partnerType: 'reseller', roles: [ROLE.helpdeskAdministrator] }, 'roles-not-allowed'],
  ])('refuses %s with the invitation rule’s own code, and stores nothing', async (_, body, code) => {
    const partner = await api.createPartner();
    const refused = await api.call('POST', '/partner/role-templates', { token: partner.token, body: { name: 'T', ...body } });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(code);
    expect((await api.get('/partner/role-templates', partner.token)).body.items).toEqual([]);
  });

  it("another partner's template is a 404, to read, change, delete or invite with", async () => {
    const [owner, other] = await Promise.all([api.createPartner(), api.createPartner()]);
    const created = await api.call('POST', '/partner/role-templates', { token: owner.token, body: helpdesk });
    const id = created.body.id as string;
    expect((await api.get(`/partner/role-templates/${id}`, other.token)).status).toBe(404);
    expect((await api.call('PUT', `/partner/role-templates/${id}`, { token: other.token, body: helpdesk })).status).toBe(404);
    expect((await api.call('DELETE', `/partner/role-templates/${id}`, { token: other.token })).status).toBe(404);
    const invited = await invite(api, other, { customerEmail: uniqueEmail('tpl'), roleTemplateId: id });
    expect(invited.status).toBe(404);
    expect(invited.body.code).toBe('not-found');
    expect((await api.get('/partner/invitations', other.token)).body.items).toEqual([]);
  });

  it('an invitation takes either the template or its settings: both or neither is a 400', async () => {
    const partner = await api.createPartner();
    const created = await api.call('POST', '/partner/role-templates', { token: partner.token, body: helpdesk });
    const both = await invite(api, partner, {
      customerEmail: uniqueEmail('tpl'),
      roleTemplateId: created.body.id,
      partnerType: 'gdap',
    });
    expect(both.status).toBe(400);
    expect(both.body.errors.roleTemplateId).toBeDefined();
    const neither = await invite(api, partner, { customerEmail: uniqueEmail('tpl') });
    expect(neither.status).toBe(400);
    expect(neither.body.errors.partnerType).toBeDefined();
  });

  it('an invitation from a template grants what the template said then; changing the template later leaves it alone', async () => {
    const partner = await api.createPartner();
    const created = await api.call('POST', '/partner/role-templates', { token: partner.token, body: helpdesk });
    const email = uniqueEmail('tpl');
    const invited = await invite(api, partner, { customerEmail: email, roleTemplateId: created.body.id });
    expect(invited.status).toBe(202);
    expect(invited.body).toMatchObject({ partnerType: 'gdap', durationDays: 90 });
    await waitForInvitationEmail(api, email, 1, invited.body.id);

    const replaced = await api.call('PUT', `/partner/role-templates/${created.body.id}`, {
      token: partner.token,
      body: { name: 'Users', partnerType: 'gdap', roles: [ROLE.userAdministrator], durationDays: 30 },
    });
    expect(replaced.status).toBe(200);
    const after = await api.get(`/partner/invitations/${invited.body.id}`, partner.token);
    expect(after.body).toMatchObject({ partnerType: 'gdap', durationDays: 90 });
    expect(after.body.roles.map((r: { id: string }) => r.id)).toEqual([ROLE.helpdeskAdministrator]);

    // A bulk from the template uses its settings of that moment too.
    const bulk = await api.call('POST', '/partner/bulk-invitations', {
      token: partner.token,
      body: { items: [{ customerEmail: uniqueEmail('tpl-bulk') }], roleTemplateId: created.body.id },
    });
    expect(bulk.status).toBe(202);
    const done = await waitFor(async () => {
      const read = await api.get(`/partner/operations/${bulk.body.id}`, partner.token);
      return read.body.status !== 'running' && read.body;
    }, 'the bulk to finish');
    expect(done.status).toBe('succeeded');
    const fromBulk = await api.get(`/partner/invitations/${done.items[0].invitationId}`, partner.token);
    expect(fromBulk.body).toMatchObject({ partnerType: 'gdap', durationDays: 30 });
    expect(fromBulk.body.roles.map((r: { id: string }) => r.id)).toEqual([ROLE.userAdministrator]);
  });
});
