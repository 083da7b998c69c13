// Invitations end to end through the local host: partner invites, the email arrives, the customer admin reviews and
// accepts (with the Customer Agreement) or declines; role rules, isolation, single use, resend, revoke, relationships.
import { sharedStack, uniqueEmail, waitFor } from '../../support/api.js';
import { settled } from '../../support/cosmos-faults.js';
import {
  accept,
  decline,
  invite,
  inviteAndReceive,
  newCustomer,
  review,
  ROLE,
  waitForInvitationEmail,
} from '../../support/invitations.js';

const api = sharedStack();

describe('invitations: the whole story', () => {
  it('partner invites → email → customer reviews → accepts with the agreement → both sides see the relationship → partner is told', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const created = await invite(api, partner, {
      customerEmail: customer.email,
      partnerType: 'gdap',
      roles: [ROLE.userAdministrator, ROLE.helpdeskAdministrator],
      durationDays: 60,
      autoExtend: true,
      message: 'As discussed on the phone: <b>GDAP</b> for your helpdesk.',
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'pending',
      emailStatus: 'queued',
      partnerType: 'gdap',
      durationDays: 60,
      autoExtend: true,
    });
    expect(created.body.id).toMatch(/^inv_/);
    expect(created.headers.get('etag')).toBeTruthy();
    expect(created.text).not.toMatch(/code|hash/i);

    // The email: HTML + text, partner name, type, roles by name, duration, message, accept link.
    const { email, link } = await waitForInvitationEmail(api, customer.email);
    expect(link.invitationId).toBe(created.body.id);
    expect(link.url).toBe(`http://localhost:3000/partners/invitations/${link.invitationId}?code=${link.code}`);
    expect(link.code.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(email.subject).toContain(partner.name);
    for (const part of [
      partner.name,
      'Partner with GDAP access',
      'User Administrator',
      'Helpdesk Administrator',
      '60 days',
      'As discussed on the phone',
    ]) {
      expect(email.text).toContain(part);
    }
    expect(email.html).toContain('&lt;b&gt;GDAP&lt;/b&gt;');
    expect(email.html).toContain(link.code);

    const sent = await waitFor(async () => {
      const r = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
      return r.body.emailStatus === 'sent' ? r : undefined;
    }, 'emailStatus sent');
    expect(sent.body.emailSentAt).toBeTruthy();

    // The accept page.
    const page = await review(api, customer, link);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      id: link.invitationId,
      status: 'pending',
      partner: { id: partner.id, name: partner.name, website: 'https://partner.example.com' },
      partnerType: { id: 'gdap', name: 'Partner with GDAP access' },
      roles: [
        { id: ROLE.userAdministrator, name: 'User Administrator' },
        { id: ROLE.helpdeskAdministrator, name: 'Helpdesk Administrator' },
      ],
      durationDays: 60,
      autoExtend: true,
      agreement: { version: '2024-01', acceptedByTenant: false },
    });
    expect(page.body.agreement.url).toMatch(/^https:\/\//);
    expect(page.text).not.toContain(link.code);

    const accepted = await accept(api, customer, link);
    expect(accepted.status).toBe(200);
    const relationship = accepted.body;
    expect(relationship).toMatchObject({
      customerTenantId: customer.tenantId,
      status: 'active',
      partnerTypes: ['gdap'],
      partner: { id: partner.id, name: partner.name, contactEmail: partner.contactEmail },
      agreement: { version: '2024-01', accepted: true },
      mpsaSharing: { enabled: false },
    });
    expect(relationship.roleGrants).toHaveLength(2);
    const acceptedAt = Date.parse(relationship.roleGrants[0].grantedAt);
    for (const grant of relationship.roleGrants) {
      expect(grant).toMatchObject({ partnerType: 'gdap', invitationId: link.invitationId, status: 'active', autoExtend: true });
      expect(Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)).toBe(60 * 86_400_000);
    }
    expect(relationship.roleGrants.map((g: { roleName: string }) => g.roleName).sort()).toEqual([
      'Helpdesk Administrator',
      'User Administrator',
    ]);
    expect(relationship.history).toEqual([
      expect.objectContaining({ event: 'invitationAccepted', invitationId: link.invitationId, partnerType: 'gdap' }),
    ]);

    // Customer side: list (its copy, kept by the change feed) and details.
    await settled(api.stack);
    const list = await api.get('/customer/partner-relationships', customer.token);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: relationship.id, partner: { id: partner.id } });
    expect(list.body.continuationToken).toBeNull();
    const details = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(details.status).toBe(200);
    expect(details.body).toEqual(relationship);
    expect(details.headers.get('etag')).toBeTruthy();

    // Partner side: customers list and details, and the invitation marked accepted.
    const customers = await api.get('/partner/customers', partner.token);
    expect(customers.body.items).toHaveLength(1);
    expect(customers.body.items[0]).toMatchObject({
      customerTenantId: customer.tenantId,
      partnerId: partner.id,
      partnerTypes: ['gdap'],
    });
    const one = await api.get(`/partner/customers/${customer.tenantId}`, partner.token);
    expect(one.status).toBe(200);
    expect(one.body.roleGrants).toEqual(relationship.roleGrants);
    expect(one.body.agreement).toMatchObject({ accepted: true });
    const invitation = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
    expect(invitation.body).toMatchObject({
      status: 'accepted',
      acceptedBy: { tenantId: customer.tenantId },
      relationshipId: relationship.id,
    });
    expect(Date.parse(invitation.body.acceptedAt)).toBe(acceptedAt);

    // The acceptance callback to the partner's contact email.
    const notice = await waitFor(async () => {
      const list = await api.emails(partner.contactEmail);
      return list.find((e) => e.subject.includes('accepted'));
    }, 'acceptance email');
    expect(notice.text).toContain(customer.tenantId);
    expect(notice.text).toContain('User Administrator');
    expect(notice.text).toContain('GDAP access ends');
    expect((await api.emails(partner.contactEmail)).filter((e) => e.subject.includes('accepted'))).toHaveLength(1);

    // The relationship job (queued with the acceptance) replays harmlessly: still one set of grants.
    await waitFor(
      async () => (await api.get(`/customer/partner-relationships/${partner.id}`, customer.token)).status === 200,
      'relationship',
    );
    const after = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(after.body.roleGrants).toHaveLength(2);
  });
});

describe('invitations: role policy on create', () => {
  const cases: [string, Record<string, unknown>, number, string | undefined][] = [
    ['advisor without roles', { partnerType: 'advisor' }, 202, undefined],
    ['advisor with roles', { partnerType: 'advisor', roles: [ROLE.helpdeskAdministrator] }, 400, 'roles-not-allowed'],
    ['isv without roles', { partnerType: 'isv' }, 202, undefined],
    ['isv with roles', { partnerType: 'isv', roles: [ROLE.userAdministrator] }, 400, 'roles-not-allowed'],
    [
      'indirectReseller with roles',
      { partnerType: 'indirectReseller', roles: [ROLE.userAdministrator] },
      400,
      'roles-not-allowed',
    ],
    ['mpsa with roles', { partnerType: 'mpsa', roles: [ROLE.userAdministrator] }, 400, 'roles-not-allowed'],
    ['oem with roles', { partnerType: 'oem', roles: [ROLE.userAdministrator] }, 400, 'roles-not-allowed'],
    ['reseller with roles', { partnerType: 'reseller', roles: [ROLE.userAdministrator] }, 400, 'roles-not-allowed'],
    ['reseller with a duration', { partnerType: 'reseller', durationDays: 30 }, 400, 'duration-not-allowed'],
    ['lineOfBusiness without roles', { partnerType: 'lineOfBusiness' }, 202, undefined],
    [
      'lineOfBusiness with roles',
      { partnerType: 'lineOfBusiness', roles: [ROLE.userAdministrator] },
      400,
      'roles-not-assignable',
    ],
    ['userAccount without roles', { partnerType: 'userAccount' }, 400, 'roles-required'],
    [
      'userAccount with an unknown role',
      { partnerType: 'userAccount', roles: ['00000000-0000-0000-0000-000000000000'] },
      400,
      'unknown-role',
    ],
    [
      'userAccount with a non-GDAP role',
      { partnerType: 'userAccount', roles: [ROLE.directorySynchronizationAccounts] },
      202,
      undefined,
    ],
    [
      'userAccount with Authentication Policy Administrator',
      { partnerType: 'userAccount', roles: [ROLE.authenticationPolicyAdministrator] },
      202,
      undefined,
    ],
    [
      'gdap with Directory Writers (in the default GDAP set)',
      { partnerType: 'gdap', roles: [ROLE.directoryWriters], durationDays: 30 },
      202,
      undefined,
    ],
    [
      'userAccount with auto-extend',
      { partnerType: 'userAccount', roles: [ROLE.userAdministrator], autoExtend: true },
      400,
      'auto-extend-not-allowed',
    ],
    ['gdap without roles', { partnerType: 'gdap', durationDays: 30 }, 400, 'roles-required'],
    [
      'gdap with a non-GDAP role',
      { partnerType: 'gdap', roles: [ROLE.directorySynchronizationAccounts], durationDays: 30 },
      400,
      'role-not-allowed-for-gdap',
    ],
    ['gdap without a duration', { partnerType: 'gdap', roles: [ROLE.userAdministrator] }, 400, 'duration-required'],
    [
      'gdap for 731 days',
      { partnerType: 'gdap', roles: [ROLE.userAdministrator], durationDays: 731 },
      400,
      'duration-out-of-range',
    ],
    ['gdap for 0 days', { partnerType: 'gdap', roles: [ROLE.userAdministrator], durationDays: 0 }, 400, 'duration-out-of-range'],
    ['gdap for 730 days', { partnerType: 'gdap', roles: [ROLE.userAdministrator], durationDays: 730 }, 202, undefined],
    [
      'gdap auto-extending Global Administrator',
      { partnerType: 'gdap', roles: [ROLE.globalAdministrator], durationDays: 30, autoExtend: true },
      400,
      'auto-extend-not-allowed',
    ],
    [
      'gdap with Global Administrator, no auto-extend',
      { partnerType: 'gdap', roles: [ROLE.globalAdministrator], durationDays: 30 },
      202,
      undefined,
    ],
    [
      'gdap with a duplicate role',
      { partnerType: 'gdap', roles: [ROLE.userAdministrator, ROLE.userAdministrator], durationDays: 30 },
      400,
      'duplicate-roles',
    ],
    ['an unknown partner type', { partnerType: 'friend' }, 400, 'validation-failed'],
  ];

  const titled = cases.map(
    ([label, body, status, code]) => [`${label} → ${status}${code ? ` ${code}` : ''}`, body, status, code] as const,
  );
  it.each(titled)('%s', async (_title, body, status, code) => {
    const partner = await api.createPartner();
    const response = await invite(api, partner, { customerEmail: uniqueEmail('policy'), ...body });
    expect(response.status).toBe(status);
    if (status === 400) {
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe(code);
      expect(response.body.detail.length).toBeGreaterThan(10);
      // Nothing stored for a refused request.
      expect((await api.get('/partner/invitations', partner.token)).body.items).toHaveLength(0);
    } else {
      expect(response.body.status).toBe('pending');
    }
  });

  it('grants advisor its fixed roles (Global Administrator + Helpdesk Administrator) on acceptance', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link, invitation } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'advisor' });
    expect(invitation.roles.map((r: { name: string }) => r.name)).toEqual(['Global Administrator', 'Helpdesk Administrator']);
    const accepted = await accept(api, customer, link);
    expect(accepted.status).toBe(200);
    expect(accepted.body.roleGrants.map((g: { roleName: string }) => g.roleName)).toEqual([
      'Global Administrator',
      'Helpdesk Administrator',
    ]);
    expect(accepted.body.roleGrants.every((g: { expiresAt?: string }) => g.expiresAt === undefined)).toBe(true);
  });

  it('validates the other fields (email, message length, unknown fields)', async () => {
    const partner = await api.createPartner();
    const bad = await invite(api, partner, {
      customerEmail: 'nope',
      partnerType: 'reseller',
      message: 'x'.repeat(1001),
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(expect.arrayContaining(['customerEmail', 'message']));
  });
});

describe('invitations: who may do what', () => {
  it('needs a partner with Partner.AdminAgent (403 otherwise) and a registered profile', async () => {
    const partner = await api.createPartner();
    const body = { customerEmail: uniqueEmail(), partnerType: 'reseller' };
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent']);
    const noRole = await api.call('POST', '/partner/invitations', { token: sales, body });
    expect(noRole.status).toBe(403);
    expect(noRole.body.code).toBe('partner-role-required');
    expect((await api.get('/partner/invitations', sales)).status).toBe(403);
    expect((await api.get('/partner/customers', sales)).status).toBe(403);
    const unregistered = await api.partnerToken('00000000-1111-2222-3333-444444444444');
    const noProfile = await api.call('POST', '/partner/invitations', { token: unregistered, body });
    expect(noProfile.status).toBe(403);
    expect(noProfile.body.code).toBe('partner-profile-required');
    expect((await api.call('POST', '/partner/invitations', { body })).status).toBe(401);
  });

  it('needs a Billing or Global Administrator on the customer side (403 otherwise)', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api, 'global');
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const reader = await api.customerAdminToken(customer.tenantId, ['f2ef992c-3afb-46b9-b7cf-a126ee74c451']);
    for (const response of [
      await review(api, { token: reader }, link),
      await accept(api, { token: reader }, link),
      await decline(api, { token: reader }, link),
      await api.get('/customer/partner-relationships', reader),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('customer-admin-required');
    }
    // Nothing changed; the Global Administrator can accept.
    expect((await accept(api, customer, link)).status).toBe(200);
  });

  it('answers 404 for a wrong code, and for another tenant when the invitation names its tenant', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const stranger = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      customerTenantId: customer.tenantId,
      partnerType: 'reseller',
    });
    const wrong = { ...link, code: `${link.code.slice(0, -2)}xx` };
    for (const response of [
      await review(api, customer, wrong),
      await accept(api, customer, wrong),
      await decline(api, customer, wrong),
      await review(api, customer, { ...link, code: 'short' }),
      await review(api, customer, { invitationId: 'inv_doesnotexist', code: link.code }),
      await review(api, stranger, link),
      await accept(api, stranger, link),
      await decline(api, stranger, link),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not-found');
    }
    expect((await review(api, customer, link)).status).toBe(200);
    expect((await api.get(`/partner/invitations/${link.invitationId}`, partner.token)).body.status).toBe('pending');
  });

  it("hides one partner's invitations and customers from another partner (404), and changes nothing", async () => {
    const owner = await api.createPartner();
    const other = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, owner, { customerEmail: customer.email, partnerType: 'reseller' });
    expect((await api.get(`/partner/invitations/${link.invitationId}`, other.token)).status).toBe(404);
    expect((await api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, { token: other.token })).status).toBe(404);
    expect((await api.call('POST', `/partner/invitations/${link.invitationId}/resend`, { token: other.token })).status).toBe(404);
    expect((await accept(api, customer, link)).status).toBe(200);
    expect((await api.get(`/partner/customers/${customer.tenantId}`, other.token)).status).toBe(404);
    expect((await api.get('/partner/customers', other.token)).body.items).toHaveLength(0);
    expect((await api.get('/partner/invitations', other.token)).body.items).toHaveLength(0);
    // And one customer does not see another's relationships.
    const stranger = await newCustomer(api);
    expect((await api.get(`/customer/partner-relationships/${owner.id}`, stranger.token)).status).toBe(404);
    expect((await api.get('/customer/partner-relationships', stranger.token)).body.items).toHaveLength(0);
  });

  it('refuses a partner inviting its own tenant (400) or accepting its own invitation (403)', async () => {
    const partner = await api.createPartner();
    const own = await invite(api, partner, {
      customerEmail: uniqueEmail('self'),
      customerTenantId: partner.tenantId,
      partnerType: 'reseller',
    });
    expect(own.status).toBe(400);
    expect(own.body.code).toBe('self-invitation');
    const { link } = await inviteAndReceive(api, partner, { customerEmail: uniqueEmail('self'), partnerType: 'reseller' });
    const selfAdmin = { token: await api.customerAdminToken(partner.tenantId) };
    const refused = await accept(api, selfAdmin, link);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('self-invitation');
    expect((await api.get(`/partner/invitations/${link.invitationId}`, partner.token)).body.status).toBe('pending');
  });

  it('binds an invitation without a named tenant to the tenant that accepted it', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const stranger = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    expect((await accept(api, customer, link)).status).toBe(200);
    // The same link now answers 409 to its tenant and 404 to anyone else.
    expect((await review(api, customer, link)).status).toBe(409);
    expect((await review(api, stranger, link)).status).toBe(404);
    expect((await accept(api, stranger, link)).status).toBe(404);
  });
});

describe('invitations: single use, resend, revoke, decline', () => {
  it('is single use: a retried accept answers the same relationship and grants nothing more; other answers get 409', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      partnerType: 'userAccount',
      roles: [ROLE.licenseAdministrator],
    });
    const first = await accept(api, customer, link);
    expect(first.status).toBe(200);
    const again = await accept(api, customer, link);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.roleGrants).toEqual(first.body.roleGrants);
    const declined = await decline(api, customer, link);
    expect(declined.status).toBe(409);
    const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(relationship.body.roleGrants).toHaveLength(1);
    const revoke = await api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, { token: partner.token });
    expect(revoke.status).toBe(409);
    expect(revoke.body.code).toBe('invitation-accepted');
  });

  it('resend: a new code in exactly one new email; the old code dies at once', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link: first } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const resent = await api.call('POST', `/partner/invitations/${first.invitationId}/resend`, { token: partner.token });
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ status: 'pending', emailStatus: 'queued', resendCount: 1 });
    expect(resent.text).not.toContain(first.code);
    expect((await review(api, customer, first)).status).toBe(404);

    const { link: second, all } = await waitForInvitationEmail(api, customer.email, 2);
    expect(second.invitationId).toBe(first.invitationId);
    expect(second.code).not.toBe(first.code);
    expect((await accept(api, customer, first)).status).toBe(404);
    expect((await review(api, customer, second)).status).toBe(200);

    await waitFor(
      async () => (await api.get(`/partner/invitations/${first.invitationId}`, partner.token)).body.emailStatus === 'sent',
      'sent',
    );
    expect(all).toHaveLength(2);
    expect(await api.emails(customer.email)).toHaveLength(2);
    expect((await accept(api, customer, second)).status).toBe(200);
  });

  it('revoke: the partner withdraws a pending invitation; the link then answers 409 invitation-revoked', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const current = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
    const stale = await api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, {
      token: partner.token,
      headers: { 'if-match': '"not-the-etag"' },
    });
    expect(stale.status).toBe(412);
    const revoked = await api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, {
      token: partner.token,
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(revoked.status === 200 || revoked.status === 412).toBe(true); // 412 only if the email status was recorded meanwhile
    if (revoked.status === 412) {
      expect((await api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, { token: partner.token })).status).toBe(
        200,
      );
    }
    const after = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
    expect(after.body).toMatchObject({ status: 'revoked' });
    expect(after.body.revokedAt).toBeTruthy();
    const opened = await review(api, customer, link);
    expect(opened.status).toBe(409);
    expect(opened.body.code).toBe('invitation-revoked');
    expect((await accept(api, customer, link)).body.code).toBe('invitation-revoked');
    expect((await api.call('POST', `/partner/invitations/${link.invitationId}/resend`, { token: partner.token })).status).toBe(
      409,
    );
    expect(
      (await api.get('/partner/invitations?status=revoked', partner.token)).body.items.map((i: { id: string }) => i.id),
    ).toEqual([link.invitationId]);
  });

  it('decline: nothing is granted, the partner is emailed, the link is dead', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      partnerType: 'advisor',
    });
    const declined = await decline(api, customer, link);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ id: link.invitationId, status: 'declined', partner: { id: partner.id } });
    expect(declined.body.declinedAt).toBeTruthy();
    expect((await accept(api, customer, link)).body.code).toBe('invitation-declined');
    expect((await api.get(`/customer/partner-relationships/${partner.id}`, customer.token)).status).toBe(404);
    expect((await api.get('/partner/customers', partner.token)).body.items).toHaveLength(0);
    expect((await api.get(`/partner/invitations/${link.invitationId}`, partner.token)).body.status).toBe('declined');
    const notice = await waitFor(
      async () => (await api.emails(partner.contactEmail)).find((e) => e.subject.includes('declined')),
      'decline email',
    );
    expect(notice.text).toContain(link.invitationId);
    expect(notice.text).toContain('Advisor');
  });

  it('lists invitations newest first, filtered by status, paged', async () => {
    const partner = await api.createPartner();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await invite(api, partner, { customerEmail: uniqueEmail('list'), partnerType: 'reseller' })).body.id);
    }
    await api.call('POST', `/partner/invitations/${ids[1]}/revoke`, { token: partner.token });
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; continuationToken: string | null } } = await api.get(
        `/partner/invitations?pageSize=3${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
        partner.token,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => i.id));
      token = page.body.continuationToken;
    } while (token);
    expect(seen).toEqual([...ids].reverse());
    const pending = await api.get('/partner/invitations?status=pending', partner.token);
    expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([ids[3], ids[2], ids[0]]);
    expect((await api.get('/partner/invitations?status=bogus', partner.token)).status).toBe(400);
  });

  it('replays an accept retried with the same Idempotency-Key (200, same relationship) instead of answering 409', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const send = () =>
      api.call('POST', `/customer/invitations/${link.invitationId}/accept`, {
        token: customer.token,
        body: { code: link.code, acceptAgreement: true },
        headers: { 'idempotency-key': `accept-${link.invitationId}` },
      });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    // Without the key, the accepting tenant's retry still answers the same relationship; another tenant's is a 404
    // (the accepted invitation is bound to the tenant that accepted it).
    const again = await accept(api, customer, link);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await accept(api, await newCustomer(api), link)).status).toBe(404);
  });

  it('honours Idempotency-Key on create: one invitation, one email', async () => {
    const partner = await api.createPartner();
    const body = { customerEmail: uniqueEmail('idem'), partnerType: 'reseller' };
    const headers = { 'idempotency-key': `inv-${Date.now()}` };
    const first = await invite(api, partner, body, headers);
    const replay = await invite(api, partner, body, headers);
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await waitForInvitationEmail(api, body.customerEmail);
    expect((await api.get('/partner/invitations', partner.token)).body.items).toHaveLength(1);
    expect(await api.emails(body.customerEmail)).toHaveLength(1);
  });
});

describe('invitations: the Customer Agreement and the one relationship', () => {
  it('requires acceptAgreement until the tenant accepted the current version (400, nothing changes); then not again', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const refused = await accept(api, customer, link, false);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('agreement-required');
    expect(refused.body.detail).toContain('2024-01');
    expect((await api.get(`/partner/invitations/${link.invitationId}`, partner.token)).body.status).toBe('pending');
    expect((await api.get(`/customer/partner-relationships/${partner.id}`, customer.token)).status).toBe(404);
    expect((await review(api, customer, link)).body.agreement.acceptedByTenant).toBe(false);

    const accepted = await accept(api, customer, link, true);
    expect(accepted.status).toBe(200);
    expect(accepted.body.agreement).toMatchObject({ version: '2024-01', accepted: true });
    expect(accepted.body.agreement.acceptedAt).toBeTruthy();

    // A second partner's invitation: the tenant already accepted this version, so no tick is needed.
    const second = await api.createPartner();
    const { link: link2 } = await inviteAndReceive(api, second, { customerEmail: customer.email, partnerType: 'isv' });
    expect((await review(api, customer, link2)).body.agreement.acceptedByTenant).toBe(true);
    const again = await accept(api, customer, link2, false);
    expect(again.status).toBe(200);
    expect(again.body.agreement.acceptedAt).toBe(accepted.body.agreement.acceptedAt);
    await settled(api.stack);
    const list = await api.get('/customer/partner-relationships', customer.token);
    expect(list.body.items.map((r: { partner: { id: string } }) => r.partner.id).sort()).toEqual([partner.id, second.id].sort());
  });

  it('accumulates types in one relationship (reseller, then gdap); GDAP grants end at acceptance + durationDays', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link: reseller } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const first = await accept(api, customer, reseller);
    expect(first.body).toMatchObject({ partnerTypes: ['reseller'], roleGrants: [] });

    const gdapEmail = uniqueEmail('gdap');
    const { link: gdap } = await inviteAndReceive(api, partner, {
      customerEmail: gdapEmail,
      customerTenantId: customer.tenantId,
      partnerType: 'gdap',
      roles: [ROLE.userAdministrator],
      durationDays: 45,
    });
    const second = await accept(api, customer, gdap, false);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.partnerTypes).toEqual(['reseller', 'gdap']);
    expect(second.body.createdAt).toBe(first.body.createdAt);
    const [grant] = second.body.roleGrants;
    expect(second.body.roleGrants).toHaveLength(1);
    expect(grant).toMatchObject({
      roleId: ROLE.userAdministrator,
      roleName: 'User Administrator',
      partnerType: 'gdap',
      autoExtend: false,
    });
    expect(Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)).toBe(45 * 86_400_000);
    const invitation = await api.get(`/partner/invitations/${gdap.invitationId}`, partner.token);
    expect(grant.grantedAt).toBe(invitation.body.acceptedAt);
    expect(second.body.history.map((h: { partnerType: string }) => h.partnerType)).toEqual(['reseller', 'gdap']);

    const customers = await api.get('/partner/customers', partner.token);
    expect(customers.body.items).toHaveLength(1);
    expect(customers.body.items[0].partnerTypes).toEqual(['reseller', 'gdap']);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = await api.get('/openapi.json');
    for (const path of [
      '/partner/invitations',
      '/partner/invitations/{invitationId}',
      '/partner/invitations/{invitationId}/resend',
      '/partner/invitations/{invitationId}/revoke',
      '/customer/invitations/{invitationId}',
      '/customer/invitations/{invitationId}/accept',
      '/customer/invitations/{invitationId}/decline',
      '/customer/partner-relationships',
      '/customer/partner-relationships/{partnerId}',
      '/partner/customers',
      '/partner/customers/{customerTenantId}',
    ]) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    expect(doc.body.components.schemas).toHaveProperty('Invitation');
    expect(doc.body.components.schemas).toHaveProperty('PartnerRelationship');
  });
});
