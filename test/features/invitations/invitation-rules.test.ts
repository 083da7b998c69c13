// Unit rules of invitations: the role policy of each partner type and the invitation state transitions.
import { ValidationError } from '../../../shared/platform/core/errors.js';
import {
  acceptTransition,
  codeMatches,
  declineTransition,
  effectiveStatus,
  emailFailedTransition,
  emailSentTransition,
  expireTransition,
  hashCode,
  newInvitation,
  resendTransition,
  resolveRolePolicy,
  revokeTransition,
  visibleToTenant,
  type Invitation,
  type ResolvedInvitationInput,
} from '../../../shared/features/invitations/invitation.js';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const DIRECTORY_WRITERS = '9360feb5-f418-4baa-8175-e2a00bac4301'; // in Microsoft's default GDAP set
// In the catalog, reserved to the Microsoft Entra Connect service: not GDAP-allowed.
const DIRECTORY_SYNC = 'd29b2b05-8046-44ba-8758-1e26182fcf32';
const UNKNOWN = '00000000-0000-0000-0000-000000000001';

type PolicyInput = Parameters<typeof resolveRolePolicy>[0];

function policyError(input: PolicyInput): ValidationError {
  try {
    resolveRolePolicy(input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('role policy per partner type', () => {
  it('advisor grants the fixed Global Administrator + Helpdesk Administrator and refuses requested roles', () => {
    expect(resolveRolePolicy({ partnerType: 'advisor' })).toEqual({ roles: [GA, HELPDESK] });
    expect(resolveRolePolicy({ partnerType: 'advisor', roles: [] })).toEqual({ roles: [GA, HELPDESK] });
    const error = policyError({ partnerType: 'advisor', roles: [HELPDESK] });
    expect(error.code).toBe('roles-not-allowed');
    expect(error.detail).toContain('Global Administrator and Helpdesk Administrator');
    expect(error.errors).toHaveProperty('roles');
  });

  it.each(['isv', 'indirectReseller', 'mpsa', 'oem', 'reseller'] as const)(
    '%s grants no roles and refuses any',
    (partnerType) => {
      expect(resolveRolePolicy({ partnerType })).toEqual({ roles: [] });
      expect(resolveRolePolicy({ partnerType, roles: [] })).toEqual({ roles: [] });
      expect(policyError({ partnerType, roles: [USER_ADMIN] }).code).toBe('roles-not-allowed');
    },
  );

  it('lineOfBusiness refuses roles as "not available for assignment"', () => {
    expect(resolveRolePolicy({ partnerType: 'lineOfBusiness' })).toEqual({ roles: [] });
    const error = policyError({ partnerType: 'lineOfBusiness', roles: [USER_ADMIN] });
    expect(error.code).toBe('roles-not-assignable');
    expect(error.detail).toContain('not available for assignment');
  });

  it('userAccount needs at least one catalog role, any of them (GDAP-disallowed ones too)', () => {
    expect(policyError({ partnerType: 'userAccount' }).code).toBe('roles-required');
    expect(policyError({ partnerType: 'userAccount', roles: [] }).code).toBe('roles-required');
    expect(policyError({ partnerType: 'userAccount', roles: [UNKNOWN] }).code).toBe('unknown-role');
    expect(resolveRolePolicy({ partnerType: 'userAccount', roles: [DIRECTORY_WRITERS, GA.toUpperCase()] })).toEqual({
      roles: [DIRECTORY_WRITERS, GA],
    });
  });

  it('gdap needs GDAP-allowed catalog roles and 1–730 days; auto-extend is refused with Global Administrator', () => {
    expect(resolveRolePolicy({ partnerType: 'gdap', roles: [USER_ADMIN], durationDays: 730 })).toEqual({
      roles: [USER_ADMIN],
      durationDays: 730,
      autoExtend: false,
    });
    expect(resolveRolePolicy({ partnerType: 'gdap', roles: [GA], durationDays: 1 })).toMatchObject({ durationDays: 1 });
    expect(resolveRolePolicy({ partnerType: 'gdap', roles: [USER_ADMIN], durationDays: 90, autoExtend: true })).toMatchObject({
      autoExtend: true,
    });
    const cases: [PolicyInput, string][] = [
      [{ partnerType: 'gdap', durationDays: 30 }, 'roles-required'],
      [{ partnerType: 'gdap', roles: [UNKNOWN], durationDays: 30 }, 'unknown-role'],
      [{ partnerType: 'gdap', roles: [DIRECTORY_SYNC], durationDays: 30 }, 'role-not-allowed-for-gdap'],
      [{ partnerType: 'gdap', roles: [USER_ADMIN] }, 'duration-required'],
      [{ partnerType: 'gdap', roles: [USER_ADMIN], durationDays: 0 }, 'duration-out-of-range'],
      [{ partnerType: 'gdap', roles: [USER_ADMIN], durationDays: 731 }, 'duration-out-of-range'],
      [{ partnerType: 'gdap', roles: [GA, USER_ADMIN], durationDays: 30, autoExtend: true }, 'auto-extend-not-allowed'],
      [{ partnerType: 'gdap', roles: [USER_ADMIN, USER_ADMIN.toUpperCase()], durationDays: 30 }, 'duplicate-roles'],
    ];
    for (const [input, code] of cases) expect([input, policyError(input).code]).toEqual([input, code]);
    expect(policyError({ partnerType: 'gdap', roles: [DIRECTORY_SYNC], durationDays: 30 }).detail).toContain(
      'Directory Synchronization Accounts',
    );
    expect(resolveRolePolicy({ partnerType: 'gdap', roles: [DIRECTORY_WRITERS], durationDays: 30 }).roles).toEqual([
      DIRECTORY_WRITERS,
    ]);
  });

  it('refuses durationDays and autoExtend on every type but gdap', () => {
    expect(policyError({ partnerType: 'reseller', durationDays: 30 }).code).toBe('duration-not-allowed');
    expect(policyError({ partnerType: 'userAccount', roles: [USER_ADMIN], autoExtend: false }).code).toBe(
      'auto-extend-not-allowed',
    );
    expect(policyError({ partnerType: 'advisor', durationDays: 5 }).code).toBe('duration-not-allowed');
  });
});

const created = new Date('2026-01-10T08:00:00.000Z');
const input: ResolvedInvitationInput = {
  customerEmail: 'admin@contoso.test',
  partnerType: 'gdap',
  roles: [USER_ADMIN],
  durationDays: 30,
};

function pending(overrides: Partial<Invitation> = {}): Invitation {
  return {
    ...newInvitation({
      id: 'inv_1',
      partnerId: 'ptn_1',
      partnerTenantId: 'partner-tenant',
      input,
      policy: resolveRolePolicy(input),
      codeHash: hashCode('the-code'),
      now: created,
      requestLocale: 'en',
    }),
    ...overrides,
  };
}

const later = (days: number) => new Date(created.getTime() + days * 86_400_000);
const customer = { tenantId: 'customer-tenant', userId: 'user-1' };

describe('invitation transitions', () => {
  it('creates a pending invitation valid for 90 days, with generation 1 and only the code hash', () => {
    const invitation = pending();
    expect(invitation).toMatchObject({
      status: 'pending',
      emailStatus: 'queued',
      codeGeneration: 1,
      roles: [USER_ADMIN],
      durationDays: 30,
    });
    expect(invitation.expiresAt).toBe('2026-04-10T08:00:00.000Z');
    expect(JSON.stringify(invitation)).not.toContain('the-code');
    expect(codeMatches(invitation, 'the-code')).toBe(true);
    expect(codeMatches(invitation, 'the-cod')).toBe(false);
    expect(codeMatches(invitation, '')).toBe(false);
  });

  it('moves pending → accepted / declined / revoked / expired, and nothing moves out of an answer', () => {
    const accepted = acceptTransition(pending(), {
      now: later(1),
      by: customer,
      acceptAgreementVersion: '2024-01',
      relationshipId: 'rel_1',
    });
    expect(accepted).toMatchObject({
      status: 'accepted',
      acceptedAt: later(1).toISOString(),
      acceptedBy: customer,
      customerTenantId: 'customer-tenant',
      relationshipId: 'rel_1',
      agreementAccepted: { version: '2024-01', userId: 'user-1' },
    });
    const declined = declineTransition(pending(), { now: later(1), by: customer });
    expect(declined).toMatchObject({ status: 'declined', declinedAt: later(1).toISOString() });
    const revoked = revokeTransition(pending(), later(2));
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: later(2).toISOString() });
    const expired = expireTransition(pending(), later(90));
    expect(expired).toMatchObject({ status: 'expired', expiredAt: later(90).toISOString() });

    for (const answered of [accepted, declined, revoked, expired!]) {
      const code = `invitation-${answered.status}`;
      expect(() => acceptTransition(answered, { now: later(3), by: customer, relationshipId: 'rel_1' })).toThrow(
        expect.objectContaining({ status: 409, code }),
      );
      expect(() => declineTransition(answered, { now: later(3), by: customer })).toThrow(expect.objectContaining({ code }));
      expect(() => revokeTransition(answered, later(3))).toThrow(expect.objectContaining({ code }));
      expect(() => resendTransition(answered, { now: later(3), codeHash: hashCode('x') })).toThrow(
        expect.objectContaining({ code }),
      );
      expect(expireTransition(answered, later(200))).toBeUndefined();
    }
  });

  it('treats a pending invitation past its 90 days as expired before the timer marks it', () => {
    const invitation = pending();
    expect(effectiveStatus(invitation, later(89.9))).toBe('pending');
    expect(effectiveStatus(invitation, later(90))).toBe('expired');
    expect(expireTransition(invitation, later(89.9))).toBeUndefined();
    expect(() => acceptTransition(invitation, { now: later(90), by: customer, relationshipId: 'r' })).toThrow(
      expect.objectContaining({ code: 'invitation-expired' }),
    );
  });

  it('resend: new code hash, next generation, email queued again, same expiry (a resend does not extend)', () => {
    const sent = emailSentTransition(pending(), 1, later(0).toISOString())!;
    const resent = resendTransition(sent, { now: later(10), codeHash: hashCode('new-code') });
    expect(resent).toMatchObject({ codeGeneration: 2, emailStatus: 'queued', expiresAt: sent.expiresAt });
    expect(resent.emailSentAt).toBeUndefined();
    expect(codeMatches(resent, 'the-code')).toBe(false);
    expect(codeMatches(resent, 'new-code')).toBe(true);
  });

  it('records email delivery only for the current generation, and failure only while queued', () => {
    const invitation = pending({ codeGeneration: 2 });
    expect(emailSentTransition(invitation, 1, 'x')).toBeUndefined();
    expect(emailFailedTransition(invitation, 1, 'x')).toBeUndefined();
    const sent = emailSentTransition(invitation, 2, '2026-01-10T09:00:00.000Z')!;
    expect(sent).toMatchObject({ emailStatus: 'sent', emailSentAt: '2026-01-10T09:00:00.000Z' });
    expect(emailSentTransition(sent, 2, 'y')).toBeUndefined();
    expect(emailFailedTransition(sent, 2, 'y')).toBeUndefined();
    expect(emailFailedTransition(invitation, 2, 'z')).toMatchObject({ emailStatus: 'failed' });
    // Sending is recorded even after the customer answered: the email did go out.
    const accepted = acceptTransition(invitation, { now: later(1), by: customer, relationshipId: 'r' });
    expect(emailSentTransition(accepted, 2, 'w')).toMatchObject({ status: 'accepted', emailStatus: 'sent' });
  });

  it('shows an invitation only to the tenant it names, or once answered, to the tenant that answered', () => {
    expect(visibleToTenant(pending(), 'anyone')).toBe(true);
    const named = pending({ customerTenantId: 'customer-tenant' });
    expect(visibleToTenant(named, 'CUSTOMER-TENANT')).toBe(true);
    expect(visibleToTenant(named, 'other')).toBe(false);
    const declined = declineTransition(pending(), { now: later(1), by: customer });
    expect(visibleToTenant(declined, 'customer-tenant')).toBe(true);
    expect(visibleToTenant(declined, 'other')).toBe(false);
  });
});
