// What a partner does with its invitations: create, list, read, resend (a new code; the old one dies) and revoke.
//
// Concurrency: every change to an invitation is a conditional replace on its ETag (If-Match honoured), so a change
// racing a customer's answer, the expiry timer or the email worker is decided again on a fresh read.
import { actorOf, auditEventsMessage, type AuditActor, type AuditLog } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { ConflictError, NotFoundError, ServiceBusyError, ValidationError } from '../../platform/core/errors.js';
import { randomUUID } from 'node:crypto';
import { newSecret, sha256Hex } from '../../platform/core/ids.js';
import type { RateLimit, RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Page, PageRequest, Versioned } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import type { BatchOperation } from '../../platform/persistence/cosmos.js';
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
  type ResolvedInvitationInput,
  type RolePolicyResult,
} from './invitation.js';
import type { RoleTemplateRepository } from './role-template-repository.js';
import { resolveInvitationSettings } from './role-templates.js';
import { invitationEmailMessage } from './invitation-emails.js';
import { auditTenants, releasedDisplayName } from './invitation-jobs.js';
import { claimDisplayNameOperation } from '../relationships/display-name.js';
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
  roleTemplates: RoleTemplateRepository;
}

/**
 * Every invitation email (create or resend) counts against the partner's hourly allowance and the recipient's daily
 * one across all partners, so the service's sender cannot be turned into a way to flood an address. A bulk
 * operation's items take the recipient's allowance only: the operation is paced on its own (see operations/).
 */
export const recipientLimit = (deps: Pick<PartnerInvitationDeps, 'invitationLimits'>, recipient: string): RateLimit => ({
  key: `invite:recipient:${sha256Hex(recipient.trim().toLowerCase())}`,
  limit: deps.invitationLimits.perRecipientPerDay,
  windowSeconds: 86_400,
});
const emailLimits = (deps: PartnerInvitationDeps, partnerId: string, recipient: string): RateLimit[] => [
  { key: `invite:partner:${partnerId}`, limit: deps.invitationLimits.perPartnerPerHour, windowSeconds: 3600 },
  recipientLimit(deps, recipient),
];
export const INVITATION_THROTTLED = 'Too many invitation emails: try again later.';
const THROTTLED = INVITATION_THROTTLED;

/** Refuses an invitation of the partner's own tenant. */
export function assertNotOwnTenant(partnerTenantId: string, customerTenantId: string | undefined): void {
  if (customerTenantId && customerTenantId.toLowerCase() === partnerTenantId.toLowerCase()) {
    throw new ValidationError(
      'A partner cannot invite its own tenant.',
      { customerTenantId: ['your own tenant'] },
      'self-invitation',
    );
  }
}

/** One invitation to store, whoever asks for it: a partner's request, or an item of a bulk operation. */
export interface NewInvitationRequest {
  id: string;
  partner: { id: string; partnerTenantId: string };
  input: ResolvedInvitationInput;
  policy: RolePolicyResult;
  actor: AuditActor;
  correlationId: string;
  /** The request's language, for an input that names none. */
  requestLocale: Locale;
  /** The allowances the email takes. */
  limits: RateLimit[];
  /** Committed in the invitation's batch (a bulk item's result): an item that exists already makes it 'exists'. */
  extraOperations?: BatchOperation[];
  /** Added to the audit event's details (e.g. the bulk operation it belongs to). */
  auditDetails?: Record<string, string | number>;
}

/** The display name another invitation or relationship of the partner holds: 409, and nothing is stored. */
export const displayNameTaken = (name: string): ConflictError =>
  new ConflictError(
    'display-name-taken',
    `The display name "${name}" is already used by another of your relationships or pending invitations; choose another.`,
  ).withDetailArgs({ displayName: name });

/**
 * Stores a new invitation with its email and audit event (the outbox, one batch), then sends them; 'exists' when its
 * id is taken (a retry that already created it: nothing is sent twice, and the allowance is given back). A display
 * name is claimed in the same batch: taken by another, the batch stores nothing and this throws 409
 * display-name-taken (the allowance given back too).
 */
export async function storeNewInvitation(
  deps: Pick<PartnerInvitationDeps, 'invitations' | 'outbox' | 'clock' | 'rateLimiter'>,
  request: NewInvitationRequest,
): Promise<Versioned<Invitation> | 'exists'> {
  const { partner } = request;
  const now = deps.clock.now();
  const code = newSecret(INVITATION_CODE_BYTES);
  const invitation = newInvitation({
    id: request.id,
    partnerId: partner.id,
    partnerTenantId: partner.partnerTenantId,
    input: request.input,
    policy: request.policy,
    codeHash: hashCode(code),
    now,
    requestLocale: request.requestLocale,
  });
  // What the new invitation sets off, stored with it (the outbox): the customer's email and the audit event.
  const messages = [
    invitationEmailMessage(invitation, code),
    auditEventsMessage(
      [
        {
          actor: request.actor,
          action: 'invitation.created',
          target: { type: 'invitation', id: invitation.id },
          correlationId: request.correlationId,
          details: { partnerType: invitation.partnerType, roles: invitation.roles, ...request.auditDetails },
          tenants: auditTenants(invitation),
        },
      ],
      now,
    ),
  ];
  await deps.rateLimiter.take(request.limits, THROTTLED);
  let stored: Versioned<Invitation> | 'exists' | 'name-taken';
  try {
    stored = await deps.invitations.create(
      invitation,
      [...messages.map((m) => outboxCreateOperation(partner.id, m, now)), ...(request.extraOperations ?? [])],
      invitation.displayName
        ? claimDisplayNameOperation(partner.id, invitation.displayName, invitation.id, now.toISOString())
        : undefined,
    );
  } catch (error) {
    await deps.rateLimiter.release(request.limits, now);
    throw error;
  }
  if (stored === 'exists' || stored === 'name-taken') {
    await deps.rateLimiter.release(request.limits, now);
    if (stored === 'name-taken') throw displayNameTaken(invitation.displayName!);
    return stored;
  }
  await deps.outbox.dispatch(partner.id, messages);
  return stored;
}

/** The invitation's own fields, without what a role template may stand for. */
function withoutSettings(
  input: InvitationInput,
): Omit<InvitationInput, 'partnerType' | 'roles' | 'durationDays' | 'autoExtend' | 'roleTemplateId'> {
  const { partnerType, roles, durationDays, autoExtend, roleTemplateId, ...rest } = input;
  void [partnerType, roles, durationDays, autoExtend, roleTemplateId];
  return rest;
}

export async function createInvitation(
  deps: PartnerInvitationDeps,
  principal: Principal,
  input: InvitationInput,
  ctx: RequestContext,
): Promise<Versioned<PartnerInvitationView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const { roleTemplateId, ...settings } = await resolveInvitationSettings(deps, partner.id, input);
  const policy = resolveRolePolicy(settings);
  assertNotOwnTenant(partner.partnerTenantId, input.customerTenantId);
  const id = invitationIdFor(
    partner.id,
    ctx.operationKey ? sha256Hex(ctx.operationKey).slice(0, 32) : randomUUID().replaceAll('-', ''),
  );
  const stored = await storeNewInvitation(deps, {
    id,
    partner,
    input: { ...withoutSettings(input), ...settings },
    policy,
    actor: actorOf(principal, 'partner'),
    correlationId: ctx.correlationId,
    requestLocale: ctx.locale ?? DEFAULT_LOCALE,
    limits: emailLimits(deps, partner.id, input.customerEmail),
    ...(roleTemplateId ? { auditDetails: { roleTemplateId } } : {}),
  });
  const now = deps.clock.now();
  if (stored === 'exists') {
    // A retry of a request that already created it (same Idempotency-Key and body): no second email, and the
    // allowance it took back; answer that invitation.
    const existing = await deps.invitations.get(partner.id, id);
    if (existing) return { value: toPartnerInvitationView(existing.value, now, ctx.locale), etag: existing.etag };
    throw new ServiceBusyError('contention', 'The invitation is being created by another request; retry in a moment.', 1);
  }
  ctx.logger.info('invitation created', {
    partnerId: partner.id,
    invitationId: stored.value.id,
    partnerType: stored.value.partnerType,
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
  change: (invitation: Invitation, now: Date) => { next: Invitation; messages: QueueMessage[]; operations?: BatchOperation[] },
  limitsOf?: (invitation: Invitation) => RateLimit[],
): Promise<{ saved: Versioned<Invitation>; messages: QueueMessage[]; now: Date }> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  return conditionalWrite<Invitation, { saved: Versioned<Invitation>; messages: QueueMessage[]; now: Date }>(
    {
      read: () => deps.invitations.get(partner.id, invitationId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The invitation');
        const now = deps.clock.now();
        const { next, messages, operations = [] } = change(found.value, now);
        const limits = limitsOf?.(found.value) ?? [];
        return {
          write: async () => {
            if (limits.length > 0) await deps.rateLimiter.take(limits, THROTTLED);
            const saved = await deps.invitations
              .replace(next, found.etag, [...messages.map((m) => outboxCreateOperation(partner.id, m, now)), ...operations])
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
    // The display name it held is free again, with the revocation.
    return { next, messages: [audit], operations: releasedDisplayName(next) };
  });
  await deps.outbox.dispatch(saved.value.partnerId, messages);
  return { value: toPartnerInvitationView(saved.value, now, ctx.locale), etag: saved.etag };
}
