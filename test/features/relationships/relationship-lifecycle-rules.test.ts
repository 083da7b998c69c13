// Unit rules of the relationship lifecycle: remove admin roles, terminate, and the GDAP timer (expiry, 180-day
// auto-extension, the 30/7/1-day notice schedule) with the derived next check time.
import { addDays } from '../../../shared/platform/core/clock.js';
import {
  activePartnerTypes,
  activeRoleGrants,
  applyAcceptedInvitation,
  effectiveGrantStatus,
  type AcceptedInvitationFacts,
  type Relationship,
} from '../../../shared/features/relationships/relationship.js';
import {
  dueNotice,
  gdapTimerStep,
  grantChangeKey,
  nextGdapCheckAt,
  removeAdminRoles,
  terminateRelationship,
} from '../../../shared/features/relationships/relationship-lifecycle.js';

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const ACCEPTED = '2026-01-01T00:00:00.000Z';
const t0 = new Date(ACCEPTED);
const at = (days: number, minutes = 0) => new Date(t0.getTime() + days * 86_400_000 + minutes * 60_000);

const facts = (overrides: Partial<AcceptedInvitationFacts>): AcceptedInvitationFacts => ({
  invitationId: 'inv_x',
  partnerId: 'ptn_1',
  partnerTenantId: 'partner-tenant',
  customerTenantId: 'customer-tenant',
  partnerType: 'reseller',
  roles: [],
  acceptedAt: ACCEPTED,
  ...overrides,
});

/** A reseller that also holds GDAP roles (60 days, auto-extend as given). */
function resellerWithGdap(autoExtend = false, durationDays = 60): Relationship {
  const reseller = applyAcceptedInvitation(undefined, facts({ invitationId: 'inv_res' })).relationship;
  return applyAcceptedInvitation(
    reseller,
    facts({ invitationId: 'inv_gdap', partnerType: 'gdap', roles: [USER_ADMIN, HELPDESK], durationDays, autoExtend }),
  ).relationship;
}

/** Runs the timer step at each instant, carrying the relationship along; returns every change. */
function runTimerAt(relationship: Relationship, instants: Date[]) {
  let current = relationship;
  const changes = [];
  for (const now of instants) {
    const step = gdapTimerStep(current, now);
    if (!step) continue;
    current = step.relationship;
    changes.push(...step.changes);
  }
  return { relationship: current, changes };
}

describe('removing admin roles', () => {
  it('ends every grant in force at once and keeps the relationship and its other types', () => {
    const withAdvisor = applyAcceptedInvitation(
      resellerWithGdap(),
      facts({ invitationId: 'inv_adv', partnerType: 'advisor', roles: [GLOBAL_ADMIN, HELPDESK] }),
    ).relationship;
    const now = at(3);
    const removal = removeAdminRoles(withAdvisor, now)!;
    expect(removal.removed).toHaveLength(4);
    expect(removal.relationship.status).toBe('active');
    expect(removal.relationship.roleGrants.every((g) => g.status === 'removed' && g.endedAt === now.toISOString())).toBe(true);
    expect(removal.relationship.partnerTypes).toEqual(['reseller']);
    expect(activeRoleGrants(removal.relationship, now)).toEqual([]);
    expect(removal.relationship.history.at(-1)).toEqual({
      at: now.toISOString(),
      event: 'rolesRemoved',
      grantIds: removal.removed.map((g) => g.id),
    });
  });

  it('has nothing to remove without grants in force (409 no-admin-roles), including grants already past their end', () => {
    const reseller = applyAcceptedInvitation(undefined, facts({})).relationship;
    expect(removeAdminRoles(reseller, at(1))).toBeUndefined();
    const gdap = resellerWithGdap(false, 10);
    expect(removeAdminRoles(gdap, at(11))).toBeUndefined();
    const removed = removeAdminRoles(gdap, at(1))!.relationship;
    expect(removeAdminRoles(removed, at(2))).toBeUndefined();
  });
});

describe('terminating', () => {
  it('ends the relationship and every grant; grants past their end are recorded as expired at their end', () => {
    const twoGdaps = applyAcceptedInvitation(
      resellerWithGdap(false, 10),
      facts({ invitationId: 'inv_long', partnerType: 'gdap', roles: [USER_ADMIN], durationDays: 100 }),
    ).relationship;
    const now = at(20);
    const t = terminateRelationship(twoGdaps, now)!;
    expect(t.relationship).toMatchObject({ status: 'terminated', terminatedAt: now.toISOString() });
    expect(t.terminated.map((g) => g.invitationId)).toEqual(['inv_long']);
    expect(t.expired.map((g) => [g.invitationId, g.endedAt])).toEqual([
      ['inv_gdap', at(10).toISOString()],
      ['inv_gdap', at(10).toISOString()],
    ]);
    expect(activePartnerTypes(t.relationship)).toEqual([]);
    expect(t.relationship.partnerTypes).toEqual(['reseller', 'gdap']);
    expect(terminateRelationship(t.relationship, at(21))).toBeUndefined();
    expect(gdapTimerStep(t.relationship, at(200))).toBeUndefined();
    expect(nextGdapCheckAt(t.relationship)).toBeUndefined();
  });
});

describe('the GDAP notice schedule', () => {
  const end = at(60).toISOString();
  it('is due 30, 7 and 1 days before the end, once each', () => {
    expect(dueNotice(end, [], at(29, 59))).toBeUndefined();
    expect(dueNotice(end, [], at(30))).toBe(30);
    expect(dueNotice(end, [30], at(40))).toBeUndefined();
    expect(dueNotice(end, [30], at(53))).toBe(7);
    expect(dueNotice(end, [30, 7], at(59))).toBe(1);
    expect(dueNotice(end, [30, 7, 1], at(59, 600))).toBeUndefined();
    expect(dueNotice(end, [], at(60))).toBeUndefined();
  });

  it('sends only the most urgent notice when the timer comes late', () => {
    expect(dueNotice(end, [], at(55))).toBe(7);
    expect(dueNotice(end, [], at(59, 1))).toBe(1);
  });
});

describe('the GDAP timer step', () => {
  it('sends each notice once, then expires the grants at their end and drops the gdap type', () => {
    const start = resellerWithGdap(false, 60);
    const hourly = Array.from({ length: 61 * 24 }, (_, h) => new Date(t0.getTime() + h * 3_600_000));
    const { relationship, changes } = runTimerAt(start, [...hourly, ...hourly]);
    const notices = changes.filter((c) => c.kind === 'notice');
    expect(notices.map((c) => [c.roleId, c.kind === 'notice' && c.days])).toEqual([
      [USER_ADMIN, 30],
      [HELPDESK, 30],
      [USER_ADMIN, 7],
      [HELPDESK, 7],
      [USER_ADMIN, 1],
      [HELPDESK, 1],
    ]);
    const expired = changes.filter((c) => c.kind === 'expired');
    expect(expired).toHaveLength(2);
    expect(relationship.roleGrants.every((g) => g.status === 'expired' && g.endedAt === at(60).toISOString())).toBe(true);
    expect(relationship.partnerTypes).toEqual(['reseller']);
    expect(relationship.status).toBe('active');
    expect(relationship.history.at(-1)).toMatchObject({
      event: 'grantsExpired',
      invitationId: 'inv_gdap',
      at: at(60).toISOString(),
    });
    expect(new Set(changes.map(grantChangeKey)).size).toBe(changes.length);
  });

  it('extends an auto-extending grant by 180 days from its end, clears its notices, and keeps it active meanwhile', () => {
    const start = resellerWithGdap(true, 60);
    const late = at(60, 90);
    // Past its end, before the timer ran: still in force (the timer renews it), unlike a grant that does not renew.
    expect(start.roleGrants.every((g) => effectiveGrantStatus(g, late) === 'active')).toBe(true);
    expect(resellerWithGdap(false, 60).roleGrants.every((g) => effectiveGrantStatus(g, late) === 'expired')).toBe(true);

    const noticed = runTimerAt(start, [at(31), at(54), at(59, 1)]).relationship;
    expect(noticed.roleGrants[0]!.expiryNoticesSent).toEqual([30, 7, 1]);
    const step = gdapTimerStep(noticed, late)!;
    const newEnd = addDays(at(60), 180).toISOString();
    expect(step.changes.map((c) => c.kind)).toEqual(['extended', 'extended']);
    expect(step.relationship.roleGrants.map((g) => [g.status, g.expiresAt, g.expiryNoticesSent])).toEqual([
      ['active', newEnd, []],
      ['active', newEnd, []],
    ]);
    expect(step.relationship.partnerTypes).toEqual(['reseller', 'gdap']);
    expect(step.relationship.history.at(-1)).toMatchObject({
      event: 'grantsExtended',
      invitationId: 'inv_gdap',
      at: at(60).toISOString(),
      expiresAt: newEnd,
    });
    expect(gdapTimerStep(step.relationship, late)).toBeUndefined();
    expect(nextGdapCheckAt(step.relationship)).toBe(addDays(new Date(newEnd), -30).toISOString());
  });

  it('never auto-extends an invitation carrying Global Administrator, even if a stored grant says so', () => {
    const start = resellerWithGdap(true, 60);
    // Acceptance refuses it (autoExtendAllowed); a document edited by hand still must not renew.
    const tampered: Relationship = {
      ...start,
      roleGrants: start.roleGrants.map((g, i) => (i === 0 ? { ...g, roleId: GLOBAL_ADMIN } : g)),
    };
    const step = gdapTimerStep(tampered, at(61))!;
    expect(step.changes.filter((c) => c.kind === 'expired')).toHaveLength(2);
    const accepted = applyAcceptedInvitation(
      undefined,
      facts({ invitationId: 'inv_ga', partnerType: 'gdap', roles: [GLOBAL_ADMIN], durationDays: 30, autoExtend: true }),
    ).relationship;
    expect(accepted.roleGrants[0]!.autoExtend).toBe(false);
  });

  it('extends as many times as needed when the timer was down for longer than an extension', () => {
    const step = gdapTimerStep(resellerWithGdap(true, 10), at(400))!;
    const extensions = step.changes.filter((c) => c.grantId === step.relationship.roleGrants[0]!.id);
    expect(extensions.map((c) => c.kind === 'extended' && c.to)).toEqual([
      addDays(at(10), 180).toISOString(),
      addDays(at(10), 360).toISOString(),
      addDays(at(10), 540).toISOString(),
    ]);
  });

  it('derives when the timer next has work: the earliest unsent notice threshold or end', () => {
    const start = resellerWithGdap(false, 60);
    expect(nextGdapCheckAt(start)).toBe(at(30).toISOString());
    const after30 = gdapTimerStep(start, at(30, 1))!.relationship;
    expect(nextGdapCheckAt(after30)).toBe(at(53).toISOString());
    const late = gdapTimerStep(resellerWithGdap(false, 5), at(0, 1))!;
    expect(late.changes.map((c) => c.kind === 'notice' && c.days)).toEqual([7, 7]);
    expect(nextGdapCheckAt(late.relationship)).toBe(at(4).toISOString());
    expect(nextGdapCheckAt(applyAcceptedInvitation(undefined, facts({})).relationship)).toBeUndefined();
    // Whenever the check time has come, the step has something to do (the timer's loop relies on it).
    let current = start;
    for (let h = 0; h < 62 * 24; h++) {
      const now = new Date(t0.getTime() + h * 3_600_000);
      const due = nextGdapCheckAt(current);
      const step = gdapTimerStep(current, now);
      expect(due !== undefined && Date.parse(due) <= now.getTime()).toBe(step !== undefined);
      if (step) current = step.relationship;
    }
  });
});
