// The relationship lifecycle on in-memory ports: the customer removes admin roles, the partner terminates, the GDAP
// timer expires, extends and notices — each with other writers made to land between its read and its write.
import { runGdapTimer } from '../../../shared/features/relationships/gdap-timer.js';
import {
  refuseCustomerRelationshipDeletion,
  removePartnerAdminRoles,
  terminateCustomerRelationship,
} from '../../../shared/features/relationships/relationship-lifecycle-use-cases.js';
import { GDAP_EXTENSION_DAYS } from '../../../shared/features/relationships/relationship-lifecycle.js';
import { acceptInvitation } from '../../../shared/features/invitations/customer-answers.js';
import { listCustomerRelationships } from '../../../shared/features/relationships/relationship-read-side.js';
import { addDays } from '../../../shared/platform/core/clock.js';
import { queues } from '../../../shared/platform/queue/queues.js';
import { acceptedRelationship, gdapInput, invite, refusal, ROLE } from '../../support/in-memory/scenarios.js';
import {
  customerAdmin,
  inMemoryWorld,
  newTenantId,
  partnerAgent,
  queueBody,
  requestContext,
  runRelationshipJob,
  type InMemoryWorld,
} from '../../support/in-memory/world.js';

const HOUR = 3_600_000;

async function setup(input = gdapInput()) {
  const world = inMemoryWorld();
  const accepted = await acceptedRelationship(world, input);
  return { world, ...accepted, partnerPrincipal: partnerAgent(accepted.partner.partnerTenantId) };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const current = async ({ world, partner, customerTenantId }: Setup) =>
  (await world.relationships.get(partner.id, customerTenantId))!;

/** The partner invites the same customer again and the customer accepts: the relationship is extended. */
async function acceptAnother(s: Setup, roles: string[] = [ROLE.globalReader]) {
  const inv = await invite(s.world, s.partner, gdapInput({ roles }));
  await acceptInvitation(s.world, s.customer, inv.id, { code: inv.code }, requestContext(s.customer));
  return inv.id;
}

const moveTo = (world: InMemoryWorld, at: number) => world.clock.set(new Date(at));

describe('the customer removes admin roles', () => {
  it('ends every grant in force, commits the removal job with the change, and the job runs once in effect', async () => {
    const s = await setup();
    const { world, customer, partner } = s;

    const answer = await removePartnerAdminRoles(world, customer, partner.id, undefined, requestContext(customer));

    expect(answer.value.roleGrants.map((g) => g.status)).toEqual(['removed', 'removed']);
    const saved = await current(s);
    expect(saved.etag).toBe(answer.etag);
    expect(saved.value.roleGrants.every((g) => g.status === 'removed' && g.endedAt)).toBe(true);
    // No grant stands for GDAP any more, so the type goes; the relationship stays.
    expect(saved.value).toMatchObject({ status: 'active', partnerTypes: [] });
    const [job] = world.committedMessages({ kind: 'processRoleRemoval' });
    expect(job!.payload).toMatchObject({
      customerTenantId: customer.tenantId,
      grants: saved.value.roleGrants.map((g) => ({ grantId: g.id })),
    });
    const commit = world.containers.partnerData.committed.find((w) => w.id === `outbox_${job!.id}`)!;
    expect(world.containers.partnerData.committed.filter((w) => w.batch === commit.batch).map((w) => w.id)).toEqual([
      saved.value.id,
      `outbox_${job!.id}`,
    ]);
    expect(world.queueSender.messages(queues.relationshipJobs)).toContainEqual(queueBody(job!));

    await runRelationshipJob(world, job!);
    await runRelationshipJob(world, job!);
    expect(world.audit.events(customer.tenantId, 'relationship.rolesRemoved')).toHaveLength(1);
    expect(world.audit.events(customer.tenantId, 'grant.removed')).toHaveLength(2);
    const notices = world.queueSender.messages(queues.emailJobs).filter((m) => m.kind === 'rolesRemoved');
    expect(new Set(notices.map((m) => m.id)).size).toBe(1);
  });

  it('with no grant in force: 409 no-admin-roles, nothing written', async () => {
    const s = await setup();
    await removePartnerAdminRoles(s.world, s.customer, s.partner.id, undefined, requestContext());
    const before = await current(s);
    const committed = s.world.containers.partnerData.committed.length;

    const error = await refusal(removePartnerAdminRoles(s.world, s.customer, s.partner.id, undefined, requestContext()));

    expect(error).toMatchObject({ status: 409, code: 'no-admin-roles' });
    expect(await current(s)).toEqual(before);
    expect(s.world.containers.partnerData.committed).toHaveLength(committed);
  });

  it('with an If-Match the GDAP timer has since outdated: 412, the grants stay', async () => {
    const s = await setup();
    const seen = await current(s);
    moveTo(s.world, Date.parse(seen.value.roleGrants[0]!.expiresAt!) - 30 * 24 * HOUR + HOUR);
    expect(await runGdapTimer(s.world, 'cid-timer')).toEqual({ relationships: 1, changes: 2 });
    const afterTimer = await current(s);

    const error = await refusal(removePartnerAdminRoles(s.world, s.customer, s.partner.id, seen.etag, requestContext()));

    expect(error).toMatchObject({ status: 412 });
    expect(await current(s)).toEqual(afterTimer);
    expect(afterTimer.value.roleGrants.map((g) => g.status)).toEqual(['active', 'active']);
  });

  it('racing another acceptance (no If-Match): decided again, so the grants that acceptance added are removed too', async () => {
    const s = await setup();
    let raced: string | undefined;
    s.world.relationships.beforeNextWrite(async () => (raced = await acceptAnother(s)));

    const answer = await removePartnerAdminRoles(s.world, s.customer, s.partner.id, undefined, requestContext());

    const saved = await current(s);
    expect(saved.value.appliedInvitations).toEqual([s.invitation.id, raced]);
    expect(saved.value.roleGrants.map((g) => g.status)).toEqual(['removed', 'removed', 'removed']);
    expect(answer.value.roleGrants).toHaveLength(3);
    const jobs = s.world.committedMessages({ kind: 'processRoleRemoval' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload.grants).toHaveLength(3);
  });

  it('customers cannot end the relationship (409 contact-partner); a tenant without one gets 404', async () => {
    const s = await setup();
    expect(await refusal(refuseCustomerRelationshipDeletion(s.world, s.customer, s.partner.id))).toMatchObject({
      status: 409,
      code: 'contact-partner',
    });
    expect(await refusal(refuseCustomerRelationshipDeletion(s.world, customerAdmin(newTenantId()), s.partner.id))).toMatchObject({
      status: 404,
    });
  });
});

describe('the partner terminates', () => {
  it('ends the relationship and every grant, commits the termination job; a second termination is 409', async () => {
    const s = await setup();

    const answer = await terminateCustomerRelationship(
      s.world,
      s.partnerPrincipal,
      s.customerTenantId,
      undefined,
      requestContext(),
    );

    expect(answer.value).toMatchObject({ status: 'terminated', terminatedAt: expect.any(String) });
    const saved = await current(s);
    expect(saved.value.roleGrants.map((g) => g.status)).toEqual(['terminated', 'terminated']);
    const [job] = s.world.committedMessages({ kind: 'processTermination' });
    expect(job!.payload.terminatedGrants).toHaveLength(2);

    expect(
      await refusal(terminateCustomerRelationship(s.world, s.partnerPrincipal, s.customerTenantId, undefined, requestContext())),
    ).toMatchObject({ status: 409, code: 'relationship-terminated' });
    expect(await current(s)).toEqual(saved);
    expect(s.world.committedMessages({ kind: 'processTermination' })).toHaveLength(1);
  });

  it('the customer’s list follows the change once the change feed carried it to its view', async () => {
    const s = await setup();
    const list = async () =>
      (await listCustomerRelationships(s.world, s.customer, { pageSize: 10 })).items.map((r) => [r.partner.id, r.status]);
    // The acceptance reaches the customer's own partition through the change feed, not with the request.
    expect(await list()).toEqual([]);
    await s.world.settle();
    expect(await list()).toEqual([[s.partner.id, 'active']]);

    await terminateCustomerRelationship(s.world, s.partnerPrincipal, s.customerTenantId, undefined, requestContext());

    expect(await list()).toEqual([[s.partner.id, 'active']]);
    await s.world.settle();
    expect(await list()).toEqual([[s.partner.id, 'terminated']]);
    // Another customer's list never shows it.
    expect((await listCustomerRelationships(s.world, customerAdmin(newTenantId()), { pageSize: 10 })).items).toEqual([]);
  });

  it('with a stale If-Match: 412, still active', async () => {
    const s = await setup();
    const seen = await current(s);
    await acceptAnother(s);

    const error = await refusal(
      terminateCustomerRelationship(s.world, s.partnerPrincipal, s.customerTenantId, seen.etag, requestContext()),
    );

    expect(error).toMatchObject({ status: 412 });
    expect((await current(s)).value.status).toBe('active');
  });
});

describe('the GDAP timer', () => {
  it('expires grants at their end, once, however often it runs', async () => {
    const s = await setup(gdapInput({ durationDays: 60 }));
    const end = (await current(s)).value.roleGrants[0]!.expiresAt!;
    moveTo(s.world, Date.parse(end) + HOUR);

    expect(await runGdapTimer(s.world, 'cid-1')).toEqual({ relationships: 1, changes: 2 });
    expect(await runGdapTimer(s.world, 'cid-2')).toEqual({ relationships: 0, changes: 0 });

    const saved = await current(s);
    expect(saved.value.roleGrants.map((g) => [g.status, g.endedAt])).toEqual([
      ['expired', end],
      ['expired', end],
    ]);
    expect(saved.value.partnerTypes).toEqual([]);
    expect(saved.value.history.at(-1)).toMatchObject({ event: 'grantsExpired', at: end });
    const jobs = s.world.committedMessages({ kind: 'processGrantChanges' });
    expect(jobs).toHaveLength(1);
    expect((jobs[0]!.payload.changes as { kind: string }[]).map((c) => c.kind)).toEqual(['expired', 'expired']);
  });

  it(`extends auto-extending grants by ${GDAP_EXTENSION_DAYS} days at their end, once`, async () => {
    const s = await setup(gdapInput({ durationDays: 60, autoExtend: true }));
    const end = (await current(s)).value.roleGrants[0]!.expiresAt!;
    moveTo(s.world, Date.parse(end) + HOUR);

    expect(await runGdapTimer(s.world, 'cid-1')).toEqual({ relationships: 1, changes: 2 });
    expect(await runGdapTimer(s.world, 'cid-2')).toEqual({ relationships: 0, changes: 0 });

    const extendedTo = addDays(new Date(end), GDAP_EXTENSION_DAYS).toISOString();
    const saved = await current(s);
    expect(saved.value.roleGrants.map((g) => [g.status, g.expiresAt])).toEqual([
      ['active', extendedTo],
      ['active', extendedTo],
    ]);
    expect(saved.value.history.at(-1)).toMatchObject({ event: 'grantsExtended', expiresAt: extendedTo });
    expect(s.world.committedMessages({ kind: 'processGrantChanges' })).toHaveLength(1);
  });

  it('queues the 30-day notice once, even when a second run overlaps it', async () => {
    const s = await setup(gdapInput({ durationDays: 60 }));
    const end = Date.parse((await current(s)).value.roleGrants[0]!.expiresAt!);
    moveTo(s.world, end - 30 * 24 * HOUR + HOUR);
    let overlapping: Awaited<ReturnType<typeof runGdapTimer>> | undefined;
    s.world.relationships.beforeNextWrite(async () => (overlapping = await runGdapTimer(s.world, 'cid-overlap')));

    const outer = await runGdapTimer(s.world, 'cid-outer');

    // The overlapping run won the write; the outer one re-read and found nothing left to do.
    expect(overlapping).toEqual({ relationships: 1, changes: 2 });
    expect(outer).toEqual({ relationships: 0, changes: 0 });
    expect(await runGdapTimer(s.world, 'cid-later')).toEqual({ relationships: 0, changes: 0 });
    const jobs = s.world.committedMessages({ kind: 'processGrantChanges' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload.changes).toEqual([
      expect.objectContaining({ kind: 'notice', days: 30 }),
      expect.objectContaining({ kind: 'notice', days: 30 }),
    ]);
    expect((await current(s)).value.roleGrants.map((g) => g.expiryNoticesSent)).toEqual([[30], [30]]);
  });

  it('a notice racing another write is decided again on the fresh relationship, which keeps both changes', async () => {
    const s = await setup(gdapInput({ durationDays: 60 }));
    const end = Date.parse((await current(s)).value.roleGrants[0]!.expiresAt!);
    moveTo(s.world, end - 30 * 24 * HOUR + HOUR);
    let raced: string | undefined;
    s.world.relationships.beforeNextWrite(async () => (raced = await acceptAnother(s)));

    expect(await runGdapTimer(s.world, 'cid-timer')).toEqual({ relationships: 1, changes: 2 });

    const saved = await current(s);
    expect(saved.value.appliedInvitations).toEqual([s.invitation.id, raced]);
    // The new grant (60 days from now) needs no notice yet; the two old ones got theirs.
    expect(saved.value.roleGrants.map((g) => g.expiryNoticesSent ?? [])).toEqual([[30], [30], []]);
    expect(s.world.committedMessages({ kind: 'processGrantChanges' })).toHaveLength(1);
  });

  it('contention that outlasts the retry policy leaves the relationship to the next run, without failing the run', async () => {
    const s = await setup(gdapInput({ durationDays: 60 }));
    const end = Date.parse((await current(s)).value.roleGrants[0]!.expiresAt!);
    moveTo(s.world, end - 30 * 24 * HOUR + HOUR);
    // Some other writer changes the relationship before every write the timer attempts.
    s.world.relationships.beforeNextWrite(async () => {
      const now = await current(s);
      await s.world.relationships.replace(now.value, now.etag, [], s.world.clock.now());
    }, Infinity);

    expect(await runGdapTimer(s.world, 'cid-busy')).toEqual({ relationships: 0, changes: 0 });
    s.world.relationships.races.clear();
    expect((await current(s)).value.roleGrants.map((g) => g.expiryNoticesSent)).toEqual([undefined, undefined]);
    expect(s.world.committedMessages({ kind: 'processGrantChanges' })).toEqual([]);

    expect(await runGdapTimer(s.world, 'cid-next')).toEqual({ relationships: 1, changes: 2 });
  });
});
