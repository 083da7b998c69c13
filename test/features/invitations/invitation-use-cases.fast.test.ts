// The invitation use cases on in-memory ports: what a partner does (create, resend, revoke), what a customer answers
// (accept, decline), the acceptance job and the expiry timer — with other writers made to land between a use case's
// read and its write, as concurrent requests, the email worker or a timer would.
import { hashCode } from '../../../shared/features/invitations/invitation.js';
import { acceptInvitation, declineInvitation, reviewInvitation } from '../../../shared/features/invitations/customer-answers.js';
import { completeAcceptance, expireInvitations } from '../../../shared/features/invitations/invitation-jobs.js';
import {
  createInvitation,
  resendInvitation,
  revokeInvitation,
} from '../../../shared/features/invitations/partner-invitations.js';
import { systemActor } from '../../../shared/platform/audit/audit-log.js';
import { addDays } from '../../../shared/platform/core/clock.js';
import { emailJobEnvelope } from '../../../shared/platform/email/email-jobs.js';
import { queues } from '../../../shared/platform/queue/queues.js';
import { gdapInput, invite, latestCode, refusal, ROLE } from '../../support/in-memory/scenarios.js';
import {
  customerAdmin,
  deliverEmailJob,
  inMemoryWorld,
  newTenantId,
  partnerAgent,
  queueBody,
  requestContext,
  runRelationshipJob,
  seedPartner,
  type InMemoryWorld,
} from '../../support/in-memory/world.js';

async function setup() {
  const world = inMemoryWorld();
  const partner = await seedPartner(world);
  const customerTenantId = newTenantId();
  return {
    world,
    partner,
    partnerPrincipal: partnerAgent(partner.partnerTenantId),
    customerTenantId,
    customer: customerAdmin(customerTenantId),
  };
}

const stored = async (world: InMemoryWorld, partnerId: string, id: string) => (await world.invitations.get(partnerId, id))!;

describe('partner invitations', () => {
  it('create stores a pending invitation and commits its email (with the code, never stored) in the same batch', async () => {
    const { world, partner, partnerPrincipal, customerTenantId } = await setup();

    const created = await createInvitation(
      world,
      partnerPrincipal,
      gdapInput({ customerTenantId: customerTenantId.toUpperCase() }),
      requestContext(partnerPrincipal),
    );

    const saved = await stored(world, partner.id, created.value.id);
    expect(saved.etag).toBe(created.etag);
    expect(saved.value).toMatchObject({
      status: 'pending',
      emailStatus: 'queued',
      codeGeneration: 1,
      customerTenantId,
      durationDays: 60,
    });
    const [email, audit, ...others] = world.committedMessages({ partnerId: partner.id });
    expect(others).toEqual([]);
    expect(email).toMatchObject({
      queue: queues.emailJobs,
      payload: { kind: 'invitation', invitationId: created.value.id, codeGeneration: 1 },
    });
    expect(audit).toMatchObject({ queue: queues.auditEvents, payload: { kind: 'auditEvents' } });
    expect(hashCode(String(email!.payload.code))).toBe(saved.value.codeHash);
    expect(JSON.stringify(saved.value)).not.toContain(String(email!.payload.code));
    const commit = world.containers.partnerData.committed.find((w) => w.id === created.value.id)!;
    expect(world.containers.partnerData.committed.filter((w) => w.batch === commit.batch).map((w) => w.id)).toEqual([
      created.value.id,
      `outbox_${email!.id}`,
      `outbox_${audit!.id}`,
    ]);
    // Dispatched after the commit: on the queue; out of the outbox once their consumers handled them.
    expect(world.queueSender.messages(queues.emailJobs)).toEqual([queueBody(email!)]);
    expect(world.queueSender.messages(queues.auditEvents)).toEqual([queueBody(audit!)]);
    expect(world.outbox.pending().map((d) => d.id)).toEqual([`outbox_${email!.id}`, `outbox_${audit!.id}`]);
    // The audit events are written off the request, by the audit-events queue's job.
    expect(world.audit.events(partner.partnerTenantId, 'invitation.created')).toEqual([]);
    await world.settle();
    expect(await deliverEmailJob(world, email!)).toBe('sent');
    expect(world.outbox.pending()).toEqual([]);
    expect(world.audit.events(partner.partnerTenantId, 'invitation.created')).toHaveLength(1);
    expect(world.audit.events(customerTenantId, 'invitation.created')).toHaveLength(1);
  });

  it.each([
    [
      'advisor with roles',
      { customerEmail: 'a@customer.example.test', partnerType: 'advisor', roles: [ROLE.userAdministrator] },
      'roles-not-allowed',
    ],
    [
      'GDAP without a duration',
      { customerEmail: 'a@customer.example.test', partnerType: 'gdap', roles: [ROLE.userAdministrator] },
      'duration-required',
    ],
  ] as const)('the role policy refuses %s (%#) and nothing is stored', async (_name, input, code) => {
    const { world, partner, partnerPrincipal } = await setup();

    const error = await refusal(
      createInvitation(world, partnerPrincipal, { ...input, roles: [...input.roles] }, requestContext()),
    );

    expect(error).toMatchObject({ status: 400, code });
    expect(
      (await world.invitations.list(partner.id, undefined, world.clock.now().toISOString(), { pageSize: 10 })).items,
    ).toEqual([]);
    expect(world.committedMessages()).toEqual([]);
  });

  it('a partner cannot invite its own tenant (400 self-invitation)', async () => {
    const { world, partner, partnerPrincipal } = await setup();
    const error = await refusal(
      createInvitation(world, partnerPrincipal, gdapInput({ customerTenantId: partner.partnerTenantId }), requestContext()),
    );
    expect(error).toMatchObject({ status: 400, code: 'self-invitation' });
    expect(world.committedMessages()).toEqual([]);
  });

  it('resend: a new code and email; the old code stops working and its queued email sends nothing', async () => {
    const { world, partner, partnerPrincipal, customer } = await setup();
    const first = await invite(world, partner);
    const [firstEmail] = world.committedMessages({ kind: 'invitation' });

    const resent = await resendInvitation(world, partnerPrincipal, first.id, undefined, requestContext(partnerPrincipal));

    expect(resent.value.resendCount).toBe(1);
    const saved = await stored(world, partner.id, first.id);
    expect(saved.value).toMatchObject({ status: 'pending', codeGeneration: 2, emailStatus: 'queued' });
    const code = latestCode(world, first.id);
    expect(code).not.toBe(first.code);
    expect(hashCode(code)).toBe(saved.value.codeHash);
    expect(await refusal(reviewInvitation(world, customer, first.id, first.code))).toMatchObject({ status: 404 });
    expect((await reviewInvitation(world, customer, first.id, code)).id).toBe(first.id);
    // The first email, delivered late, is stale: nothing is sent for it.
    expect(await deliverEmailJob(world, firstEmail!)).toBe('skipped');
    expect(world.emailSender.sent).toEqual([]);
  });

  it('resend with an If-Match the email worker has since outdated: 412, nothing changes', async () => {
    const { world, partner, partnerPrincipal } = await setup();
    const first = await invite(world, partner);
    expect(await deliverEmailJob(world, world.committedMessages({ kind: 'invitation' })[0]!)).toBe('sent');
    const afterEmail = await stored(world, partner.id, first.id);
    expect(afterEmail.value.emailStatus).toBe('sent');

    const error = await refusal(resendInvitation(world, partnerPrincipal, first.id, first.etag, requestContext()));

    expect(error).toMatchObject({ status: 412, code: 'precondition-failed' });
    expect(await stored(world, partner.id, first.id)).toEqual(afterEmail);
    expect(world.committedMessages({ kind: 'invitation' })).toHaveLength(1);
    // With the current ETag it goes through.
    await resendInvitation(world, partnerPrincipal, first.id, afterEmail.etag, requestContext());
    expect((await stored(world, partner.id, first.id)).value.codeGeneration).toBe(2);
  });

  it('revoke: the invitation is revoked, and neither the customer nor a second revoke can act on it', async () => {
    const { world, partner, partnerPrincipal, customer } = await setup();
    const inv = await invite(world, partner);

    const revoked = await revokeInvitation(world, partnerPrincipal, inv.id, undefined, requestContext());

    expect(revoked.value.status).toBe('revoked');
    expect((await stored(world, partner.id, inv.id)).value).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(
      await refusal(acceptInvitation(world, customer, inv.id, { code: inv.code, acceptAgreement: true }, requestContext())),
    ).toMatchObject({
      status: 409,
      code: 'invitation-revoked',
    });
    expect(await refusal(revokeInvitation(world, partnerPrincipal, inv.id, undefined, requestContext()))).toMatchObject({
      status: 409,
    });
    expect(await world.relationships.get(partner.id, customer.tenantId)).toBeUndefined();
    await world.settle();
    expect(world.audit.events(partner.partnerTenantId, 'invitation.revoked')).toHaveLength(1);
  });
});

describe('customer answers', () => {
  it('accept without the agreement ticked (and not accepted before): 400 agreement-required, nothing changes', async () => {
    const { world, partner, customer } = await setup();
    const inv = await invite(world, partner);
    const before = await stored(world, partner.id, inv.id);

    const error = await refusal(acceptInvitation(world, customer, inv.id, { code: inv.code }, requestContext()));

    expect(error).toMatchObject({ status: 400, code: 'agreement-required', errors: { acceptAgreement: [expect.any(String)] } });
    expect(await stored(world, partner.id, inv.id)).toEqual(before);
    expect(await world.relationships.get(partner.id, customer.tenantId)).toBeUndefined();
    // Only what the invitation's creation committed (its email and its audit events).
    expect(world.committedMessages().map((m) => m.payload.kind)).toEqual(['invitation', 'auditEvents']);
  });

  it('accept with the agreement ticked: one batch commits the answer, the relationship, the emails, the audit and the agreement job', async () => {
    const { world, partner, customer } = await setup();
    const inv = await invite(world, partner);

    const answer = await acceptInvitation(
      world,
      customer,
      inv.id,
      { code: inv.code, acceptAgreement: true },
      requestContext(customer),
    );

    const invitation = await stored(world, partner.id, inv.id);
    expect(invitation.value).toMatchObject({
      status: 'accepted',
      acceptedBy: { tenantId: customer.tenantId, userId: customer.userId },
      agreementAccepted: { version: world.config.CUSTOMER_AGREEMENT_VERSION, userId: customer.userId },
      relationshipId: answer.value.id,
    });
    const commit = world.containers.partnerData.committed.find((w) => w.id === inv.id && w.doc?.status === 'accepted')!;
    const batch = world.containers.partnerData.committed.filter((w) => w.batch === commit.batch);
    const [audit] = world.committedMessages({ kind: 'auditEvents' }).slice(-1);
    expect(batch.map((w) => [w.operation, w.id])).toEqual([
      ['replace', inv.id],
      ['create', answer.value.id],
      ['create', `outbox_inv-accepted_${inv.id}`],
      ['create', `outbox_inv-accept-confirm_${inv.id}`],
      ['create', `outbox_${audit!.id}`],
      // The agreement is recorded after the batch (another container): this job records it should the request die.
      ['create', `outbox_apply_${inv.id}`],
    ]);
    expect(world.queueSender.messages(queues.relationshipJobs)).toEqual([
      {
        id: `apply_${inv.id}`,
        kind: 'applyAcceptedInvitation',
        partnerId: partner.id,
        invitationId: inv.id,
        outboxPartitionKey: partner.id,
      },
    ]);
    expect(world.queueSender.messages(queues.emailJobs).map((m) => m.kind)).toEqual([
      'invitation',
      'invitationAccepted',
      'acceptanceConfirmation',
    ]);
    // In the batch: the relationship the answer carries, the agreement recorded for the tenant right after.
    expect(answer.value).toMatchObject({ status: 'active', partnerTypes: ['gdap'], agreement: { accepted: true } });
    expect(answer.value.roleGrants.map((g) => g.status)).toEqual(['active', 'active']);
    expect((await world.relationships.get(partner.id, customer.tenantId))!.etag).toBe(answer.etag);
    expect(await world.agreements.get(customer.tenantId, world.config.CUSTOMER_AGREEMENT_VERSION)).toMatchObject({
      context: { invitationId: inv.id, partnerId: partner.id },
    });
    await world.settle();
    expect(
      world.audit
        .events(customer.tenantId)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['agreement.accepted', 'invitation.accepted', 'relationship.created'].sort());
  });

  it('a tenant that accepted the agreement before need not tick it again, and its acceptance stands', async () => {
    const { world, partner, customer } = await setup();
    const earlier = { userId: 'someone-earlier' };
    await world.agreements.record({
      customerTenantId: customer.tenantId,
      version: world.config.CUSTOMER_AGREEMENT_VERSION,
      acceptedAt: '2024-06-01T00:00:00.000Z',
      acceptedBy: earlier,
    });
    const inv = await invite(world, partner);

    await acceptInvitation(world, customer, inv.id, { code: inv.code }, requestContext());

    expect((await stored(world, partner.id, inv.id)).value.agreementAccepted).toBeUndefined();
    expect(await world.agreements.get(customer.tenantId, world.config.CUSTOMER_AGREEMENT_VERSION)).toMatchObject({
      acceptedBy: earlier,
    });
  });

  it('the partner’s own tenant cannot accept its invitation (403 self-invitation)', async () => {
    const { world, partner } = await setup();
    const inv = await invite(world, partner);
    const partnerAsCustomer = customerAdmin(partner.partnerTenantId);

    const error = await refusal(
      acceptInvitation(world, partnerAsCustomer, inv.id, { code: inv.code, acceptAgreement: true }, requestContext()),
    );

    expect(error).toMatchObject({ status: 403, code: 'self-invitation' });
    expect((await stored(world, partner.id, inv.id)).value.status).toBe('pending');
  });

  it('a wrong code, and another tenant’s invitation with the right code, both look missing (404)', async () => {
    const { world, partner, customer, customerTenantId } = await setup();
    const inv = await invite(world, partner, gdapInput({ customerTenantId }));
    const before = await stored(world, partner.id, inv.id);
    const stranger = customerAdmin(newTenantId());

    const wrongCode = await refusal(
      acceptInvitation(world, customer, inv.id, { code: `${inv.code}x`, acceptAgreement: true }, requestContext()),
    );
    const otherTenant = await refusal(
      acceptInvitation(world, stranger, inv.id, { code: inv.code, acceptAgreement: true }, requestContext()),
    );
    const otherReview = await refusal(reviewInvitation(world, stranger, inv.id, inv.code));

    for (const error of [wrongCode, otherTenant, otherReview]) expect(error).toMatchObject({ status: 404, code: 'not-found' });
    expect(wrongCode.detail).toBe(otherTenant.detail);
    expect(await stored(world, partner.id, inv.id)).toEqual(before);
  });

  it.each(['decline', 'revoke'] as const)(
    'accept racing a %s: exactly one wins, the loser gets 409 and commits nothing',
    async (racer) => {
      const { world, partner, partnerPrincipal, customer } = await setup();
      const inv = await invite(world, partner);
      world.invitations.beforeNextWrite(() =>
        racer === 'decline'
          ? declineInvitation(world, customer, inv.id, inv.code, requestContext(customer))
          : revokeInvitation(world, partnerPrincipal, inv.id, undefined, requestContext(partnerPrincipal)),
      );

      const error = await refusal(
        acceptInvitation(world, customer, inv.id, { code: inv.code, acceptAgreement: true }, requestContext(customer)),
      );

      const status = racer === 'decline' ? 'declined' : 'revoked';
      expect(error).toMatchObject({ status: 409, code: `invitation-${status}` });
      expect((await stored(world, partner.id, inv.id)).value.status).toBe(status);
      expect(await world.relationships.get(partner.id, customer.tenantId)).toBeUndefined();
      expect(await world.agreements.get(customer.tenantId, world.config.CUSTOMER_AGREEMENT_VERSION)).toBeUndefined();
      expect(world.committedMessages({ kind: 'applyAcceptedInvitation' })).toEqual([]);
      expect(world.committedMessages({ kind: 'invitationAccepted' })).toEqual([]);
      expect(world.audit.events(partner.partnerTenantId, 'invitation.accepted')).toEqual([]);
    },
  );

  it('decline racing an accept: the accept wins, the decline gets 409 invitation-accepted', async () => {
    const { world, partner, customer } = await setup();
    const inv = await invite(world, partner);
    world.invitations.beforeNextWrite(() =>
      acceptInvitation(world, customer, inv.id, { code: inv.code, acceptAgreement: true }, requestContext(customer)),
    );

    const error = await refusal(declineInvitation(world, customer, inv.id, inv.code, requestContext(customer)));

    expect(error).toMatchObject({ status: 409, code: 'invitation-accepted' });
    expect((await stored(world, partner.id, inv.id)).value.status).toBe('accepted');
    expect((await world.relationships.get(partner.id, customer.tenantId))!.value.status).toBe('active');
    expect(world.committedMessages({ kind: 'invitationDeclined' })).toEqual([]);
  });

  it('accept racing the email worker’s status write: decided again on the fresh read, and both writes are kept', async () => {
    const { world, partner, customer } = await setup();
    const inv = await invite(world, partner);
    const [email] = world.committedMessages({ kind: 'invitation' });
    let delivered: string | undefined;
    world.invitations.beforeNextWrite(async () => (delivered = await deliverEmailJob(world, email!)));

    const answer = await acceptInvitation(
      world,
      customer,
      inv.id,
      { code: inv.code, acceptAgreement: true },
      requestContext(customer),
    );

    expect(delivered).toBe('sent');
    expect(answer.value.status).toBe('active');
    // Had the accept not been decided again, it would have failed, or overwritten the worker's emailStatus.
    expect((await stored(world, partner.id, inv.id)).value).toMatchObject({
      status: 'accepted',
      emailStatus: 'sent',
      emailSentAt: expect.any(String),
    });
    expect(world.committedMessages({ kind: 'applyAcceptedInvitation' })).toHaveLength(1);
  });

  it('the acceptance job applies an accepted invitation once, however often it runs', async () => {
    const { world, partner, customer } = await setup();
    const inv = await invite(world, partner);
    await acceptInvitation(world, customer, inv.id, { code: inv.code, acceptAgreement: true }, requestContext(customer));
    const afterAccept = await world.relationships.get(partner.id, customer.tenantId);
    const [job] = world.committedMessages({ kind: 'applyAcceptedInvitation' });

    await runRelationshipJob(world, job!);
    await runRelationshipJob(world, job!);
    await completeAcceptance(world, (await stored(world, partner.id, inv.id)).value, systemActor, 'cid-again');

    const relationship = await world.relationships.get(partner.id, customer.tenantId);
    expect(relationship).toEqual(afterAccept);
    expect(relationship!.value.appliedInvitations).toEqual([inv.id]);
    expect(relationship!.value.roleGrants).toHaveLength(2);
    await world.settle();
    expect(world.audit.events(customer.tenantId, 'relationship.created')).toHaveLength(1);
    expect(world.audit.events(customer.tenantId, 'agreement.accepted')).toHaveLength(1);
  });

  it('an acceptance whose request died before recording the agreement is finished by its queued job', async () => {
    const { world, partner, customer } = await setup();
    const inv = await invite(world, partner);
    // The instance dies right after committing the batch, as it starts to record the agreement (another container).
    world.agreements.beforeNextWrite(async () => {
      throw new Error('instance died');
    });

    await expect(
      acceptInvitation(world, customer, inv.id, { code: inv.code, acceptAgreement: true }, requestContext(customer)),
    ).rejects.toThrow('instance died');
    expect((await stored(world, partner.id, inv.id)).value.status).toBe('accepted');
    expect((await world.relationships.get(partner.id, customer.tenantId))!.value).toMatchObject({
      status: 'active',
      appliedInvitations: [inv.id],
    });
    expect(await world.agreements.get(customer.tenantId, world.config.CUSTOMER_AGREEMENT_VERSION)).toBeUndefined();
    // Nothing was dispatched: the sweep sends what the batch committed once its grace period is over.
    expect(world.queueSender.messages(queues.relationshipJobs)).toEqual([]);
    world.clock.advance(5 * 60_000);
    await world.outbox.sweep(60);

    const [job] = world.committedMessages({ kind: 'applyAcceptedInvitation' });
    expect(world.queueSender.messages(queues.relationshipJobs)).toEqual([queueBody(job!)]);
    await runRelationshipJob(world, job!);

    expect(await world.agreements.get(customer.tenantId, world.config.CUSTOMER_AGREEMENT_VERSION)).toMatchObject({
      version: world.config.CUSTOMER_AGREEMENT_VERSION,
      context: { invitationId: inv.id, partnerId: partner.id },
    });
    const relationship = await world.relationships.get(partner.id, customer.tenantId);
    expect(relationship!.value.roleGrants).toHaveLength(2);
    await world.settle();
    expect(world.audit.events(customer.tenantId, 'agreement.accepted')).toHaveLength(1);
    expect(world.audit.events(customer.tenantId, 'relationship.created')).toHaveLength(1);
  });
});

describe('invitation expiry timer', () => {
  it('expires a pending invitation after 90 days, once, however often it runs', async () => {
    const { world, partner } = await setup();
    const inv = await invite(world, partner);
    world.clock.set(addDays(world.clock.now(), 89));
    expect(await expireInvitations(world, 'cid-timer')).toBe(0);

    world.clock.set(addDays(world.clock.now(), 1.01));
    expect(await expireInvitations(world, 'cid-timer')).toBe(1);
    expect(await expireInvitations(world, 'cid-timer')).toBe(0);

    expect((await stored(world, partner.id, inv.id)).value).toMatchObject({ status: 'expired', expiredAt: expect.any(String) });
    expect(world.audit.events(partner.partnerTenantId, 'invitation.expired')).toHaveLength(1);
  });

  it('a timer write that loses to another writer leaves the invitation for its next run', async () => {
    const { world, partner } = await setup();
    const inv = await invite(world, partner);
    const [email] = world.committedMessages({ kind: 'invitation' });
    world.clock.set(addDays(world.clock.now(), 91));
    // The email worker gives up on the email (its job went to the poison queue) between the timer's query and write.
    world.invitations.beforeNextWrite(() =>
      world.emailKinds.invitation!.undeliverable(emailJobEnvelope.parse(email!.payload), 'cid-poison'),
    );

    expect(await expireInvitations(world, 'cid-timer')).toBe(0);
    expect((await stored(world, partner.id, inv.id)).value).toMatchObject({ status: 'pending', emailStatus: 'failed' });

    expect(await expireInvitations(world, 'cid-timer')).toBe(1);
    expect((await stored(world, partner.id, inv.id)).value).toMatchObject({ status: 'expired', emailStatus: 'failed' });
    // And an expired invitation's email, delivered late, sends nothing.
    expect(await deliverEmailJob(world, email!)).toBe('skipped');
  });
});
