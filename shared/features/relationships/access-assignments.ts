// Access assignments: the GDAP roles in force on a customer reach a partner's staff only through the partner's security
// groups. Each assignment names one group (its object id) and the roles its members hold on this customer — a subset of
// the roles the customer granted by GDAP and that are still in force. An agent's token lists its groups; what it holds
// on a customer is the union of its groups' assignments, intersected with the grants in force at that moment.
//
// Stored on the relationship (see relationship.ts): an assignment and the grants it draws on change together, in one
// conditional write. When grants end — the customer removes roles, the timer expires them, the partner terminates or
// gives up Global Administrator — `pruneAccessAssignments` takes the ended roles out of every assignment and ends the
// assignments left with none. Pure and deterministic in (relationship, now), like the rest of the lifecycle rules.
import { z } from 'zod';
import { ConflictError } from '../../platform/core/errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { roleName } from '../catalog/roles.js';
import { activeRoleGrants, type AccessAssignment, type Relationship, type RoleGrant } from './relationship.js';

/** How many groups one customer's roles may be assigned to: bounds the relationship document and the list. */
export const MAX_ACCESS_ASSIGNMENTS = 100;

/** The GDAP grants in force now: the only ones a group can be given (other types' roles are not delegated to groups). */
const gdapGrantsInForce = (relationship: Relationship, now: Date): RoleGrant[] =>
  activeRoleGrants(relationship, now).filter((g) => g.partnerType === 'gdap');

/** The role ids a group may be given now: those of the GDAP grants in force. */
export const assignableRoleIds = (relationship: Relationship, now: Date): Set<string> =>
  new Set(gdapGrantsInForce(relationship, now).map((g) => g.roleId.toLowerCase()));

export type AssignmentChange =
  | { outcome: 'created' | 'updated'; next: Relationship; assignment: AccessAssignment }
  | { outcome: 'unchanged'; assignment: AccessAssignment };

/**
 * Creates or replaces the assignment of `groupId`. 409 when the relationship has ended, when a role is not a GDAP
 * grant in force (`roles-not-in-force`, naming them), or when the relationship already has the maximum of groups.
 * Assigning the roles a group already holds changes nothing.
 */
export function putAccessAssignment(
  relationship: Relationship,
  groupId: string,
  roleIds: readonly string[],
  now: Date,
): AssignmentChange {
  if (relationship.status !== 'active') {
    throw new ConflictError('relationship-terminated', 'The relationship with this customer is terminated.');
  }
  const group = groupId.toLowerCase();
  const wanted = [...new Set(roleIds.map((r) => r.toLowerCase()))].sort();
  const assignable = assignableRoleIds(relationship, now);
  const missing = wanted.filter((r) => !assignable.has(r));
  if (missing.length > 0) {
    throw new ConflictError(
      'roles-not-in-force',
      `A group can only be given GDAP roles this customer granted and that are in force; these are not: ${missing.join(', ')}.`,
    ).withDetailArgs({ roles: missing.join(', ') });
  }
  const assignments = relationship.accessAssignments ?? [];
  const existing = assignments.find((a) => a.groupId === group);
  const at = now.toISOString();
  if (existing && existing.roleIds.join() === wanted.join()) return { outcome: 'unchanged', assignment: existing };
  if (!existing && assignments.length >= MAX_ACCESS_ASSIGNMENTS) {
    throw new ConflictError(
      'too-many-access-assignments',
      `A customer's roles can be assigned to at most ${MAX_ACCESS_ASSIGNMENTS} groups; remove one first.`,
    ).withDetailArgs({ max: MAX_ACCESS_ASSIGNMENTS });
  }
  const assignment: AccessAssignment = existing
    ? { ...existing, roleIds: wanted, updatedAt: at }
    : { groupId: group, roleIds: wanted, createdAt: at, updatedAt: at };
  const next: Relationship = {
    ...relationship,
    accessAssignments: existing ? assignments.map((a) => (a.groupId === group ? assignment : a)) : [...assignments, assignment],
    updatedAt: at > relationship.updatedAt ? at : relationship.updatedAt,
  };
  return { outcome: existing ? 'updated' : 'created', next, assignment };
}

/** Removes the assignment of `groupId`; undefined when the group has none here (404). */
export function deleteAccessAssignment(
  relationship: Relationship,
  groupId: string,
  now: Date,
): { next: Relationship; removed: AccessAssignment } | undefined {
  const group = groupId.toLowerCase();
  const removed = relationship.accessAssignments?.find((a) => a.groupId === group);
  if (!removed) return undefined;
  const at = now.toISOString();
  return {
    removed,
    next: {
      ...relationship,
      accessAssignments: relationship.accessAssignments!.filter((a) => a.groupId !== group),
      updatedAt: at > relationship.updatedAt ? at : relationship.updatedAt,
    },
  };
}

/**
 * Takes the roles no GDAP grant holds in force any more out of every assignment; an assignment left with none ends
 * (is removed). Called by every change that ends grants, so a group never keeps a role its grant lost.
 */
export function pruneAccessAssignments(relationship: Relationship, now: Date): Relationship {
  const assignments = relationship.accessAssignments;
  if (!assignments || assignments.length === 0) return relationship;
  const assignable = assignableRoleIds(relationship, now);
  const at = now.toISOString();
  const kept: AccessAssignment[] = [];
  let changed = false;
  for (const a of assignments) {
    const roleIds = a.roleIds.filter((r) => assignable.has(r));
    if (roleIds.length === a.roleIds.length) kept.push(a);
    else {
      changed = true;
      if (roleIds.length > 0) kept.push({ ...a, roleIds, updatedAt: at });
    }
  }
  if (!changed) return relationship;
  const { accessAssignments: _dropped, ...rest } = relationship;
  void _dropped;
  return kept.length > 0 ? { ...rest, accessAssignments: kept } : rest;
}

/** What a change did to the assignments, for its audit events: the roles each group lost, and whether it ended. */
export interface AssignmentLoss {
  groupId: string;
  endedRoleIds: string[];
  ended: boolean;
}

export function assignmentLosses(before: Relationship, after: Relationship): AssignmentLoss[] {
  const now = new Map((after.accessAssignments ?? []).map((a) => [a.groupId, a]));
  return (before.accessAssignments ?? []).flatMap((a) => {
    const kept = now.get(a.groupId);
    const endedRoleIds = a.roleIds.filter((r) => !kept?.roleIds.includes(r));
    return endedRoleIds.length > 0 ? [{ groupId: a.groupId, endedRoleIds, ended: !kept }] : [];
  });
}

/** The roles an agent in `groups` holds on this customer now, each with the groups it comes through. */
export function agentRoles(
  relationship: Relationship,
  groups: readonly string[],
  now: Date,
): { roleId: string; groupIds: string[]; expiresAt?: string }[] {
  const member = new Set(groups.map((g) => g.toLowerCase()));
  const inForce = gdapGrantsInForce(relationship, now);
  const byRole = new Map<string, string[]>();
  for (const a of relationship.accessAssignments ?? []) {
    if (!member.has(a.groupId)) continue;
    for (const roleId of a.roleIds) {
      if (!inForce.some((g) => g.roleId.toLowerCase() === roleId)) continue;
      byRole.set(roleId, [...(byRole.get(roleId) ?? []), a.groupId]);
    }
  }
  return [...byRole.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([roleId, groupIds]) => {
      // The latest end among the grants of that role (a role granted twice lasts as long as its longer grant).
      const ends = inForce.filter((g) => g.roleId.toLowerCase() === roleId).map((g) => g.expiresAt);
      const expiresAt = ends.every((e) => e !== undefined) ? ends.sort().at(-1) : undefined;
      return { roleId, groupIds: groupIds.sort(), ...(expiresAt ? { expiresAt } : {}) };
    });
}

// ---- views ----

const namedRole = z.object({ roleId: z.string(), roleName: z.string() });

export const accessAssignmentSchema = z
  .object({
    customerTenantId: z.string(),
    groupId: z.string().describe("The security group's object id in your tenant"),
    roles: z.array(namedRole).describe("The GDAP roles the group's members hold on this customer (names in your language)"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AccessAssignment' });

export const myAccessSchema = z
  .object({
    customerTenantId: z.string(),
    roles: z
      .array(
        namedRole.extend({
          groupIds: z.array(z.string()).describe('Your groups this role comes through'),
          expiresAt: z.iso.datetime().optional().describe('When the GDAP grant of this role ends'),
        }),
      )
      .describe('The GDAP roles you hold on this customer through your security groups (none: no on-behalf access)'),
  })
  .meta({ id: 'MyAccess' });

export type AccessAssignmentView = z.output<typeof accessAssignmentSchema>;
export type MyAccessView = z.output<typeof myAccessSchema>;

export const toAccessAssignmentView = (
  relationship: Relationship,
  a: AccessAssignment,
  locale: Locale = DEFAULT_LOCALE,
): AccessAssignmentView => ({
  customerTenantId: relationship.customerTenantId,
  groupId: a.groupId,
  roles: a.roleIds.map((roleId) => ({ roleId, roleName: roleName(roleId, locale) })),
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export const toMyAccessView = (
  relationship: Relationship,
  groups: readonly string[],
  now: Date,
  locale: Locale = DEFAULT_LOCALE,
): MyAccessView => ({
  customerTenantId: relationship.customerTenantId,
  roles: agentRoles(relationship, groups, now).map((r) => ({ ...r, roleName: roleName(r.roleId, locale) })),
});
