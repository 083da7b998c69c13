// Pure rules of a relationship after acceptance: the customer removes admin roles, the partner terminates
//, and GDAP time limits — expiry, 180-day auto-extension, 30/7/1-day notices.
//
// Every function here is deterministic in (relationship, now): the use cases run them inside conditional
// read-modify-write loops, so a lost race simply recomputes from the fresh document, and a replay computes nothing.
import { partnerTypeDefinition, type PartnerType } from '../catalog/partner-types.js';
import { autoExtendEligible, includesGlobalAdministrator } from '../catalog/roles.js';
import { ConflictError } from '../../platform/core/errors.js';
import { addDays } from '../../platform/core/clock.js';
import { effectiveGrantStatus, type Relationship, type RelationshipEvent, type RoleGrant } from './relationship.js';
import { pruneAccessAssignments } from './access-assignments.js';

/** An auto-extending GDAP grant is renewed this long at a time. */
export const GDAP_EXTENSION_DAYS = 180;
/** Partner and customer are told this many days before a GDAP grant ends, largest first. */
export const EXPIRY_NOTICE_DAYS = [30, 7, 1] as const;
export type NoticeDays = (typeof EXPIRY_NOTICE_DAYS)[number];

const DAY_MS = 86_400_000;

/** Types whose acceptance grants admin roles; they last as long as one of their grants does. */
const grantsRoles = (type: PartnerType): boolean => {
  const policy = partnerTypeDefinition(type).rolePolicy;
  return policy === 'fixed' || policy === 'requested';
};

/** Drops the role-granting types no active grant stands for any more; other types (reseller, OEM, …) stay. */
function pruneRoleTypes(relationship: Relationship, now: Date): PartnerType[] {
  const live = new Set(
    relationship.roleGrants.filter((g) => effectiveGrantStatus(g, now) === 'active').map((g) => g.partnerType),
  );
  return relationship.partnerTypes.filter((t) => !grantsRoles(t) || live.has(t));
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

// ---- remove admin roles (customer) ----

export interface RolesRemoval {
  relationship: Relationship;
  removed: RoleGrant[];
}

/**
 * Ends every admin role grant in force at once (status `removed`); the relationship and its other types stay.
 * `undefined` when no grant is in force (the caller answers 409 no-admin-roles). Grants already past their end keep
 * reading as expired: the timer records them as such.
 */
export function removeAdminRoles(relationship: Relationship, now: Date): RolesRemoval | undefined {
  if (relationship.status !== 'active') return undefined;
  const at = now.toISOString();
  const removed: RoleGrant[] = [];
  const roleGrants = relationship.roleGrants.map((g) => {
    if (effectiveGrantStatus(g, now) !== 'active') return g;
    const ended: RoleGrant = { ...g, status: 'removed', endedAt: at };
    removed.push(ended);
    return ended;
  });
  if (removed.length === 0) return undefined;
  const next: Relationship = {
    ...relationship,
    roleGrants,
    history: [...relationship.history, { at, event: 'rolesRemoved', grantIds: removed.map((g) => g.id) }],
    updatedAt: laterOf(at, relationship.updatedAt),
  };
  return { relationship: pruneAccessAssignments({ ...next, partnerTypes: pruneRoleTypes(next, now) }, now), removed };
}

// ---- partner terminates ----

export interface Termination {
  relationship: Relationship;
  /** Grants in force that the termination ended. */
  terminated: RoleGrant[];
  /** Grants already past their end that the timer had not recorded yet: recorded as expired, at their end. */
  expired: RoleGrant[];
}

/** Ends the relationship and every grant; `undefined` when it is already terminated (409). */
export function terminateRelationship(relationship: Relationship, now: Date): Termination | undefined {
  if (relationship.status === 'terminated') return undefined;
  const at = now.toISOString();
  const terminated: RoleGrant[] = [];
  const expired: RoleGrant[] = [];
  const roleGrants = relationship.roleGrants.map((g) => {
    if (g.status !== 'active') return g;
    if (effectiveGrantStatus(g, now) === 'expired') {
      const ended: RoleGrant = { ...g, status: 'expired', endedAt: g.expiresAt! };
      expired.push(ended);
      return ended;
    }
    const ended: RoleGrant = { ...g, status: 'terminated', endedAt: at };
    terminated.push(ended);
    return ended;
  });
  // The name is freed with the relationship (its marker is deleted in the same batch): it can name another one.
  const { displayName, ...unnamed } = relationship;
  void displayName;
  return {
    relationship: pruneAccessAssignments(
      {
        ...unnamed,
        status: 'terminated',
        terminatedAt: at,
        roleGrants,
        history: [...relationship.history, { at, event: 'terminated' }],
        updatedAt: laterOf(at, relationship.updatedAt),
      },
      now,
    ),
    terminated,
    expired,
  };
}

// ---- the partner changes an active GDAP relationship ----

/** The GDAP grants in force now: what the partner's changes to an active GDAP relationship act on. */
const gdapGrantsInForce = (relationship: Relationship, now: Date): RoleGrant[] =>
  relationship.status === 'active'
    ? relationship.roleGrants.filter((g) => g.partnerType === 'gdap' && effectiveGrantStatus(g, now) === 'active')
    : [];

export interface GdapChange {
  relationship: Relationship;
  /** The grants the change touched (as they are after it). */
  grants: RoleGrant[];
}

/**
 * Turns auto-extension of every GDAP grant in force on or off. 409 `relationship-terminated`, `no-gdap-roles` (no
 * GDAP grant in force), or `auto-extend-not-allowed` when turning it on while Global Administrator is among them (the
 * catalog's one rule decides). `undefined` when every grant already has that value: nothing to write.
 */
export function setGdapAutoExtend(relationship: Relationship, autoExtend: boolean, now: Date): GdapChange | undefined {
  if (relationship.status !== 'active') {
    throw new ConflictError('relationship-terminated', 'The relationship with this customer is terminated.');
  }
  const inForce = gdapGrantsInForce(relationship, now);
  if (inForce.length === 0) {
    throw new ConflictError('no-gdap-roles', 'You hold no GDAP role in force on this customer: there is nothing to change.');
  }
  if (autoExtend && !autoExtendEligible(inForce.map((g) => g.roleId))) {
    throw new ConflictError(
      'auto-extend-not-allowed',
      'GDAP relationships that include Global Administrator cannot auto-extend: remove Global Administrator first.',
    );
  }
  const changing = new Set(inForce.filter((g) => (g.autoExtend === true) !== autoExtend).map((g) => g.id));
  if (changing.size === 0) return undefined;
  const at = now.toISOString();
  const grants: RoleGrant[] = [];
  const roleGrants = relationship.roleGrants.map((g) => {
    if (!changing.has(g.id)) return g;
    const changed = { ...g, autoExtend };
    grants.push(changed);
    return changed;
  });
  return {
    relationship: {
      ...relationship,
      roleGrants,
      history: [
        ...relationship.history,
        { at, event: autoExtend ? 'autoExtendEnabled' : 'autoExtendDisabled', grantIds: grants.map((g) => g.id) },
      ],
      updatedAt: laterOf(at, relationship.updatedAt),
    },
    grants,
  };
}

/**
 * Ends the GDAP grants of Global Administrator in force (status `removed`), every other grant staying; the groups that
 * held it lose it. 409 `relationship-terminated`, or `no-global-admin` when there is none in force.
 */
export function removeGdapGlobalAdmin(relationship: Relationship, now: Date): GdapChange {
  if (relationship.status !== 'active') {
    throw new ConflictError('relationship-terminated', 'The relationship with this customer is terminated.');
  }
  const ending = new Set(
    gdapGrantsInForce(relationship, now)
      .filter((g) => includesGlobalAdministrator([g.roleId]))
      .map((g) => g.id),
  );
  if (ending.size === 0) {
    throw new ConflictError('no-global-admin', 'You hold no Global Administrator role in force on this customer by GDAP.');
  }
  const at = now.toISOString();
  const grants: RoleGrant[] = [];
  const roleGrants = relationship.roleGrants.map((g) => {
    if (!ending.has(g.id)) return g;
    const ended: RoleGrant = { ...g, status: 'removed', endedAt: at };
    grants.push(ended);
    return ended;
  });
  const next: Relationship = {
    ...relationship,
    roleGrants,
    history: [...relationship.history, { at, event: 'globalAdminRemoved', grantIds: grants.map((g) => g.id) }],
    updatedAt: laterOf(at, relationship.updatedAt),
  };
  return { relationship: pruneAccessAssignments({ ...next, partnerTypes: pruneRoleTypes(next, now) }, now), grants };
}

// ---- GDAP time limits ----

/** Which notice is due for a grant ending at `expiresAt`: the most urgent threshold reached and not yet sent. */
export function dueNotice(expiresAt: string, sent: readonly number[], now: Date): NoticeDays | undefined {
  const remaining = Date.parse(expiresAt) - now.getTime();
  if (remaining <= 0) return undefined;
  const reached = EXPIRY_NOTICE_DAYS.filter((d) => remaining <= d * DAY_MS);
  const mostUrgent = reached[reached.length - 1];
  // A run that comes late (say 5 days before the end) sends only the 7-day notice: the 30-day one is moot.
  return mostUrgent !== undefined && !sent.includes(mostUrgent) ? mostUrgent : undefined;
}

export type GrantChange =
  | { kind: 'expired'; grantId: string; roleId: string; invitationId: string; expiresAt: string }
  | { kind: 'extended'; grantId: string; roleId: string; invitationId: string; from: string; to: string }
  | {
      kind: 'notice';
      grantId: string;
      roleId: string;
      invitationId: string;
      days: NoticeDays;
      expiresAt: string;
      autoExtend: boolean;
    };

/** A stable key per change: each can happen once in a grant's life, so it names events and jobs deterministically. */
export const grantChangeKey = (c: GrantChange): string =>
  c.kind === 'expired'
    ? `expired:${c.grantId}:${c.expiresAt}`
    : c.kind === 'extended'
      ? `extended:${c.grantId}:${c.to}`
      : `notice:${c.grantId}:${c.days}:${c.expiresAt}`;

/**
 * The catalog's auto-extend rule, asked of the roles granted together with `grant` (by the same invitation) that are
 * still in force: once the partner gave up Global Administrator, the rest of that invitation's grants may renew.
 */
const mayAutoExtend = (relationship: Relationship, grant: RoleGrant): boolean =>
  autoExtendEligible(
    relationship.roleGrants.filter((g) => g.invitationId === grant.invitationId && g.status === 'active').map((g) => g.roleId),
  );

/**
 * One run of the GDAP timer on one relationship: grants at their end are extended by 180 days (as many times as the
 * run is late) when they auto-extend, expired otherwise (endedAt = their end); grants still in force get the notice
 * that is due, recorded on the grant. `undefined` when there is nothing to do.
 */
export function gdapTimerStep(
  relationship: Relationship,
  now: Date,
): { relationship: Relationship; changes: GrantChange[] } | undefined {
  if (relationship.status !== 'active') return undefined;
  const changes: GrantChange[] = [];
  const history: RelationshipEvent[] = [];
  const roleGrants = relationship.roleGrants.map((original) => {
    if (original.status !== 'active' || original.expiresAt === undefined) return original;
    let grant = original;
    const base = { grantId: grant.id, roleId: grant.roleId, invitationId: grant.invitationId };
    if (Date.parse(grant.expiresAt!) <= now.getTime()) {
      if (grant.autoExtend === true && mayAutoExtend(relationship, grant)) {
        let expiresAt = grant.expiresAt!;
        while (Date.parse(expiresAt) <= now.getTime()) {
          const to = addDays(new Date(expiresAt), GDAP_EXTENSION_DAYS).toISOString();
          changes.push({ kind: 'extended', ...base, from: expiresAt, to });
          expiresAt = to;
        }
        grant = { ...grant, expiresAt, expiryNoticesSent: [] };
      } else {
        changes.push({ kind: 'expired', ...base, expiresAt: grant.expiresAt! });
        return { ...grant, status: 'expired' as const, endedAt: grant.expiresAt! };
      }
    }
    const sent = grant.expiryNoticesSent ?? [];
    const days = dueNotice(grant.expiresAt!, sent, now);
    if (days !== undefined) {
      changes.push({ kind: 'notice', ...base, days, expiresAt: grant.expiresAt!, autoExtend: grant.autoExtend === true });
      // The thresholds passed with it count as sent too, so a late run never sends an out-of-date notice afterwards.
      const passed = EXPIRY_NOTICE_DAYS.filter((d) => d >= days);
      grant = { ...grant, expiryNoticesSent: [...new Set([...sent, ...passed])].sort((a, b) => b - a) };
    }
    return grant;
  });
  if (changes.length === 0) return undefined;

  // History: one line per invitation and kind (the grants of one GDAP invitation end and renew together).
  for (const kind of ['expired', 'extended'] as const) {
    const groups = new Map<string, { at: string; invitationId: string; grantIds: string[]; expiresAt?: string }>();
    for (const c of changes) {
      if (c.kind !== kind) continue;
      const at = c.kind === 'expired' ? c.expiresAt : c.from;
      const key = `${c.invitationId}|${at}`;
      const group = groups.get(key) ?? {
        at,
        invitationId: c.invitationId,
        grantIds: [],
        ...(c.kind === 'extended' ? { expiresAt: c.to } : {}),
      };
      group.grantIds.push(c.grantId);
      groups.set(key, group);
    }
    for (const g of groups.values()) history.push({ ...g, event: kind === 'expired' ? 'grantsExpired' : 'grantsExtended' });
  }
  const at = now.toISOString();
  const next: Relationship = {
    ...relationship,
    roleGrants,
    history: [...relationship.history, ...history],
    updatedAt: laterOf(at, relationship.updatedAt),
  };
  return { relationship: pruneAccessAssignments({ ...next, partnerTypes: pruneRoleTypes(next, now) }, now), changes };
}

/**
 * When the timer next has something to do on this relationship: the earliest unsent notice threshold or end of a
 * grant in force. Stored on the document (never shown) so the timer finds due relationships with one indexed query.
 */
export function nextGdapCheckAt(relationship: Relationship): string | undefined {
  if (relationship.status !== 'active') return undefined;
  let earliest: number | undefined;
  for (const g of relationship.roleGrants) {
    if (g.status !== 'active' || g.expiresAt === undefined) continue;
    const end = Date.parse(g.expiresAt);
    const unsent = EXPIRY_NOTICE_DAYS.filter((d) => !(g.expiryNoticesSent ?? []).includes(d));
    const first = unsent.length > 0 ? end - Math.max(...unsent) * DAY_MS : end;
    earliest = earliest === undefined ? first : Math.min(earliest, first);
  }
  return earliest === undefined ? undefined : new Date(earliest).toISOString();
}
