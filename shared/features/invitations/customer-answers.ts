// What a customer admin does with an invitation: review it from the email's link, accept it (with the Microsoft
// Customer Agreement) or decline it.
//
// Concurrency: every answer is a conditional replace on the invitation's ETag, so of accept, decline, revoke, resend
// and expiry racing on one invitation exactly one wins; a loser re-reads and gets 409 with the new status. Effects that
// must follow the answer (the relationship, the partner's email) are stored in the same batch as outbox messages.
import { actorOf, type AuditLog } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/core/errors.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import { currentAgreementStatus, type AgreementConfig } from '../agreements/customer-agreement.js';
import { assertCustomerAdmin, assertMayGrant } from '../catalog/access-rules.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { customerView } from '../relationships/relationship-read-side.js';
import { relationshipIdFor, type CustomerRelationshipView } from '../relationships/relationship.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import {
  acceptTransition,
  assertPending,
  codeMatches,
  declineTransition,
  visibleToTenant,
  type Invitation,
} from './invitation.js';
import { acceptanceConfirmationMessage, invitationAnsweredMessage } from './invitation-emails.js';
import { applyAcceptedInvitationMessage, auditTenants, completeAcceptance } from './invitation-jobs.js';
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

/**
 * The invitation a customer admin may open with `code`: 404 unless the code matches and the invitation is not bound
 * to another tenant — a wrong code and someone else's invitation look exactly like a missing one.
 */
async function openWithCode(
  deps: CustomerAnswerDeps,
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

async function partnerSummary(deps: CustomerAnswerDeps, partnerId: string) {
  const partner = await deps.partners.get(partnerId);
  // The invitation's partner always has a profile (it needed one to invite); a missing one is a data fault.
  if (!partner) throw new NotFoundError('The invitation');
  return partner.value;
}

async function customerInvitationView(
  deps: CustomerAnswerDeps,
  invitation: Invitation,
  caller: Principal,
  now: Date,
  locale: Locale,
) {
  const [partner, agreement] = await Promise.all([
    partnerSummary(deps, invitation.partnerId),
    currentAgreementStatus(deps.agreements, deps.config, caller.tenantId),
  ]);
  return toCustomerInvitationView(
    invitation,
    partner,
    { version: agreement.version, url: agreement.url, acceptedByTenant: agreement.accepted },
    now,
    caller,
    locale,
  );
}

/** What the accept page shows: partner, type, roles with names, duration, the agreement and whether it is accepted. */
export async function reviewInvitation(
  deps: CustomerAnswerDeps,
  principal: Principal,
  invitationId: string,
  code: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<CustomerInvitationView> {
  assertCustomerAdmin(principal);
  const found = await openWithCode(deps, principal, invitationId, code, undefined);
  const now = deps.clock.now();
  assertPending(found.value, now);
  return customerInvitationView(deps, found.value, principal, now, locale);
}

/**
 * Accepts: the agreement must be accepted (now, or before for this version). The commit point is one batch in the
 * partner partition — the invitation's conditional replace, then the outbox messages that finish the job (apply to
 * the relationship; notify the partner). The relationship is then applied inline so the answer carries it; if this
 * instance dies first, the queued job applies it (idempotently) instead. A retry by the tenant that accepted answers
 * the relationship again rather than a 409, so a client that lost the first answer is not told it failed.
 */
export async function acceptInvitation(
  deps: CustomerAnswerDeps,
  principal: Principal,
  invitationId: string,
  body: { code: string; acceptAgreement?: boolean | undefined; organizationName?: string | undefined },
  ctx: RequestContext,
): Promise<Versioned<CustomerRelationshipView>> {
  assertCustomerAdmin(principal);
  let partnerId: string | undefined;
  const { accepted, messages, replay } = await conditionalWrite<
    Invitation,
    { accepted: Invitation; messages: QueueMessage[]; replay: boolean }
  >({
    read: async () => {
      const found = await openWithCode(deps, principal, invitationId, body.code, partnerId);
      partnerId = found.value.partnerId;
      return found;
    },
    decide: async (found) => {
      const invitation = found!.value;
      const now = deps.clock.now();
      // A retry of an accept that already went through (the answer was lost on the way): answer it again.
      if (
        invitation.status === 'accepted' &&
        invitation.acceptedBy?.tenantId.toLowerCase() === principal.tenantId.toLowerCase()
      ) {
        return { done: { accepted: invitation, messages: [], replay: true } };
      }
      assertPending(invitation, now);
      if (invitation.partnerTenantId.toLowerCase() === principal.tenantId.toLowerCase()) {
        throw new ForbiddenError('self-invitation', 'A partner cannot accept its own invitation.');
      }
      // Checked before anything changes: a Billing Administrator may review, but not hand out admin roles.
      assertMayGrant(principal, invitation.roles);
      const agreement = await currentAgreementStatus(deps.agreements, deps.config, principal.tenantId);
      if (!agreement.accepted && body.acceptAgreement !== true) {
        throw new ValidationError(
          `Your organization has not accepted the Microsoft Customer Agreement (version ${agreement.version}) yet: read it at ${agreement.url} and accept with "acceptAgreement": true.`,
          { acceptAgreement: ['must be true: the Microsoft Customer Agreement is not accepted yet'] },
          'agreement-required',
        ).withDetailArgs({ version: agreement.version, url: agreement.url });
      }
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
      ];
      return {
        write: async () => {
          const saved = await deps.invitations.replace(
            next,
            found!.etag,
            messages.map((m) => outboxCreateOperation(invitation.partnerId, m, now)),
          );
          return saved === 'stale' ? saved : { accepted: next, messages, replay: false };
        },
      };
    },
  });

  try {
    if (!replay) {
      await deps.audit.record({
        actor: actorOf(principal, 'customer'),
        action: 'invitation.accepted',
        target: { type: 'invitation', id: invitationId },
        correlationId: ctx.correlationId,
        details: { partnerType: accepted.partnerType, roles: accepted.roles },
        tenants: auditTenants(accepted),
      });
    }
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
  let partnerId: string | undefined;
  const { declined, messages, now } = await conditionalWrite<
    Invitation,
    { declined: Invitation; messages: QueueMessage[]; now: Date }
  >({
    read: async () => {
      const found = await openWithCode(deps, principal, invitationId, code, partnerId);
      partnerId = found.value.partnerId;
      return found;
    },
    decide: (found) => {
      const invitation = found!.value;
      const now = deps.clock.now();
      const next = declineTransition(invitation, { now, by: { tenantId: principal.tenantId, userId: principal.userId } });
      const messages = [invitationAnsweredMessage('invitationDeclined', invitation.partnerId, invitationId)];
      return {
        write: async () => {
          const saved = await deps.invitations.replace(
            next,
            found!.etag,
            messages.map((m) => outboxCreateOperation(invitation.partnerId, m, now)),
          );
          return saved === 'stale' ? saved : { declined: next, messages, now };
        },
      };
    },
  });
  await deps.outbox.dispatch(declined.partnerId, messages);
  await deps.audit.record({
    actor: actorOf(principal, 'customer'),
    action: 'invitation.declined',
    target: { type: 'invitation', id: invitationId },
    correlationId: ctx.correlationId,
    tenants: auditTenants(declined),
  });
  return customerInvitationView(deps, declined, principal, now, ctx.locale ?? DEFAULT_LOCALE);
}
