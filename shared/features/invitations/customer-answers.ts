// What a customer admin does with an invitation: review it from the email's link, accept it (with the Microsoft
// Customer Agreement) or decline it.
//
// Locating it: the invitation id carries its partner's id (invitation.ts), so every read here is a point read or a
// query of that one partner's partition — never a search across partners.
//
// Concurrency: every answer is a conditional replace on the invitation's ETag, so of accept, decline, revoke, resend
// and expiry racing on one invitation exactly one wins; a loser re-reads and gets 409 with the new status. What must
// follow the answer is in the same transactional batch: the relationship itself (accepting), and the outbox items
// (the partner's email, the audit events, and the job that records the agreement should the request die first).
import { actorOf, auditEventsMessage, type AuditEntry, type AuditLog } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { derivedId } from '../../platform/core/ids.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/core/errors.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import { currentAgreementStatus, type AgreementConfig, type AgreementStatus } from '../agreements/customer-agreement.js';
import { assertCustomerAdmin, assertMayGrant } from '../catalog/access-rules.js';
import type { PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { customerView } from '../relationships/relationship-read-side.js';
import { relationshipWriteOperation } from '../relationships/relationship-repository.js';
import {
  applyAcceptedInvitation,
  relationshipIdFor,
  toCustomerRelationshipView,
  type CustomerRelationshipView,
  type Relationship,
} from '../relationships/relationship.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import {
  acceptTransition,
  assertPending,
  codeMatches,
  declineTransition,
  partnerIdOfInvitation,
  visibleToTenant,
  type Invitation,
} from './invitation.js';
import { acceptanceConfirmationMessage, invitationAnsweredMessage } from './invitation-emails.js';
import {
  acceptedInvitationFacts,
  applyAcceptedInvitationMessage,
  auditTenants,
  completeAcceptance,
  releasedDisplayName,
} from './invitation-jobs.js';
import { displayNameOperationsOnAcceptance } from '../relationships/display-name.js';
import type { InvitationRepository } from './invitation-repository.js';
import { toCustomerInvitationView, type CustomerInvitationView } from './invitation-views.js';

export interface CustomerAnswerDeps {
  partners: PartnerRepository;
  invitations: InvitationRepository;
  relationships: RelationshipRepository;
  agreements: AgreementRepository;
  outbox: OutboxDispatcher;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

/** What the customer's link opens: 404 unless the code matches and the invitation is not bound to another tenant. */
function assertOpens(found: Versioned<Invitation> | undefined, principal: Principal, code: string): Versioned<Invitation> {
  // A wrong code and someone else's invitation look exactly like a missing one.
  if (!found || !codeMatches(found.value, code) || !visibleToTenant(found.value, principal.tenantId)) {
    throw new NotFoundError('The invitation');
  }
  return found;
}

/** The invitation a customer admin may open with `code`: a point read in the partner's partition. */
async function openWithCode(
  deps: CustomerAnswerDeps,
  principal: Principal,
  invitationId: string,
  code: string,
): Promise<Versioned<Invitation>> {
  const partnerId = partnerIdOfInvitation(invitationId);
  const found = partnerId
    ? await deps.invitations.get(partnerId, invitationId)
    : await deps.invitations.findByLegacyId(invitationId);
  return assertOpens(found, principal, code);
}

async function partnerSummary(deps: CustomerAnswerDeps, partnerId: string): Promise<PartnerProfile> {
  const partner = await deps.partners.get(partnerId);
  // The invitation's partner always has a profile (it needed one to invite); a missing one is a data fault.
  if (!partner) throw new NotFoundError('The invitation');
  return partner.value;
}

/**
 * Who may accept, checked before anything changes: not the inviting partner itself; a caller whose roles may grant the
 * invitation's admin roles (a Billing Administrator may review, but not hand out admin roles); and the Microsoft
 * Customer Agreement accepted before, or with this acceptance.
 */
function assertMayAccept(
  principal: Principal,
  invitation: Invitation,
  agreement: AgreementStatus,
  body: { acceptAgreement?: boolean | undefined },
): void {
  if (invitation.partnerTenantId.toLowerCase() === principal.tenantId.toLowerCase()) {
    throw new ForbiddenError('self-invitation', 'A partner cannot accept its own invitation.');
  }
  assertMayGrant(principal, invitation.roles);
  if (!agreement.accepted && body.acceptAgreement !== true) {
    throw new ValidationError(
      `Your organization has not accepted the Microsoft Customer Agreement (version ${agreement.version}) yet: read it at ${agreement.url} and accept with "acceptAgreement": true.`,
      { acceptAgreement: ['must be true: the Microsoft Customer Agreement is not accepted yet'] },
      'agreement-required',
    ).withDetailArgs({ version: agreement.version, url: agreement.url });
  }
}

const agreementView = (agreement: AgreementStatus) => ({
  version: agreement.version,
  url: agreement.url,
  acceptedByTenant: agreement.accepted,
});

/** What the accept page shows: partner, type, roles with names, duration, the agreement and whether it is accepted. */
export async function reviewInvitation(
  deps: CustomerAnswerDeps,
  principal: Principal,
  invitationId: string,
  code: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<CustomerInvitationView> {
  assertCustomerAdmin(principal);
  const partnerId = partnerIdOfInvitation(invitationId);
  // Three point reads at once: the invitation, its partner (the id says which) and this tenant's agreement.
  const [found, partner, agreement] = await Promise.all([
    openWithCode(deps, principal, invitationId, code),
    partnerId ? deps.partners.get(partnerId) : undefined,
    currentAgreementStatus(deps.agreements, deps.config, principal.tenantId),
  ]);
  const now = deps.clock.now();
  assertPending(found.value, now);
  const profile = partner?.value ?? (await partnerSummary(deps, found.value.partnerId));
  return toCustomerInvitationView(found.value, profile, agreementView(agreement), now, principal, locale);
}

/**
 * Accepts: the agreement must be accepted (now, or before for this version). The commit point is one transactional
 * batch in the partner's partition: the invitation's conditional replace, the relationship it creates or extends
 * (created, or replaced on the version read with the invitation), and the outbox items — the partner's email, the
 * audit events and, when the admin ticked the agreement, the job that records it should this request die before it
 * does. The answer is built from what was written.
 *
 * Cosmos requests: 4, or 5 when the admin accepts the agreement now — the tenant's agreement and the partner's profile
 * (point reads), the invitation with the relationship (one query of the partner's partition), the batch; then the
 * agreement acceptance. A retry by the tenant that accepted answers the relationship again rather than a 409, so a
 * client that lost the first answer is not told it failed.
 */
export async function acceptInvitation(
  deps: CustomerAnswerDeps,
  principal: Principal,
  invitationId: string,
  body: { code: string; acceptAgreement?: boolean | undefined; organizationName?: string | undefined },
  ctx: RequestContext,
): Promise<Versioned<CustomerRelationshipView>> {
  assertCustomerAdmin(principal);
  const partnerId = partnerIdOfInvitation(invitationId);
  // An id issued before ids carried the partner's: found by a query across partners, then answered as before.
  if (!partnerId) return acceptLegacyInvitation(deps, principal, invitationId, body, ctx);
  const relationshipId = relationshipIdFor(partnerId, principal.tenantId);

  // Reads that need nothing from the invitation, at once: the tenant's agreement and the partner (for the answer).
  const [agreement, partner] = await Promise.all([
    currentAgreementStatus(deps.agreements, deps.config, principal.tenantId),
    deps.partners.get(partnerId),
  ]);

  type Outcome = {
    accepted: Invitation;
    relationship: Versioned<Relationship>;
    messages: QueueMessage[];
    /** The agreement version the admin accepted with this invitation (recorded after the batch). */
    ticked?: string;
    replay: boolean;
  };
  const outcome = await conditionalWrite<{ invitation: Invitation; relationship?: Versioned<Relationship> }, Outcome | 'legacy'>({
    read: async () => {
      const { invitation, relationship } = await deps.invitations.getWithRelationship(partnerId, invitationId, relationshipId);
      const opened = assertOpens(invitation, principal, body.code);
      return { value: { invitation: opened.value, ...(relationship ? { relationship } : {}) }, etag: opened.etag };
    },
    decide: (found) => {
      const { invitation, relationship } = found!.value;
      const now = deps.clock.now();
      // A retry of an accept that already went through (the answer was lost on the way): answer it again.
      if (
        invitation.status === 'accepted' &&
        invitation.acceptedBy?.tenantId.toLowerCase() === principal.tenantId.toLowerCase()
      ) {
        // Accepted before the relationship was written in the same batch (older data): let the job's path answer.
        if (!relationship?.value.appliedInvitations.includes(invitationId)) return { done: 'legacy' as const };
        // The agreement it accepted is recorded after the batch: see to it (again) if the read did not see it yet.
        const ticked = !agreement.accepted ? invitation.agreementAccepted?.version : undefined;
        return { done: { accepted: invitation, relationship, messages: [], ...(ticked ? { ticked } : {}), replay: true } };
      }
      assertPending(invitation, now);
      assertMayAccept(principal, invitation, agreement, body);
      const ticked = agreement.accepted ? undefined : agreement.version;
      const accepted = acceptTransition(invitation, {
        now,
        by: { tenantId: principal.tenantId, userId: principal.userId, ...(principal.name ? { name: principal.name } : {}) },
        ...(ticked ? { acceptAgreementVersion: ticked } : {}),
        relationshipId,
        ...(body.organizationName ? { organizationName: body.organizationName } : {}),
      });
      const applied = applyAcceptedInvitation(relationship?.value, acceptedInvitationFacts(accepted));
      const actor = actorOf(principal, 'customer');
      const auditEntries: AuditEntry[] = [
        {
          actor,
          action: 'invitation.accepted',
          target: { type: 'invitation', id: invitationId },
          correlationId: ctx.correlationId,
          details: { partnerType: accepted.partnerType, roles: accepted.roles },
          tenants: auditTenants(accepted),
        },
        ...(applied.change === 'unchanged'
          ? []
          : [
              {
                eventId: `rel-apply_${invitationId}`,
                actor,
                action: `relationship.${applied.change}`,
                target: { type: 'relationship', id: relationshipId },
                correlationId: ctx.correlationId,
                details: { invitationId, partnerType: accepted.partnerType, roleGrants: accepted.roles.length },
                tenants: [accepted.partnerTenantId, principal.tenantId],
              },
            ]),
        ...(ticked
          ? [
              {
                eventId: derivedId('mca', principal.tenantId, ticked),
                actor,
                action: 'agreement.accepted',
                target: { type: 'customerAgreement', id: ticked },
                correlationId: ctx.correlationId,
                details: { version: ticked, invitationId },
                tenants: [principal.tenantId, accepted.partnerTenantId],
              },
            ]
          : []),
      ];
      // What the acceptance sets off, committed with it (the outbox).
      const messages: QueueMessage[] = [
        invitationAnsweredMessage('invitationAccepted', partnerId, invitationId),
        acceptanceConfirmationMessage(partnerId, invitationId),
        auditEventsMessage(auditEntries, now),
        ...(ticked ? [applyAcceptedInvitationMessage(partnerId, invitationId)] : []),
      ];
      return {
        write: async () => {
          const saved = await deps.invitations.replace(accepted, found!.etag, [
            relationshipWriteOperation(applied.relationship, relationship?.etag),
            ...messages.map((m) => outboxCreateOperation(partnerId, m, now)),
            // The display name passes from the invitation to the relationship (or is freed), in the same batch.
            ...displayNameOperationsOnAcceptance(
              relationship?.value,
              applied.relationship,
              accepted.displayName,
              now.toISOString(),
            ),
          ]);
          if (saved === 'stale') return saved;
          return {
            accepted,
            relationship: { value: applied.relationship, etag: saved.etags[0] ?? '' },
            messages,
            ...(ticked ? { ticked } : {}),
            replay: false,
          };
        },
      };
    },
  });
  if (outcome === 'legacy') return acceptLegacyInvitation(deps, principal, invitationId, body, ctx);

  let agreementAfter: AgreementStatus = agreement;
  if (outcome.ticked) {
    // The acceptance of the agreement, in its tenant's partition of `customers`: not part of the batch, so the job
    // committed with it records it too should this request die here. Either way the first record stands.
    const ticked = outcome.accepted.agreementAccepted;
    const acceptedAt = ticked?.acceptedAt ?? outcome.accepted.acceptedAt!;
    await deps.agreements.record({
      customerTenantId: principal.tenantId,
      version: outcome.ticked,
      acceptedAt,
      acceptedBy: ticked
        ? { userId: ticked.userId, ...(ticked.name ? { name: ticked.name } : {}) }
        : { userId: principal.userId, ...(principal.name ? { name: principal.name } : {}) },
      context: { invitationId, partnerId },
    });
    agreementAfter = { ...agreement, accepted: true, acceptedAt };
  }
  await deps.outbox.dispatch(partnerId, outcome.messages);
  if (!outcome.replay) ctx.logger.info('invitation accepted', { partnerId, invitationId });
  const profile = partner?.value ?? (await partnerSummary(deps, partnerId));
  return {
    value: toCustomerRelationshipView(
      outcome.relationship.value,
      { id: profile.id, name: profile.name, website: profile.website, contactEmail: profile.contactEmail },
      agreementAfter,
      deps.clock.now(),
      ctx.locale ?? DEFAULT_LOCALE,
    ),
    etag: outcome.relationship.etag,
  };
}

/**
 * Accepts an invitation found by a legacy id (or accepted before relationships were written with the acceptance):
 * the acceptance, then the relationship applied by the same idempotent step its queue job runs.
 */
async function acceptLegacyInvitation(
  deps: CustomerAnswerDeps,
  principal: Principal,
  invitationId: string,
  body: { code: string; acceptAgreement?: boolean | undefined; organizationName?: string | undefined },
  ctx: RequestContext,
): Promise<Versioned<CustomerRelationshipView>> {
  let partnerId: string | undefined;
  const { accepted, messages } = await conditionalWrite<Invitation, { accepted: Invitation; messages: QueueMessage[] }>({
    read: async () => {
      const found = partnerId
        ? assertOpens(await deps.invitations.get(partnerId, invitationId), principal, body.code)
        : await openWithCode(deps, principal, invitationId, body.code);
      partnerId = found.value.partnerId;
      return found;
    },
    decide: async (found) => {
      const invitation = found!.value;
      const now = deps.clock.now();
      if (
        invitation.status === 'accepted' &&
        invitation.acceptedBy?.tenantId.toLowerCase() === principal.tenantId.toLowerCase()
      ) {
        return { done: { accepted: invitation, messages: [] } };
      }
      assertPending(invitation, now);
      const agreement = await currentAgreementStatus(deps.agreements, deps.config, principal.tenantId);
      assertMayAccept(principal, invitation, agreement, body);
      const next = acceptTransition(invitation, {
        now,
        by: { tenantId: principal.tenantId, userId: principal.userId, ...(principal.name ? { name: principal.name } : {}) },
        ...(!agreement.accepted ? { acceptAgreementVersion: agreement.version } : {}),
        relationshipId: relationshipIdFor(invitation.partnerId, principal.tenantId),
        ...(body.organizationName ? { organizationName: body.organizationName } : {}),
      });
      const messages = [
        applyAcceptedInvitationMessage(invitation.partnerId, invitationId),
        invitationAnsweredMessage('invitationAccepted', invitation.partnerId, invitationId),
        acceptanceConfirmationMessage(invitation.partnerId, invitationId),
        auditEventsMessage(
          [
            {
              actor: actorOf(principal, 'customer'),
              action: 'invitation.accepted',
              target: { type: 'invitation', id: invitationId },
              correlationId: ctx.correlationId,
              details: { partnerType: next.partnerType, roles: next.roles },
              tenants: auditTenants(next),
            },
          ],
          now,
        ),
      ];
      return {
        write: async () => {
          const saved = await deps.invitations.replace(
            next,
            found!.etag,
            messages.map((m) => outboxCreateOperation(invitation.partnerId, m, now)),
          );
          return saved === 'stale' ? saved : { accepted: next, messages };
        },
      };
    },
  });
  try {
    // Idempotent: a replay finds the relationship applied and answers it.
    const relationship = await completeAcceptance(deps, accepted, actorOf(principal, 'customer'), ctx.correlationId);
    ctx.logger.info('invitation accepted', { partnerId: accepted.partnerId, invitationId });
    return { value: await customerView(deps, relationship.value, ctx.locale), etag: relationship.etag };
  } finally {
    // Whatever happened above, the messages go out (or stay for the sweeper): the job finishes the acceptance.
    await deps.outbox.dispatch(accepted.partnerId, messages);
  }
}

/** Declines: nothing is granted; the partner is notified. */
export async function declineInvitation(
  deps: CustomerAnswerDeps,
  principal: Principal,
  invitationId: string,
  code: string,
  ctx: RequestContext,
): Promise<CustomerInvitationView> {
  assertCustomerAdmin(principal);
  let partnerId = partnerIdOfInvitation(invitationId);
  const { declined, messages, now } = await conditionalWrite<
    Invitation,
    { declined: Invitation; messages: QueueMessage[]; now: Date }
  >({
    read: async () => {
      const found = partnerId
        ? assertOpens(await deps.invitations.get(partnerId, invitationId), principal, code)
        : await openWithCode(deps, principal, invitationId, code);
      partnerId = found.value.partnerId;
      return found;
    },
    decide: (found) => {
      const invitation = found!.value;
      const now = deps.clock.now();
      const next = declineTransition(invitation, { now, by: { tenantId: principal.tenantId, userId: principal.userId } });
      const messages = [
        invitationAnsweredMessage('invitationDeclined', invitation.partnerId, invitationId),
        auditEventsMessage(
          [
            {
              actor: actorOf(principal, 'customer'),
              action: 'invitation.declined',
              target: { type: 'invitation', id: invitationId },
              correlationId: ctx.correlationId,
              tenants: auditTenants(next),
            },
          ],
          now,
        ),
      ];
      return {
        write: async () => {
          // The display name it held is free again, with the refusal.
          const saved = await deps.invitations.replace(next, found!.etag, [
            ...messages.map((m) => outboxCreateOperation(invitation.partnerId, m, now)),
            ...releasedDisplayName(next),
          ]);
          return saved === 'stale' ? saved : { declined: next, messages, now };
        },
      };
    },
  });
  await deps.outbox.dispatch(declined.partnerId, messages);
  const [partner, agreement] = await Promise.all([
    partnerSummary(deps, declined.partnerId),
    currentAgreementStatus(deps.agreements, deps.config, principal.tenantId),
  ]);
  return toCustomerInvitationView(declined, partner, agreementView(agreement), now, principal, ctx.locale ?? DEFAULT_LOCALE);
}
