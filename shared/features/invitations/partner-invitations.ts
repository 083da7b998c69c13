// What a partner does with its invitations: create, list, read, resend (a new code; the old one dies) and revoke.
//
// Concurrency: every change to an invitation is a conditional replace on its ETag (If-Match honoured), so a change
// racing a customer's answer, the expiry timer or the email worker is decided again on a fresh read.
import { actorOf, auditEventsMessage, type AuditLog } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError, ServiceBusyError, ValidationError } from '../../platform/core/errors.js';
import { randomUUID } from 'node:crypto';
import { newSecret, sha256Hex } from '../../platform/core/ids.js';
import type { RateLimit, RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Page, PageRequest, Versioned } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import {
  hashCode,
  INVITATION_CODE_BYTES,
  invitationIdFor,
  newInvitation,
  resendTransition,
  resolveRolePolicy,
  revokeTransition,
  type Invitation,
  type InvitationInput,
  type InvitationStatus,
} from './invitation.js';
import { invitationEmailMessage } from './invitation-emails.js';
import { auditTenants } from './invitation-jobs.js';
import type { InvitationRepository } from './invitation-repository.js';
import { toPartnerInvitationView, type PartnerInvitationView } from './invitation-views.js';

export interface PartnerInvitationDeps {
  partners: PartnerRepository;
  invitations: InvitationRepository;
  outbox: OutboxDispatcher;
  audit: AuditLog;
  clock: Clock;
  rateLimiter: RateLimiter;
  invitationLimits: { perPartnerPerHour: number; perRecipientPerDay: number };
}

/**
 * Every invitation email (create or resend) counts against the partner's hourly allowance and the recipient's daily
 * one across all partners, so the service's sender cannot be turned into a way to flood an address.
 */
const emailLimits = (deps: PartnerInvitationDeps, partnerId: string, recipient: string): RateLimit[] => [
  { key: `invite:partner:${partnerId}`, limit: deps.invitationLimits.perPartnerPerHour, windowSeconds: 3600 },
  {
    key: `invite:recipient:${sha256Hex(recipient.trim().toLowerCase())}`,
    limit: deps.invitationLimits.perRecipientPerDay,
    windowSeconds: 86_400,
  },
];
const THROTTLED = 'Too many invitation emails: try again later.';

export async function createInvitation(
  deps: PartnerInvitationDeps,
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
    id: invitationIdFor(
      partner.id,
      ctx.operationKey ? sha256Hex(ctx.operationKey).slice(0, 32) : randomUUID().replaceAll('-', ''),
    ),
    partnerId: partner.id,
    partnerTenantId: partner.partnerTenantId,
    input,
    policy,
    codeHash: hashCode(code),
    now,
    requestLocale: ctx.locale ?? DEFAULT_LOCALE,
  });
  // What the new invitation sets off, stored with it (the outbox): the customer's email and the audit event.
  const messages = [
    invitationEmailMessage(invitation, code),
    auditEventsMessage(
      [
        {
          actor: actorOf(principal, 'partner'),
          action: 'invitation.created',
          target: { type: 'invitation', id: invitation.id },
          correlationId: ctx.correlationId,
          details: { partnerType: invitation.partnerType, roles: invitation.roles },
          tenants: auditTenants(invitation),
        },
      ],
      now,
    ),
  ];
  const limits = emailLimits(deps, partner.id, invitation.customerEmail);
  await deps.rateLimiter.take(limits, THROTTLED);
  let stored: Versioned<Invitation> | 'exists';
  try {
    stored = await deps.invitations.create(
      invitation,
      messages.map((m) => outboxCreateOperation(partner.id, m, now)),
    );
  } catch (error) {
    await deps.rateLimiter.release(limits, now);
    throw error;
  }
  if (stored === 'exists') {
    // A retry of a request that already created it (same Idempotency-Key and body): no second email, and the
    // allowance it took back; answer that invitation.
    await deps.rateLimiter.release(limits, now);
    const existing = await deps.invitations.get(partner.id, invitation.id);
    if (existing) return { value: toPartnerInvitationView(existing.value, now, ctx.locale), etag: existing.etag };
    throw new ServiceBusyError('contention', 'The invitation is being created by another request; retry in a moment.', 1);
  }
  await deps.outbox.dispatch(partner.id, messages);
  ctx.logger.info('invitation created', {
    partnerId: partner.id,
    invitationId: invitation.id,
    partnerType: invitation.partnerType,
  });
  return { value: toPartnerInvitationView(stored.value, now, ctx.locale), etag: stored.etag };
}

export async function listInvitations(
  deps: PartnerInvitationDeps,
  principal: Principal,
  status: InvitationStatus | undefined,
  page: PageRequest,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Page<PartnerInvitationView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const now = deps.clock.now();
  const result = await deps.invitations.list(partner.id, status, now.toISOString(), page);
  return {
    items: result.items.map((v) => toPartnerInvitationView(v.value, now, locale)),
    continuationToken: result.continuationToken,
  };
}

export async function getInvitation(
  deps: PartnerInvitationDeps,
  principal: Principal,
  invitationId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Versioned<PartnerInvitationView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.invitations.get(partner.id, invitationId);
  if (!found) throw new NotFoundError('The invitation');
  return { value: toPartnerInvitationView(found.value, deps.clock.now(), locale), etag: found.etag };
}

/**
 * Runs a partner's change on one of its invitations: read, transition, conditional write with the change's outbox
 * messages; If-Match honoured, a lost race decided again on a fresh read.
 */
async function changeAsPartner(
  deps: PartnerInvitationDeps,
  principal: Principal,
  invitationId: string,
  ifMatch: string | undefined,
  change: (invitation: Invitation, now: Date) => { next: Invitation; messages: QueueMessage[] },
  limitsOf?: (invitation: Invitation) => RateLimit[],
): Promise<{ saved: Versioned<Invitation>; messages: QueueMessage[]; now: Date }> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  return conditionalWrite<Invitation, { saved: Versioned<Invitation>; messages: QueueMessage[]; now: Date }>(
    {
      read: () => deps.invitations.get(partner.id, invitationId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The invitation');
        const now = deps.clock.now();
        const { next, messages } = change(found.value, now);
        const limits = limitsOf?.(found.value) ?? [];
        return {
          write: async () => {
            if (limits.length > 0) await deps.rateLimiter.take(limits, THROTTLED);
            const saved = await deps.invitations
              .replace(
                next,
                found.etag,
                messages.map((m) => outboxCreateOperation(partner.id, m, now)),
              )
              .catch(async (error: unknown) => {
                if (limits.length > 0) await deps.rateLimiter.release(limits, now);
                throw error;
              });
            if (saved === 'stale' && limits.length > 0) await deps.rateLimiter.release(limits, now);
            return saved === 'stale' ? saved : { saved, messages, now };
          },
        };
      },
    },
    ifMatch,
  );
}

/** A new code and email for a pending invitation; the previous code stops working at once. */
export async function resendInvitation(
  deps: PartnerInvitationDeps,
  principal: Principal,
  invitationId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<Versioned<PartnerInvitationView>> {
  const { saved, messages, now } = await changeAsPartner(
    deps,
    principal,
    invitationId,
    ifMatch,
    (invitation, at) => {
      const code = newSecret(INVITATION_CODE_BYTES);
      const next = resendTransition(invitation, { now: at, codeHash: hashCode(code) });
      const audit = auditEventsMessage(
        [
          {
            actor: actorOf(principal, 'partner'),
            action: 'invitation.resent',
            target: { type: 'invitation', id: invitationId },
            correlationId: ctx.correlationId,
            details: { codeGeneration: next.codeGeneration },
            tenants: auditTenants(next),
          },
        ],
        at,
      );
      return { next, messages: [invitationEmailMessage(next, code), audit] };
    },
    (invitation) => emailLimits(deps, invitation.partnerId, invitation.customerEmail),
  );
  await deps.outbox.dispatch(saved.value.partnerId, messages);
  return { value: toPartnerInvitationView(saved.value, now, ctx.locale), etag: saved.etag };
}

export async function revokeInvitation(
  deps: PartnerInvitationDeps,
  principal: Principal,
  invitationId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<Versioned<PartnerInvitationView>> {
  const { saved, messages, now } = await changeAsPartner(deps, principal, invitationId, ifMatch, (invitation, at) => {
    const next = revokeTransition(invitation, at);
    const audit = auditEventsMessage(
      [
        {
          actor: actorOf(principal, 'partner'),
          action: 'invitation.revoked',
          target: { type: 'invitation', id: invitationId },
          correlationId: ctx.correlationId,
          tenants: auditTenants(next),
        },
      ],
      at,
    );
    return { next, messages: [audit] };
  });
  await deps.outbox.dispatch(saved.value.partnerId, messages);
  return { value: toPartnerInvitationView(saved.value, now, ctx.locale), etag: saved.etag };
}
