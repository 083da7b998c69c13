// Access assignments on in-memory ports: the pure rules (what a group may be given, what ends with the grants, what an
// agent holds) and the use cases (If-Match on the relationship's ETag, audit events in the change's batch, the
// on-behalf check reading the agent's groups, removal / expiry / termination ending the assignments).
import { randomUUID } from 'node:crypto';
import {
  agentRoles,
  assignmentLosses,
  deleteAccessAssignment,
  MAX_ACCESS_ASSIGNMENTS,
  pruneAccessAssignments,
  putAccessAssignment,
} from '../../../shared/features/relationships/access-assignments.js';
import {
  getMyAccess,
  listAccessAssignments,
  removeAccessAssignment,
  saveAccessAssignment,
} from '../../../shared/features/relationships/access-assignment-use-cases.js';
import { partnerAdminCenterAccessFor } from '../../../shared/features/admin-center-access/admin-center-access-use-cases.js';
import { runGdapTimer } from '../../../shared/features/relationships/gdap-timer.js';
import {
  removePartnerAdminRoles,
  terminateCustomerRelationship,
} from '../../../shared/features/relationships/relationship-lifecycle-use-cases.js';
import { removeAdminRoles, terminateRelationship } from '../../../shared/features/relationships/relationship-lifecycle.js';
import { addDays } from '../../../shared/platform/core/clock.js';
import { PreconditionFailedError } from '../../../shared/platform/core/errors.js';
import { queues } from '../../../shared/platform/queue/queues.js';
import { relationship as fixture, HELPDESK } from '../../support/relationship-fixtures.js';
import { acceptedRelationship, gdapInput, refusal, ROLE } from '../../support/in-memory/scenarios.js';
import { inMemoryWorld, partnerAgent, requestContext } from '../../support/in-memory/world.js';

const NOW = new Date('2026-01-10T00:00:00.000Z');
const GROUP_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const GROUP_B = '0a1b2c3d-0000-4000-8000-00000000000b';
const USER_ADMIN = ROLE.userAdministrator;

describe('access assignment rules', () => {
  const gdap = () => fixture('ptn_1', ['reseller', 'gdap'], { roles: [HELPDESK, USER_ADMIN], durationDays: 60 });

  it('gives a group a subset of the GDAP roles in force; the same roles again change nothing', () => {
    const r = gdap();
    const created = putAccessAssignment(r, GROUP_A.toUpperCase(), [HELPDESK], NOW);
    expect(created.outcome).toBe('created');
    if (created.outcome === 'unchanged') throw new Error('unreachable');
    expect(created.assignment).toMatchObject({ groupId: GROUP_A, roleIds: [HELPDESK] });
    expect(putAccessAssignment(created.next, GROUP_A, [HELPDESK], NOW).outcome).toBe('unchanged');
    const updated = putAccessAssignment(created.next, GROUP_A, [USER_ADMIN, HELPDESK], NOW);
    expect(updated.outcome).toBe('updated');
    if (updated.outcome === 'unchanged') throw new Error('unreachable');
    expect(updated.next.accessAssignments).toHaveLength(1);
    expect(updated.assignment.roleIds).toEqual([HELPDESK, USER_ADMIN].sort());
  });

  it('refuses roles not in force (never granted, or past their end), a terminated relationship and a 101st group', () => {
    const r = gdap();
    const e1 = (() => {
      try {
        putAccessAssignment(r, GROUP_A, [ROLE.globalReader], NOW);
      } catch (error) {
        return error as { code: string; detail: string };
      }
      throw new Error('accepted a role never granted');
    })();
    expect(e1.code).toBe('roles-not-in-force');
    expect(e1.detail).toContain(ROLE.globalReader);
    // Past the grant's end (60 days after 2026-01-02): no longer in force, even before the timer records it.
    expect(() => putAccessAssignment(r, GROUP_A, [HELPDESK], addDays(NOW, 60))).toThrow(/in force/);
    expect(() => putAccessAssignment(terminateRelationship(r, NOW)!.relationship, GROUP_A, [HELPDESK], NOW)).toThrow(
      /terminated/,
    );
    let full = r;
    for (let i = 0; i < MAX_ACCESS_ASSIGNMENTS; i++) {
      const change = putAccessAssignment(full, randomUUID(), [HELPDESK], NOW);
      if (change.outcome === 'unchanged') throw new Error('unreachable');
      full = change.next;
    }
    expect(() => putAccessAssignment(full, GROUP_A, [HELPDESK], NOW)).toThrow(/at most 100/);
  });

  it('an agent holds the union of its groups’ roles that are in force, and nothing through a group it is not in', () => {
    let r = gdap();
    for (const [group, roles] of [
      [GROUP_A, [HELPDESK]],
      [GROUP_B, [HELPDESK, USER_ADMIN]],
    ] as const) {
      const change = putAccessAssignment(r, group, roles, NOW);
      if (change.outcome === 'unchanged') throw new Error('unreachable');
      r = change.next;
    }
    expect(agentRoles(r, [], NOW)).toEqual([]);
    expect(agentRoles(r, [randomUUID()], NOW)).toEqual([]);
    expect(agentRoles(r, [GROUP_A.toUpperCase()], NOW).map((x) => x.roleId)).toEqual([HELPDESK]);
    const both = agentRoles(r, [GROUP_A, GROUP_B], NOW);
    expect(both.find((x) => x.roleId === HELPDESK)!.groupIds).toEqual([GROUP_A, GROUP_B]);
    expect(both.map((x) => x.roleId).sort()).toEqual([HELPDESK, USER_ADMIN].sort());
    expect(both[0]!.expiresAt).toBe('2026-03-03T10:00:00.000Z');
    // A grant past its end gives nothing, before the timer prunes the assignment.
    expect(agentRoles(r, [GROUP_A, GROUP_B], addDays(NOW, 60))).toEqual([]);
  });

  it('ends with the grants: removal and termination take every role; an assignment left with none ends', () => {
    let r = gdap();
    for (const [group, roles] of [
      [GROUP_A, [HELPDESK]],
      [GROUP_B, [USER_ADMIN]],
    ] as const) {
      const change = putAccessAssignment(r, group, roles, NOW);
      if (change.outcome === 'unchanged') throw new Error('unreachable');
      r = change.next;
    }
    const removed = removeAdminRoles(r, NOW)!.relationship;
    expect(removed.accessAssignments).toBeUndefined();
    expect(assignmentLosses(r, removed)).toEqual([
      { groupId: GROUP_A, endedRoleIds: [HELPDESK], ended: true },
      { groupId: GROUP_B, endedRoleIds: [USER_ADMIN], ended: true },
    ]);
    expect(terminateRelationship(r, NOW)!.relationship.accessAssignments).toBeUndefined();
    // One role ending leaves the other: the group keeps what is still in force.
    const helpdeskEnded = {
      ...r,
      roleGrants: r.roleGrants.map((g) => (g.roleId === HELPDESK ? { ...g, status: 'removed' as const } : g)),
    };
    const pruned = pruneAccessAssignments(helpdeskEnded, NOW);
    expect(pruned.accessAssignments).toEqual([expect.objectContaining({ groupId: GROUP_B, roleIds: [USER_ADMIN] })]);
    expect(pruneAccessAssignments(r, NOW)).toBe(r);
  });

  it('deleting names the group; an unknown group is undefined (404)', () => {
    const change = putAccessAssignment(gdap(), GROUP_A, [HELPDESK], NOW);
    if (change.outcome === 'unchanged') throw new Error('unreachable');
    expect(deleteAccessAssignment(change.next, GROUP_B, NOW)).toBeUndefined();
    expect(deleteAccessAssignment(change.next, GROUP_A.toUpperCase(), NOW)!.next.accessAssignments).toEqual([]);
  });
});

async function setup() {
  const world = inMemoryWorld();
  const accepted = await acceptedRelationship(world, gdapInput({ roles: [USER_ADMIN, ROLE.helpdeskAdministrator] }));
  const admin = partnerAgent(accepted.partner.partnerTenantId);
  const inGroupA = partnerAgent(accepted.partner.partnerTenantId, 'admin', [GROUP_A]);
  return { world, ...accepted, admin, inGroupA };
}

const licensesOpen = async (s: Awaited<ReturnType<typeof setup>>, agent = s.inGroupA) =>
  (await partnerAdminCenterAccessFor(s.world, agent, s.customerTenantId)).pages.find((p) => p.page === 'licenses')!.available;

describe('access assignment use cases', () => {
  it('an agent outside every assigned group gets no on-behalf access; in a group with a role it does', async () => {
    const s = await setup();
    expect(await licensesOpen(s, s.admin)).toBe(false);
    expect(await licensesOpen(s)).toBe(false);

    const saved = await saveAccessAssignment(
      s.world,
      s.admin,
      s.customerTenantId,
      GROUP_A,
      [ROLE.helpdeskAdministrator],
      undefined,
      requestContext(s.admin),
    );
    expect(saved.created).toBe(true);
    expect(saved.value.roles).toEqual([{ roleId: ROLE.helpdeskAdministrator, roleName: 'Helpdesk Administrator' }]);

    expect(await licensesOpen(s)).toBe(true);
    expect(await licensesOpen(s, s.admin)).toBe(false);
    const mine = await getMyAccess(s.world, s.inGroupA, s.customerTenantId, 'fr');
    expect(mine.roles).toEqual([
      expect.objectContaining({
        roleId: ROLE.helpdeskAdministrator,
        groupIds: [GROUP_A],
        roleName: 'Administrateur du support technique',
      }),
    ]);
    expect((await getMyAccess(s.world, s.admin, s.customerTenantId)).roles).toEqual([]);
  });

  it('commits the audit event in the change’s batch; If-Match is the relationship’s ETag (412 when stale)', async () => {
    const s = await setup();
    const before = (await s.world.relationships.get(s.partner.id, s.customerTenantId))!;
    const saved = await saveAccessAssignment(
      s.world,
      s.admin,
      s.customerTenantId,
      GROUP_A,
      [USER_ADMIN],
      before.etag,
      requestContext(s.admin),
    );
    const after = (await s.world.relationships.get(s.partner.id, s.customerTenantId))!;
    expect(saved.etag).toBe(after.etag);
    const [audit] = s.world
      .committedMessages({ queue: queues.auditEvents })
      .filter((m) => JSON.stringify(m.payload).includes('accessAssignment.created'));
    const commit = s.world.containers.partnerData.committed.find((w) => w.id === `outbox_${audit!.id}`)!;
    expect(s.world.containers.partnerData.committed.filter((w) => w.batch === commit.batch).map((w) => w.id)).toEqual([
      after.value.id,
      `outbox_${audit!.id}`,
    ]);
    await s.world.settle();
    expect(s.world.audit.events(s.partner.partnerTenantId, 'accessAssignment.created')).toHaveLength(1);
    // The customer does not see the partner's groups.
    expect(s.world.audit.events(s.customerTenantId, 'accessAssignment.created')).toHaveLength(0);

    const stale = await refusal(
      saveAccessAssignment(
        s.world,
        s.admin,
        s.customerTenantId,
        GROUP_A,
        [ROLE.helpdeskAdministrator],
        before.etag,
        requestContext(),
      ),
    );
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(
      await refusal(removeAccessAssignment(s.world, s.admin, s.customerTenantId, GROUP_A, before.etag, requestContext())),
    ).toBeInstanceOf(PreconditionFailedError);
    const list = await listAccessAssignments(s.world, s.admin, s.customerTenantId);
    expect(list.etag).toBe(after.etag);
    expect(list.value.items.map((a) => a.roles.map((r) => r.roleId))).toEqual([[USER_ADMIN]]);

    await removeAccessAssignment(s.world, s.admin, s.customerTenantId, GROUP_A, after.etag, requestContext());
    expect((await listAccessAssignments(s.world, s.admin, s.customerTenantId)).value.items).toEqual([]);
    expect(
      (await refusal(removeAccessAssignment(s.world, s.admin, s.customerTenantId, GROUP_A, undefined, requestContext()))).status,
    ).toBe(404);
    await s.world.settle();
    expect(s.world.audit.events(s.partner.partnerTenantId, 'accessAssignment.deleted')).toHaveLength(1);
  });

  it('another partner gets 404; a role not granted 409 and nothing written', async () => {
    const s = await setup();
    const other = await acceptedRelationship(s.world);
    const stranger = partnerAgent(other.partner.partnerTenantId);
    expect(
      (
        await refusal(
          saveAccessAssignment(s.world, stranger, s.customerTenantId, GROUP_A, [USER_ADMIN], undefined, requestContext()),
        )
      ).status,
    ).toBe(404);
    expect((await refusal(getMyAccess(s.world, stranger, s.customerTenantId))).status).toBe(404);
    const writes = s.world.containers.partnerData.committed.length;
    const refused = await refusal(
      saveAccessAssignment(s.world, s.admin, s.customerTenantId, GROUP_A, [ROLE.globalReader], undefined, requestContext()),
    );
    expect(refused).toMatchObject({ status: 409, code: 'roles-not-in-force' });
    expect(s.world.containers.partnerData.committed.length).toBe(writes);
  });

  it('the customer removing roles, the partner terminating and the timer expiring end the assignments, audited', async () => {
    for (const end of ['removal', 'termination', 'expiry'] as const) {
      const s = await setup();
      await saveAccessAssignment(s.world, s.admin, s.customerTenantId, GROUP_A, [USER_ADMIN], undefined, requestContext());
      expect(await licensesOpen(s)).toBe(true);
      if (end === 'removal')
        await removePartnerAdminRoles(s.world, s.customer, s.partner.id, undefined, requestContext(s.customer));
      if (end === 'termination')
        await terminateCustomerRelationship(s.world, s.admin, s.customerTenantId, undefined, requestContext());
      if (end === 'expiry') {
        s.world.clock.set(addDays(s.world.clock.now(), 61));
        await runGdapTimer(s.world, 'cid-timer');
      }
      expect(await licensesOpen(s)).toBe(false);
      const stored = (await s.world.relationships.get(s.partner.id, s.customerTenantId))!.value;
      expect(stored.accessAssignments).toBeUndefined();
      await s.world.settle();
      expect(s.world.audit.events(s.partner.partnerTenantId, 'accessAssignment.ended')).toHaveLength(1);
    }
  });
});
