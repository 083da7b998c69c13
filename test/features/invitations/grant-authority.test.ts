// Who may grant admin roles to a partner: every partner type × the customer's directory role, over HTTP. Granting
// roles (advisor, user account, GDAP) needs Global Administrator, or Privileged Role Administrator when Global
// Administrator is not among the roles; a Billing Administrator reviews anything and accepts only role-less types.
// A refused accept changes nothing: the invitation stays pending and the right admin can still accept it.
import { randomUUID } from 'node:crypto';
import { BILLING_ADMIN, GLOBAL_ADMIN, sharedStack, uniqueEmail } from '../../support/api.js';
import { accept, inviteAndReceive, review, ROLE } from '../../support/invitations.js';

const api = sharedStack();
const PRIVILEGED_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';

const invitationOf: Record<string, Record<string, unknown>> = {
  advisor: { partnerType: 'advisor' },
  isv: { partnerType: 'isv' },
  indirectReseller: { partnerType: 'indirectReseller' },
  lineOfBusiness: { partnerType: 'lineOfBusiness' },
  mpsa: { partnerType: 'mpsa' },
  oem: { partnerType: 'oem' },
  reseller: { partnerType: 'reseller' },
  userAccount: { partnerType: 'userAccount', roles: [ROLE.userAdministrator] },
  userAccountWithGlobalAdmin: { partnerType: 'userAccount', roles: [ROLE.globalAdministrator] },
  gdap: { partnerType: 'gdap', roles: [ROLE.helpdeskAdministrator], durationDays: 730 },
  gdapWithGlobalAdmin: { partnerType: 'gdap', roles: [ROLE.globalAdministrator, ROLE.helpdeskAdministrator], durationDays: 730 },
};

const callers = { billing: [BILLING_ADMIN], global: [GLOBAL_ADMIN], privilegedRole: [BILLING_ADMIN, PRIVILEGED_ROLE_ADMIN] };

/** Expected answer of accept, per invitation kind and caller. */
const expected: Record<string, Record<keyof typeof callers, 200 | 403>> = {
  advisor: { billing: 403, global: 200, privilegedRole: 403 },
  isv: { billing: 200, global: 200, privilegedRole: 200 },
  indirectReseller: { billing: 200, global: 200, privilegedRole: 200 },
  lineOfBusiness: { billing: 200, global: 200, privilegedRole: 200 },
  mpsa: { billing: 200, global: 200, privilegedRole: 200 },
  oem: { billing: 200, global: 200, privilegedRole: 200 },
  reseller: { billing: 200, global: 200, privilegedRole: 200 },
  userAccount: { billing: 403, global: 200, privilegedRole: 200 },
  userAccountWithGlobalAdmin: { billing: 403, global: 200, privilegedRole: 403 },
  gdap: { billing: 403, global: 200, privilegedRole: 200 },
  gdapWithGlobalAdmin: { billing: 403, global: 200, privilegedRole: 403 },
};

const cases = Object.entries(expected).flatMap(([kind, byCaller]) =>
  Object.entries(byCaller).map(([caller, status]) => ({ kind, caller: caller as keyof typeof callers, status })),
);

describe('who may accept an invitation that grants admin roles', () => {
  it.each(cases)('$kind accepted by a $caller admin → $status', async ({ kind, caller, status }) => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('grant');
    const { link } = await inviteAndReceive(api, partner, { customerEmail, ...invitationOf[kind] });
    const token = await api.customerAdminToken(randomUUID(), callers[caller]);

    const page = await review(api, { token }, link);
    expect(page.status).toBe(200);
    expect(page.body.acceptance.callerMayAccept).toBe(status === 200);

    const answer = await accept(api, { token }, link);
    expect(answer.status).toBe(status);
    if (status === 403) {
      expect(answer.body.code).toBe('role-required-to-grant');
      expect(answer.body.detail).toMatch(/Global Administrator/);
      // Nothing changed: still pending, and a Global Administrator of another tenant can still accept it.
      const after = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
      expect(after.body.status).toBe('pending');
      expect((await accept(api, { token: await api.customerAdminToken(randomUUID(), [GLOBAL_ADMIN]) }, link)).status).toBe(200);
    } else {
      expect(answer.body.partnerTypes).toContain(invitationOf[kind]!.partnerType);
    }
  });

  it('the accept page names the roles that may accept', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('grant');
    const { link } = await inviteAndReceive(api, partner, { customerEmail, ...invitationOf.gdapWithGlobalAdmin });
    const page = await review(api, { token: await api.customerAdminToken(randomUUID(), [BILLING_ADMIN]) }, link);
    expect(page.body.acceptance).toEqual({
      rolesAllowed: [{ id: GLOBAL_ADMIN, name: 'Global Administrator' }],
      callerMayAccept: false,
    });
    const gdap = await inviteAndReceive(api, partner, { customerEmail: uniqueEmail('grant'), ...invitationOf.gdap });
    const gdapPage = await review(api, { token: await api.customerAdminToken(randomUUID(), [BILLING_ADMIN]) }, gdap.link);
    expect(gdapPage.body.acceptance.rolesAllowed.map((r: { name: string }) => r.name)).toEqual([
      'Global Administrator',
      'Privileged Role Administrator',
    ]);
  });
});
