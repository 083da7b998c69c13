// Changes to an active GDAP relationship on in-memory ports: the pure rules (auto-extension on and off, never with
// Global Administrator in force; giving up Global Administrator alone) and the use cases (If-Match, the audit events
// and the customer's emails committed in the change's batch, each email sent once however often it is delivered).
import { randomUUID } from 'node:crypto';
import { changeGdapAutoExtend, giveUpGdapGlobalAdmin } from '../../../shared/features/relationships/gdap-change-use-cases.js';
import { saveAccessAssignment } from '../../../shared/features/relationships/access-assignment-use-cases.js';
import { runGdapTimer } from '../../../shared/features/relationships/gdap-timer.js';
import {
  GDAP_EXTENSION_DAYS,
  gdapTimerStep,
  removeGdapGlobalAdmin,
  setGdapAutoExtend,
  terminateRelationship,
} from '../../../shared/features/relationships/relationship-lifecycle.js';
import { addDays } from '../../../shared/platform/core/clock.js';
import { PreconditionFailedError } from '../../../shared/platform/core/errors.js';
import { queues } from '../../../shared/platform/queue/queues.js';
import { relationship as fixture, HELPDESK } from '../../support/relationship-fixtures.js';
import { acceptedRelationship, gdapInput, refusal, ROLE } from '../../support/in-memory/scenarios.js';
import { deliverEmailJob, inMemoryWorld, partnerAgent, requestContext } from '../../support/in-memory/world.js';

const NOW = new Date('2026-01-10T00:00:00.000Z');
const GA = ROLE.globalAdministrator;

const conflictCode = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('expected a 409');
};

describe('GDAP change rules', () => {
  it('turns auto-extension on and off on every GDAP grant in force; the same value again is no change', () => {
    const r = fixture('ptn_1', ['reseller', 'gdap'], { roles: [HELPDESK, ROLE.userAdministrator] });
    const on = setGdapAutoExtend(r, true, NOW)!;
    expect(on.grants.map((g) => g.autoExtend)).toEqual([true, true]);
    expect(on.relationship.history.at(-1)).toMatchObject({ event: 'autoExtendEnabled', grantIds: on.grants.map((g) => g.id) });
    expect(setGdapAutoExtend(on.relationship, true, NOW)).toBeUndefined();
    const off = setGdapAutoExtend(on.relationship, false, NOW)!;
    expect(off.relationship.roleGrants.every((g) => g.autoExtend === false)).toBe(true);
  });

  it('refuses auto-extension with Global Administrator in force, without GDAP roles, on a terminated relationship', () => {
    const withGa = fixture('ptn_1', ['gdap'], { roles: [GA, HELPDESK] });
    expect(conflictCode(() => setGdapAutoExtend(withGa, true, NOW))).toBe('auto-extend-not-allowed');
    // Turning it off is always allowed.
    expect(setGdapAutoExtend(withGa, false, NOW)).toBeUndefined();
    expect(conflictCode(() => setGdapAutoExtend(fixture('ptn_1', ['reseller']), true, NOW))).toBe('no-gdap-roles');
    // Past their end, the grants are not in force either.
    expect(conflictCode(() => setGdapAutoExtend(withGa, true, addDays(NOW, 60)))).toBe('no-gdap-roles');
    const ended = terminateRelationship(withGa, NOW)!.relationship;
    expect(conflictCode(() => setGdapAutoExtend(ended, false, NOW))).toBe('relationship-terminated');
    expect(conflictCode(() => removeGdapGlobalAdmin(ended, NOW))).toBe('relationship-terminated');
  });

  it('gives up Global Administrator alone: the other grants stay, then auto-extension is allowed and the timer renews', () => {
    const r = fixture('ptn_1', ['gdap'], { roles: [GA, HELPDESK] });
    const removed = removeGdapGlobalAdmin(r, NOW);
    expect(removed.grants.map((g) => [g.roleId, g.status])).toEqual([[GA, 'removed']]);
    expect(removed.relationship.roleGrants.map((g) => [g.roleId, g.status])).toEqual([
      [GA, 'removed'],
      [HELPDESK, 'active'],
    ]);
    expect(removed.relationship.partnerTypes).toEqual(['gdap']);
    expect(conflictCode(() => removeGdapGlobalAdmin(removed.relationship, NOW))).toBe('no-global-admin');
    const on = setGdapAutoExtend(removed.relationship, true, NOW)!;
    // At its end the Helpdesk grant, granted with Global Administrator by the same invitation, now renews.
    const helpdesk = on.relationship.roleGrants.find((g) => g.roleId === HELPDESK)!;
    const step = gdapTimerStep(on.relationship, new Date(Date.parse(helpdesk.expiresAt!) + 1000))!;
    expect(step.changes.map((c) => c.kind)).toContain('extended');
    expect(step.relationship.roleGrants.find((g) => g.roleId === HELPDESK)!.expiresAt).toBe(
      addDays(new Date(helpdesk.expiresAt!), GDAP_EXTENSION_DAYS).toISOString(),
    );
    expect(conflictCode(() => removeGdapGlobalAdmin(fixture('ptn_1', ['gdap']), NOW))).toBe('no-global-admin');
  });
});

async function setup(roles: string[] = [GA, ROLE.helpdeskAdministrator]) {
  const world = inMemoryWorld();
  const accepted = await acceptedRelationship(world, gdapInput({ roles, locale: 'it' }));
  return { world, ...accepted, agent: partnerAgent(accepted.partner.partnerTenantId) };
}

describe('GDAP change use cases', () => {
  it('removing Global Administrator commits the change, its audit events and the customer’s email in one batch', async () => {
    const s = await setup();
    const group = randomUUID();
    await saveAccessAssignment(
      s.world,
      s.agent,
      s.customerTenantId,
      group,
      [GA, ROLE.helpdeskAdministrator],
      undefined,
      requestContext(),
    );
    const before = (await s.world.relationships.get(s.partner.id, s.customerTenantId))!;

    const answer = await giveUpGdapGlobalAdmin(s.world, s.agent, s.customerTenantId, before.etag, requestContext());
    const after = (await s.world.relationships.get(s.partner.id, s.customerTenantId))!;
    expect(answer.etag).toBe(after.etag);
    expect(answer.value.roleGrants.map((g) => [g.roleId, g.status])).toEqual([
      [GA, 'removed'],
      [ROLE.helpdeskAdministrator, 'active'],
    ]);
    // The group keeps Helpdesk only.
    expect(after.value.accessAssignments).toEqual([
      expect.objectContaining({ groupId: group, roleIds: [ROLE.helpdeskAdministrator] }),
    ]);

    const [email] = s.world.committedMessages({ kind: 'gdapChanged' });
    expect(email!.payload).toMatchObject({ change: 'globalAdminRemoved', customerTenantId: s.customerTenantId });
    const commit = s.world.containers.partnerData.committed.find((w) => w.id === `outbox_${email!.id}`)!;
    const batch = s.world.containers.partnerData.committed.filter((w) => w.batch === commit.batch).map((w) => w.id);
    expect(batch[0]).toBe(after.value.id);
    expect(batch).toHaveLength(4); // the relationship, the audit events, the email, the group's loss

    // Delivered twice (a redelivery): one email, in the invitation's language.
    await deliverEmailJob(s.world, email!);
    await deliverEmailJob(s.world, email!);
    const sent = s.world.emailSender.sent.filter((e) => e.jobId === email!.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.email.subject).toMatch(/amministratore globale/);
    expect(sent[0]!.email.text).toContain('Amministratore helpdesk');

    await s.world.settle();
    expect(s.world.audit.events(s.customerTenantId, 'gdap.globalAdminRemoved')).toHaveLength(1);
    expect(s.world.audit.events(s.partner.partnerTenantId, 'grant.removed')).toHaveLength(1);
    expect(s.world.audit.events(s.partner.partnerTenantId, 'accessAssignment.rolesEnded')).toHaveLength(1);
  });

  it('auto-extension: 409 with Global Administrator in force; after giving it up, on (emailed), then a stale If-Match is 412', async () => {
    const s = await setup();
    const refused = await refusal(changeGdapAutoExtend(s.world, s.agent, s.customerTenantId, true, undefined, requestContext()));
    expect(refused).toMatchObject({ status: 409, code: 'auto-extend-not-allowed' });
    const removed = await giveUpGdapGlobalAdmin(s.world, s.agent, s.customerTenantId, undefined, requestContext());
    const on = await changeGdapAutoExtend(s.world, s.agent, s.customerTenantId, true, removed.etag, requestContext());
    expect(on.value.roleGrants.find((g) => g.status === 'active')!.autoExtend).toBe(true);
    expect(s.world.committedMessages({ kind: 'gdapChanged' }).map((m) => m.payload.change)).toEqual([
      'globalAdminRemoved',
      'autoExtendEnabled',
    ]);
    // Asking again for what is already so writes nothing and tells no one.
    const messages = s.world.committedMessages().length;
    const again = await changeGdapAutoExtend(s.world, s.agent, s.customerTenantId, true, on.etag, requestContext());
    expect(again.etag).toBe(on.etag);
    expect(s.world.committedMessages().length).toBe(messages);
    expect(
      await refusal(changeGdapAutoExtend(s.world, s.agent, s.customerTenantId, false, removed.etag, requestContext())),
    ).toBeInstanceOf(PreconditionFailedError);

    // The timer renews the grants at their end.
    const end = Date.parse(on.value.roleGrants.find((g) => g.status === 'active')!.expiresAt!);
    s.world.clock.set(new Date(end + 60_000));
    await runGdapTimer(s.world, 'cid-timer');
    const renewed = (await s.world.relationships.get(s.partner.id, s.customerTenantId))!.value.roleGrants.find(
      (g) => g.status === 'active',
    )!;
    expect(Date.parse(renewed.expiresAt!)).toBeGreaterThan(end);
    expect(s.world.queueSender.messages(queues.relationshipJobs).length).toBeGreaterThan(0);
  });

  it('another partner gets 404; without Global Administrator, remove-global-admin is 409 no-global-admin', async () => {
    const s = await setup([ROLE.helpdeskAdministrator]);
    const other = await acceptedRelationship(s.world);
    const stranger = partnerAgent(other.partner.partnerTenantId);
    expect(
      (await refusal(giveUpGdapGlobalAdmin(s.world, stranger, s.customerTenantId, undefined, requestContext()))).status,
    ).toBe(404);
    expect(await refusal(giveUpGdapGlobalAdmin(s.world, s.agent, s.customerTenantId, undefined, requestContext()))).toMatchObject(
      {
        status: 409,
        code: 'no-global-admin',
      },
    );
  });
});
