// Use cases of invitations (SPEC §4.3, §4.4): the partner creates, lists, resends and revokes; the customer admin
// reviews, accepts (with the Customer Agreement) or declines; a timer expires; the email worker records delivery.
//
// Concurrency: every change to an invitation is a conditional replace on its ETag, so of accept, decline, revoke,
// resend and expiry racing on one invitation exactly one wins; a loser re-reads and gets 409 with the new status.
// Effects that must follow a change (emails, the relationship) are stored in the same batch as outbox messages.
import type { RequestContext } from '../../platform/core/request-context.js';
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import { currentAgreementStatus, type AgreementConfig } from '../agreements/customer-agreement.js';
import { actorOf, systemActor, type AuditActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../platform/core/errors.js';
import { derivedId, newId, newSecret } from '../../platform/core/ids.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { emailJobMessage } from '../../platform/email/email-jobs.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import { relationshipIdFor, type CustomerRelationshipView } from '../relationships/relationship.js';
import { relationshipJobMessage } from '../relationships/relationship-jobs.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import { applyAcceptedInvitationToRelationship, customerView } from '../relationships/relationship-read-side.js';
import {
  acceptTransition,
  assertPending,
  codeMatches,
  declineTransition,
  emailFailedTransition,
  emailSentTransition,
  expireTransition,
  hashCode,
  INVITATION_CODE_BYTES,
  newInvitation,
  resendTransition,
  resolveRolePolicy,
  revokeTransition,
  visibleToTenant,
  type Invitation,
  type InvitationInput,
  type InvitationStatus,
} from './invitation.js';
import type { InvitationRepository } from './invitation-repository.js';
import {
  toCustomerInvitationView,
  toPartnerInvitationView,
  type CustomerInvitationView,
  type PartnerInvitationView,
} from './invitation-views.js';

export interface InvitationDeps {
  partners: PartnerRepository;
  invitations: InvitationRepository;
  relationships: RelationshipRepository;
  agreements: AgreementRepository;
  outbox: OutboxDispatcher;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

/**
 * A conditional replace loses when anything else wrote the invitation since it was read — a rival answer, or just
 * the email worker recording delivery. Then the use case re-reads and re-decides; after this many losses it gives up.
 */
const MAX_ATTEMPTS = 5;

const changedMeanwhile = () =>
  new ConflictError('invitation-changed', 'The invitation changed while this request was being handled; read it again.');

const invitationEmail = (invitation: Invitation, code: string): QueueMessage =>
  emailJobMessage({
    id: `invite_${invitation.id}_${invitation.codeGeneration}`,
    kind: 'invitation',
    partnerId: invitation.partnerId,
    invitationId: invitation.id,
    codeGeneration: invitation.codeGeneration,
    code,
  });

const auditTenants = (invitation: Invitation) => [invitation.partnerTenantId, invitation.customerTenantId];

// ---- partner side (SPEC §4.3) ----

export async function createInvitation(
  deps: InvitationDeps,
  principal: Principal,
  input: InvitationInput,
  ctx: RequestContext,
): Promise<Versioned<PartnerInvitationView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const policy = resolveRolePolicy(input);
  if (input.customerTenantId && input.customerTenantId.toLowerCase() === partner.partnerTenantId.toLowerCase()) {
    throw new ValidationError(
      'A partner cannot invite its own tenant.',
      { customerTenantId: ['your own tenant'] },
      'self-invitation',
    );
  }
  const now = deps.clock.now();
  const code = newSecret(INVITATION_CODE_BYTES);
  const invitation = newInvitation({
    id: ctx.operationKey ? derivedId('inv', ctx.operationKey) : newId('inv'),
    partnerId: partner.id,
    partnerTenantId: partner.partnerTenantId,
    input,
    policy,
    codeHash: hashCode(code),
    now,
  });
  const email = invitationEmail(invitation, code);
  const stored = await deps.invitations.create(invitation, [outboxCreateOperation(partner.id, email, now)]);
  if (stored === 'exists') {
    // A retry of a request that already created it (same Idempotency-Key and body): answer that invitation.
    const existing = await deps.invitations.get(partner.id, invitation.id);
    if (existing) return { value: toPartnerInvitationView(existing.value, now), etag: existing.etag };
    throw changedMeanwhile();
  }
  await deps.outbox.dispatch(partner.id, [email]);
  await deps.audit.record({
    actor: actorOf(principal, 'partner'),
    action: 'invitation.created',
    target: { type: 'invitation', id: invitation.id },
    correlationId: ctx.correlationId,
    details: { partnerType: invitation.partnerType, roles: invitation.roles },
    tenants: auditTenants(invitation),
  });
  ctx.logger.info('invitation created', {
    partnerId: partner.id,
    invitationId: invitation.id,
    partnerType: invitation.partnerType,
  });
  return { value: toPartnerInvitationView(stored.value, now), etag: stored.etag };
}

export async function listInvitations(
  deps: InvitationDeps,
  principal: Principal,
  status: InvitationStatus | undefined,
  page: PageRequest,
): Promise<Page<PartnerInvitationView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const now = deps.clock.now();
  const result = await deps.invitations.list(partner.id, status, now.toISOString(), page);
  return { items: result.items.map((v) => toPartnerInvitationView(v.value, now)), continuationToken: result.continuationToken };
}

export async function getInvitation(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
): Promise<Versioned<PartnerInvitationView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.invitations.get(partner.id, invitationId);
  if (!found) throw new NotFoundError('The invitation');
  return { value: toPartnerInvitationView(found.value, deps.clock.now()), etag: found.etag };
}

/**
 * Runs a partner's change on one of its invitations: read, check If-Match, transition, conditional write; re-read on
 * a lost race (unless the caller pinned an ETag, which then no longer matches: 412).
 */
async function changeAsPartner(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
  ifMatch: string | undefined,
  change: (invitation: Invitation, now: Date) => { next: Invitation; messages: QueueMessage[] },
): Promise<{ saved: Versioned<Invitation>; messages: QueueMessage[]; now: Date }> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.invitations.get(partner.id, invitationId);
    if (!found) throw new NotFoundError('The invitation');
    if (ifMatch && ifMatch !== found.etag) throw new PreconditionFailedError();
    const now = deps.clock.now();
    const { next, messages } = change(found.value, now);
    const saved = await deps.invitations.replace(
      next,
      found.etag,
      messages.map((m) => outboxCreateOperation(partner.id, m, now)),
    );
    if (saved !== 'stale') return { saved, messages, now };
    if (ifMatch) throw new PreconditionFailedError();
  }
  throw changedMeanwhile();
}

/** A new code and email for a pending invitation; the previous code stops working at once. */
export async function resendInvitation(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<Versioned<PartnerInvitationView>> {
  const { saved, messages, now } = await changeAsPartner(deps, principal, invitationId, ifMatch, (invitation, at) => {
    const code = newSecret(INVITATION_CODE_BYTES);
    const next = resendTransition(invitation, { now: at, codeHash: hashCode(code) });
    return { next, messages: [invitationEmail(next, code)] };
  });
  await deps.outbox.dispatch(saved.value.partnerId, messages);
  await deps.audit.record({
    actor: actorOf(principal, 'partner'),
    action: 'invitation.resent',
    target: { type: 'invitation', id: invitationId },
    correlationId: ctx.correlationId,
    details: { codeGeneration: saved.value.codeGeneration },
    tenants: auditTenants(saved.value),
  });
  return { value: toPartnerInvitationView(saved.value, now), etag: saved.etag };
}

export async function revokeInvitation(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<Versioned<PartnerInvitationView>> {
  const { saved, now } = await changeAsPartner(deps, principal, invitationId, ifMatch, (invitation, at) => ({
    next: revokeTransition(invitation, at),
    messages: [],
  }));
  await deps.audit.record({
    actor: actorOf(principal, 'partner'),
    action: 'invitation.revoked',
    target: { type: 'invitation', id: invitationId },
    correlationId: ctx.correlationId,
    tenants: auditTenants(saved.value),
  });
  return { value: toPartnerInvitationView(saved.value, now), etag: saved.etag };
}

// ---- customer side (SPEC §4.4) ----

/**
 * The invitation a customer admin may open with `code`: 404 unless the code matches and the invitation is not bound
 * to another tenant — a wrong code and someone else's invitation look exactly like a missing one.
 */
async function openWithCode(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
  code: string,
  knownPartnerId: string | undefined,
): Promise<Versioned<Invitation>> {
  const found = knownPartnerId
    ? await deps.invitations.get(knownPartnerId, invitationId)
    : await deps.invitations.findById(invitationId);
  if (!found || !codeMatches(found.value, code) || !visibleToTenant(found.value, principal.tenantId)) {
    throw new NotFoundError('The invitation');
  }
  return found;
}

async function partnerSummary(deps: InvitationDeps, partnerId: string) {
  const partner = await deps.partners.get(partnerId);
  // The invitation's partner always has a profile (it needed one to invite); a missing one is a data fault.
  if (!partner) throw new NotFoundError('The invitation');
  return partner.value;
}

/** What the accept page shows: partner, type, roles with names, duration, the agreement and whether it is accepted. */
export async function reviewInvitation(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
  code: string,
): Promise<CustomerInvitationView> {
  assertCustomerAdmin(principal);
  const found = await openWithCode(deps, principal, invitationId, code, undefined);
  const now = deps.clock.now();
  assertPending(found.value, now);
  const [partner, agreement] = await Promise.all([
    partnerSummary(deps, found.value.partnerId),
    currentAgreementStatus(deps.agreements, deps.config, principal.tenantId),
  ]);
  return toCustomerInvitationView(
    found.value,
    partner,
    { version: agreement.version, url: agreement.url, acceptedByTenant: agreement.accepted },
    now,
  );
}

/**
 * Accepts: the agreement must be accepted (now, or before for this version). The commit point is one batch in the
 * partner partition — the invitation's conditional replace, then the outbox messages that finish the job (apply to
 * the relationship; notify the partner). The relationship is then applied inline so the answer carries it; if this
 * instance dies first, the queued job applies it (idempotently) instead.
 */
export async function acceptInvitation(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
  body: { code: string; acceptAgreement?: boolean | undefined },
  ctx: RequestContext,
): Promise<Versioned<CustomerRelationshipView>> {
  assertCustomerAdmin(principal);
  let partnerId: string | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await openWithCode(deps, principal, invitationId, body.code, partnerId);
    partnerId = found.value.partnerId;
    const now = deps.clock.now();
    assertPending(found.value, now);
    if (found.value.partnerTenantId.toLowerCase() === principal.tenantId.toLowerCase()) {
      throw new ForbiddenError('self-invitation', 'A partner cannot accept its own invitation.');
    }
    const agreement = await currentAgreementStatus(deps.agreements, deps.config, principal.tenantId);
    if (!agreement.accepted && body.acceptAgreement !== true) {
      throw new ValidationError(
        `Your organization has not accepted the Microsoft Customer Agreement (version ${agreement.version}) yet: read it at ${agreement.url} and accept with "acceptAgreement": true.`,
        { acceptAgreement: ['must be true: the Microsoft Customer Agreement is not accepted yet'] },
        'agreement-required',
      );
    }
    const next = acceptTransition(found.value, {
      now,
      by: { tenantId: principal.tenantId, userId: principal.userId, ...(principal.name ? { name: principal.name } : {}) },
      ...(!agreement.accepted ? { acceptAgreementVersion: agreement.version } : {}),
      relationshipId: relationshipIdFor(partnerId, principal.tenantId),
    });
    const messages = [
      relationshipJobMessage({ id: `apply_${invitationId}`, kind: 'applyAcceptedInvitation', partnerId, invitationId }),
      emailJobMessage({ id: `inv-accepted_${invitationId}`, kind: 'invitationAccepted', partnerId, invitationId }),
    ];
    const saved = await deps.invitations.replace(
      next,
      found.etag,
      messages.map((m) => outboxCreateOperation(partnerId!, m, now)),
    );
    if (saved === 'stale') continue;

    try {
      await deps.audit.record({
        actor: actorOf(principal, 'customer'),
        action: 'invitation.accepted',
        target: { type: 'invitation', id: invitationId },
        correlationId: ctx.correlationId,
        details: { partnerType: next.partnerType, roles: next.roles },
        tenants: auditTenants(next),
      });
      const relationship = await completeAcceptance(deps, next, actorOf(principal, 'customer'), ctx.correlationId);
      ctx.logger.info('invitation accepted', { partnerId, invitationId });
      return { value: await customerView(deps, relationship.value), etag: relationship.etag };
    } finally {
      // Whatever happened above, the messages go out (or stay for the sweeper): the job finishes the acceptance.
      await deps.outbox.dispatch(partnerId, messages);
    }
  }
  throw changedMeanwhile();
}

/** Declines: nothing is granted; the partner is notified. */
export async function declineInvitation(
  deps: InvitationDeps,
  principal: Principal,
  invitationId: string,
  code: string,
  ctx: RequestContext,
): Promise<CustomerInvitationView> {
  assertCustomerAdmin(principal);
  let partnerId: string | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await openWithCode(deps, principal, invitationId, code, partnerId);
    partnerId = found.value.partnerId;
    const now = deps.clock.now();
    const next = declineTransition(found.value, { now, by: { tenantId: principal.tenantId, userId: principal.userId } });
    const messages = [
      emailJobMessage({ id: `inv-declined_${invitationId}`, kind: 'invitationDeclined', partnerId, invitationId }),
    ];
    const saved = await deps.invitations.replace(
      next,
      found.etag,
      messages.map((m) => outboxCreateOperation(partnerId!, m, now)),
    );
    if (saved === 'stale') continue;
    await deps.outbox.dispatch(partnerId, messages);
    await deps.audit.record({
      actor: actorOf(principal, 'customer'),
      action: 'invitation.declined',
      target: { type: 'invitation', id: invitationId },
      correlationId: ctx.correlationId,
      tenants: auditTenants(next),
    });
    const [partner, agreement] = await Promise.all([
      partnerSummary(deps, partnerId),
      currentAgreementStatus(deps.agreements, deps.config, principal.tenantId),
    ]);
    return toCustomerInvitationView(
      next,
      partner,
      { version: agreement.version, url: agreement.url, acceptedByTenant: agreement.accepted },
      now,
    );
  }
  throw changedMeanwhile();
}

/**
 * Finishes an acceptance committed on the invitation: records the agreement acceptance the admin ticked, then
 * creates or extends the relationship. Idempotent; run inline by the accept request and again by the queue job.
 */
export async function completeAcceptance(
  deps: Pick<InvitationDeps, 'relationships' | 'agreements' | 'audit'>,
  invitation: Invitation,
  actor: AuditActor,
  correlationId: string,
) {
  if (invitation.status !== 'accepted' || !invitation.acceptedAt || !invitation.acceptedBy) {
    throw new Error(`invitation ${invitation.id} is not accepted`);
  }
  const customerTenantId = invitation.acceptedBy.tenantId;
  const ticked = invitation.agreementAccepted;
  if (ticked) {
    const outcome = await deps.agreements.record({
      customerTenantId,
      version: ticked.version,
      acceptedAt: ticked.acceptedAt,
      acceptedBy: { userId: ticked.userId, ...(ticked.name ? { name: ticked.name } : {}) },
      context: { invitationId: invitation.id, partnerId: invitation.partnerId },
    });
    if (outcome === 'created') {
      await deps.audit.record({
        eventId: derivedId('mca', customerTenantId, ticked.version),
        actor,
        action: 'agreement.accepted',
        target: { type: 'customerAgreement', id: ticked.version },
        correlationId,
        details: { version: ticked.version, invitationId: invitation.id },
        tenants: [customerTenantId, invitation.partnerTenantId],
      });
    }
  }
  return applyAcceptedInvitationToRelationship(
    deps,
    {
      invitationId: invitation.id,
      partnerId: invitation.partnerId,
      partnerTenantId: invitation.partnerTenantId,
      customerTenantId,
      partnerType: invitation.partnerType,
      roles: invitation.roles,
      ...(invitation.durationDays !== undefined ? { durationDays: invitation.durationDays } : {}),
      ...(invitation.autoExtend !== undefined ? { autoExtend: invitation.autoExtend } : {}),
      acceptedAt: invitation.acceptedAt,
    },
    actor,
    correlationId,
  );
}

/** The relationship queue's job: finish an acceptance whose request may have died after committing it. */
export async function completeAcceptanceJob(
  deps: Pick<InvitationDeps, 'invitations' | 'relationships' | 'agreements' | 'audit'>,
  job: { partnerId: string; invitationId: string },
  correlationId: string,
): Promise<'applied' | 'skipped'> {
  const found = await deps.invitations.get(job.partnerId, job.invitationId);
  if (!found || found.value.status !== 'accepted') return 'skipped';
  await completeAcceptance(deps, found.value, systemActor, correlationId);
  return 'applied';
}

// ---- timer and email worker ----

/** Timer: pending invitations expire 90 days after creation. Conditional writes make overlapping runs harmless. */
export async function expireInvitations(
  deps: Pick<InvitationDeps, 'invitations' | 'audit' | 'clock'>,
  correlationId: string,
): Promise<number> {
  const now = deps.clock.now();
  let expired = 0;
  for (;;) {
    const batch = await deps.invitations.findExpirable(now.toISOString(), 100);
    if (batch.length === 0) return expired;
    let progressed = false;
    for (const found of batch) {
      const next = expireTransition(found.value, now);
      if (!next) continue;
      // A loser (answered or resent meanwhile, or just its email status recorded) is re-read by the next run.
      const saved = await deps.invitations.replace(next, found.etag);
      if (saved === 'stale') continue;
      progressed = true;
      expired++;
      await deps.audit.record({
        eventId: `inv-expire_${next.id}`,
        actor: systemActor,
        action: 'invitation.expired',
        target: { type: 'invitation', id: next.id },
        correlationId,
        tenants: auditTenants(next),
      });
    }
    if (!progressed) return expired;
  }
}

async function recordEmailOutcome(
  invitations: InvitationRepository,
  partnerId: string,
  invitationId: string,
  transition: (invitation: Invitation) => Invitation | undefined,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS * 2; attempt++) {
    const found = await invitations.get(partnerId, invitationId);
    const next = found && transition(found.value);
    if (!next) return;
    if ((await invitations.replace(next, found.etag)) !== 'stale') return;
  }
  // Left for the job's retry (the ledger keeps the email from going out twice).
  throw new Error('the invitation kept changing while recording its email status');
}

/** The email of `generation` went out (unless a resend superseded it). */
export const markInvitationEmailSent = (
  invitations: InvitationRepository,
  partnerId: string,
  invitationId: string,
  generation: number,
  at: string,
) => recordEmailOutcome(invitations, partnerId, invitationId, (i) => emailSentTransition(i, generation, at));

/** The email of `generation` failed for good: the partner sees `emailStatus: failed` and can resend. */
export const markInvitationEmailFailed = (
  invitations: InvitationRepository,
  partnerId: string,
  invitationId: string,
  generation: number,
  at: string,
) => recordEmailOutcome(invitations, partnerId, invitationId, (i) => emailFailedTransition(i, generation, at));
