// The invitation (partner → customer): input schema, the per-type role policy, statuses and transitions.
import { z } from 'zod';
import { resourceId, safeText, tenantIdSchema } from '../../platform/http/common-schemas.js';
import { partnerTypeDefinition, partnerTypeSchema, type PartnerType } from '../catalog/partner-types.js';
import { autoExtendEligible, findRole } from '../catalog/roles.js';
import { addDays } from '../../platform/core/clock.js';
import { ConflictError, ValidationError } from '../../platform/core/errors.js';
import { constantTimeEqualHex, sha256Hex } from '../../platform/core/ids.js';
import { DEFAULT_LOCALE, localeSchema, type Locale } from '../../platform/i18n/locales.js';
import { displayNameSchema } from '../relationships/display-name.js';

/** A pending invitation expires this long after it was created; a resend does not extend it. */
export const INVITATION_TTL_DAYS = 90;
/** Bytes of randomness in an accept-link code (256 bits; at least 128 are needed). */
export const INVITATION_CODE_BYTES = 32;
export const GDAP_MIN_DAYS = 1;
export const GDAP_MAX_DAYS = 730;
export const MAX_ROLES = 50;

export const invitationInputSchema = z
  .object({
    customerEmail: z.email().max(320).describe('Where the invitation email goes'),
    customerTenantId: tenantIdSchema.optional().describe('When set, only this customer tenant can open and accept it'),
    partnerType: partnerTypeSchema.optional().describe('Required unless roleTemplateId is given'),
    // Role ids and the duration are checked by the role policy (not here) so that each broken rule gets its own problem
    // code; the document still declares the limits the policy enforces (uniqueItems, minimum, maximum).
    roles: z
      .array(z.string().trim().min(1).max(100))
      .max(MAX_ROLES)
      .optional()
      .meta({ uniqueItems: true })
      .describe('Entra role template ids, per the partner type (GET /api/roles); no role twice'),
    durationDays: z
      .number()
      .int()
      .optional()
      .meta({ minimum: GDAP_MIN_DAYS, maximum: GDAP_MAX_DAYS })
      .describe(`GDAP only, and required there: ${GDAP_MIN_DAYS}–${GDAP_MAX_DAYS} days`),
    autoExtend: z.boolean().optional().describe('GDAP only: extend by 180 days at a time; not with Global Administrator'),
    message: safeText(1000, { multiline: true }).optional().describe('Shown to the customer in the email and on the accept page'),
    locale: localeSchema
      .optional()
      .describe("Language of the customer's emails (the invitation, the confirmation); else the request's Accept-Language"),
    customerDisplayName: safeText(200)
      .optional()
      .describe('How you name this customer: shown in your lists and emails instead of its tenant id'),
    roleTemplateId: resourceId
      .optional()
      .describe('One of your role templates, instead of partnerType, roles, durationDays and autoExtend'),
    displayName: displayNameSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => templateOrSettings(input, ctx))
  .meta({ id: 'InvitationInput' });

export type InvitationInput = z.output<typeof invitationInputSchema>;

/** What an invitation grants, as its request or a role template gives it: the role policy's input. */
export interface RolePolicyInput {
  partnerType: PartnerType;
  roles?: string[] | undefined;
  durationDays?: number | undefined;
  autoExtend?: boolean | undefined;
}

/** An invitation's input once a role template it names is applied: its type is known. */
export type ResolvedInvitationInput = Omit<InvitationInput, 'partnerType' | 'roleTemplateId'> & RolePolicyInput;

const SETTINGS_FIELDS = ['partnerType', 'roles', 'durationDays', 'autoExtend'] as const;

/**
 * Either a role template or the settings it stands for, never both and never neither: a request that mixes them
 * would leave the reader guessing which wins. Shared by single and bulk invitations.
 */
export function templateOrSettings(
  input: { roleTemplateId?: string | undefined } & Partial<Record<(typeof SETTINGS_FIELDS)[number], unknown>>,
  ctx: z.RefinementCtx,
): void {
  const given = SETTINGS_FIELDS.filter((field) => input[field] !== undefined);
  if (input.roleTemplateId !== undefined && given.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['roleTemplateId'],
      message: `give either roleTemplateId or ${given.join(', ')}, not both`,
    });
  }
  if (input.roleTemplateId === undefined && input.partnerType === undefined) {
    ctx.addIssue({ code: 'custom', path: ['partnerType'], message: 'give partnerType (with its roles), or roleTemplateId' });
  }
}

export const invitationStatuses = ['pending', 'accepted', 'declined', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];
export const emailStatuses = ['queued', 'sent', 'failed'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

export interface Invitation {
  id: string;
  partnerId: string;
  partnerTenantId: string;
  customerEmail: string;
  customerTenantId?: string;
  partnerType: PartnerType;
  /** Role template ids granted on acceptance (lower case; advisor: its fixed roles). */
  roles: string[];
  durationDays?: number;
  autoExtend?: boolean;
  message?: string;
  /** The language of the customer's emails (absent on invitations stored before languages: English). */
  locale?: Locale;
  /** The partner's name for this customer. */
  customerDisplayName?: string;
  /** The customer's own name for its organization, given when accepting. */
  organizationName?: string;
  /**
   * The relationship's display name: held for this invitation while it is pending (a marker item claims it), taken
   * by the relationship on acceptance, freed when the invitation is declined, revoked or expires.
   */
  displayName?: string;
  status: InvitationStatus;
  emailStatus: EmailStatus;
  emailSentAt?: string;
  /** sha256 (hex) of the accept-link code; the code itself is never stored here. */
  codeHash: string;
  /** 1 on create, +1 per resend: an email job of an older generation is stale and sends nothing. */
  codeGeneration: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  acceptedAt?: string;
  acceptedBy?: { tenantId: string; userId: string; name?: string };
  /** Set when the accepting admin ticked the agreement box; the acceptance step records it for the tenant. */
  agreementAccepted?: { version: string; acceptedAt: string; userId: string; name?: string };
  relationshipId?: string;
  declinedAt?: string;
  declinedBy?: { tenantId: string; userId: string };
  revokedAt?: string;
  expiredAt?: string;
}

/** The language of the customer's emails about this invitation. */
export const invitationLocale = (invitation: Pick<Invitation, 'locale'>): Locale => invitation.locale ?? DEFAULT_LOCALE;

// ---- role policy ----

export interface RolePolicyResult {
  roles: string[];
  durationDays?: number;
  autoExtend?: boolean;
}

const policyError = (code: string, detail: string, field: string) => new ValidationError(detail, { [field]: [detail] }, code);

/**
 * Applies the partner type's role policy to a request: which roles it may carry, and what it grants. Throws a 400
 * whose code and detail name the broken rule.
 */
export function resolveRolePolicy(input: RolePolicyInput): RolePolicyResult {
  const type = partnerTypeDefinition(input.partnerType);
  const requested = (input.roles ?? []).map((r) => r.toLowerCase());
  const isGdap = input.partnerType === 'gdap';

  if (!isGdap && input.durationDays !== undefined) {
    throw policyError(
      'duration-not-allowed',
      `durationDays applies to GDAP invitations only, not to ${type.name}.`,
      'durationDays',
    );
  }
  if (!isGdap && input.autoExtend !== undefined) {
    throw policyError(
      'auto-extend-not-allowed',
      `autoExtend applies to GDAP invitations only, not to ${type.name}.`,
      'autoExtend',
    );
  }
  if (new Set(requested).size !== requested.length) {
    throw policyError('duplicate-roles', 'roles must not name the same role twice.', 'roles');
  }

  switch (type.rolePolicy) {
    case 'fixed':
      if (requested.length > 0) {
        throw policyError(
          'roles-not-allowed',
          `${type.name} invitations carry no roles: they always grant ${type.fixedRoles.map((id) => findRole(id)?.name ?? id).join(' and ')}.`,
          'roles',
        );
      }
      return { roles: [...type.fixedRoles] };
    case 'none':
      if (requested.length > 0) {
        throw policyError('roles-not-allowed', `${type.name} invitations grant no roles; send none.`, 'roles');
      }
      return { roles: [] };
    case 'notAssignable':
      if (requested.length > 0) {
        throw policyError('roles-not-assignable', `Roles are not available for assignment to a ${type.name}.`, 'roles');
      }
      return { roles: [] };
    case 'requested': {
      if (requested.length === 0) {
        throw policyError(
          'roles-required',
          `${type.name} invitations must request at least one role from the catalog (GET /api/roles).`,
          'roles',
        );
      }
      const unknown = requested.filter((id) => !findRole(id));
      if (unknown.length > 0) {
        throw policyError('unknown-role', `These roles are not in the catalog (GET /api/roles): ${unknown.join(', ')}.`, 'roles');
      }
      if (!isGdap) return { roles: requested };
      const refused = requested.filter((id) => !findRole(id)!.gdapAllowed);
      if (refused.length > 0) {
        throw policyError(
          'role-not-allowed-for-gdap',
          `GDAP cannot grant ${refused.map((id) => findRole(id)!.name).join(', ')} (see gdapAllowed in GET /api/roles).`,
          'roles',
        );
      }
      if (input.durationDays === undefined) {
        throw policyError(
          'duration-required',
          `GDAP invitations need durationDays (${GDAP_MIN_DAYS}–${GDAP_MAX_DAYS}).`,
          'durationDays',
        );
      }
      if (input.durationDays < GDAP_MIN_DAYS || input.durationDays > GDAP_MAX_DAYS) {
        throw policyError(
          'duration-out-of-range',
          `durationDays must be between ${GDAP_MIN_DAYS} and ${GDAP_MAX_DAYS} days.`,
          'durationDays',
        );
      }
      if (input.autoExtend && !autoExtendEligible(requested)) {
        throw policyError(
          'auto-extend-not-allowed',
          'GDAP relationships that include Global Administrator cannot auto-extend.',
          'autoExtend',
        );
      }
      return { roles: requested, durationDays: input.durationDays, autoExtend: input.autoExtend ?? false };
    }
  }
}

// ---- code ----

export const hashCode = (code: string): string => sha256Hex(code);

/** Constant-time check of a presented code against the stored hash. */
export const codeMatches = (invitation: Pick<Invitation, 'codeHash'>, code: string): boolean =>
  constantTimeEqualHex(hashCode(code), invitation.codeHash);

// ---- statuses and transitions ----

/** The status as callers see it: a pending invitation past its expiry is expired even before the timer marks it. */
export function effectiveStatus(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  return invitation.status === 'pending' && Date.parse(invitation.expiresAt) <= now.getTime() ? 'expired' : invitation.status;
}

/** Every answer (accept, decline, revoke, resend, expiry) needs a pending, unexpired invitation; else 409. */
export function assertPending(invitation: Invitation, now: Date): void {
  const status = effectiveStatus(invitation, now);
  if (status !== 'pending') {
    throw new ConflictError(
      `invitation-${status}`,
      `This invitation is ${status}; only a pending invitation can be answered, resent or revoked.`,
    );
  }
}

/**
 * An invitation's id carries its partner's id, so the customer's link (`…/invitations/{id}?code=…`) locates the
 * invitation's partition: reviewing and answering it are point reads, whatever the number of partners. Opaque to
 * clients, and within the API's id alphabet and length (`inv_ptn_<32 hex>_<32 hex>`, 73 characters).
 */
export const invitationIdFor = (partnerId: string, unique: string): string => `inv_${partnerId}_${unique}`;

const INVITATION_ID = /^inv_(ptn_[0-9a-f]{32})_[0-9a-f]{32}$/;

/** The partner id an invitation id carries; undefined for ids issued before they carried one (`inv_<32 hex>`). */
export const partnerIdOfInvitation = (invitationId: string): string | undefined => INVITATION_ID.exec(invitationId)?.[1];

export function newInvitation(args: {
  id: string;
  partnerId: string;
  partnerTenantId: string;
  input: ResolvedInvitationInput;
  policy: RolePolicyResult;
  codeHash: string;
  now: Date;
  /** The request's language, for an input that names none. */
  requestLocale: Locale;
}): Invitation {
  const { input, policy, now } = args;
  return {
    id: args.id,
    partnerId: args.partnerId,
    partnerTenantId: args.partnerTenantId,
    customerEmail: input.customerEmail,
    ...(input.customerTenantId ? { customerTenantId: input.customerTenantId.toLowerCase() } : {}),
    partnerType: input.partnerType,
    roles: policy.roles,
    ...(policy.durationDays !== undefined ? { durationDays: policy.durationDays } : {}),
    ...(policy.autoExtend !== undefined ? { autoExtend: policy.autoExtend } : {}),
    ...(input.message ? { message: input.message } : {}),
    locale: input.locale ?? args.requestLocale,
    ...(input.customerDisplayName ? { customerDisplayName: input.customerDisplayName } : {}),
    ...(input.displayName ? { displayName: input.displayName } : {}),
    status: 'pending',
    emailStatus: 'queued',
    codeHash: args.codeHash,
    codeGeneration: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: addDays(now, INVITATION_TTL_DAYS).toISOString(),
  };
}

export function acceptTransition(
  invitation: Invitation,
  args: {
    now: Date;
    by: { tenantId: string; userId: string; name?: string };
    acceptAgreementVersion?: string;
    relationshipId: string;
    organizationName?: string;
  },
): Invitation {
  assertPending(invitation, args.now);
  const at = args.now.toISOString();
  return {
    ...invitation,
    status: 'accepted',
    updatedAt: at,
    acceptedAt: at,
    acceptedBy: args.by,
    // The invitation is bound to the tenant that accepted it, whether or not the partner named one.
    customerTenantId: args.by.tenantId,
    relationshipId: args.relationshipId,
    ...(args.organizationName ? { organizationName: args.organizationName } : {}),
    ...(args.acceptAgreementVersion
      ? {
          agreementAccepted: {
            version: args.acceptAgreementVersion,
            acceptedAt: at,
            userId: args.by.userId,
            ...(args.by.name ? { name: args.by.name } : {}),
          },
        }
      : {}),
  };
}

export function declineTransition(
  invitation: Invitation,
  args: { now: Date; by: { tenantId: string; userId: string } },
): Invitation {
  assertPending(invitation, args.now);
  const at = args.now.toISOString();
  return {
    ...invitation,
    status: 'declined',
    updatedAt: at,
    declinedAt: at,
    declinedBy: args.by,
    customerTenantId: args.by.tenantId,
  };
}

export function revokeTransition(invitation: Invitation, now: Date): Invitation {
  assertPending(invitation, now);
  const at = now.toISOString();
  return { ...invitation, status: 'revoked', updatedAt: at, revokedAt: at };
}

/** A new code (hash) and generation; the old code dies. The 90 days still run from creation. */
export function resendTransition(invitation: Invitation, args: { now: Date; codeHash: string }): Invitation {
  assertPending(invitation, args.now);
  const { emailSentAt, ...rest } = invitation;
  void emailSentAt;
  return {
    ...rest,
    codeHash: args.codeHash,
    codeGeneration: invitation.codeGeneration + 1,
    emailStatus: 'queued',
    updatedAt: args.now.toISOString(),
  };
}

/** Only a pending invitation whose time ran out expires; anything else is left alone (undefined). */
export function expireTransition(invitation: Invitation, now: Date): Invitation | undefined {
  if (invitation.status !== 'pending' || Date.parse(invitation.expiresAt) > now.getTime()) return undefined;
  const at = now.toISOString();
  return { ...invitation, status: 'expired', updatedAt: at, expiredAt: at };
}

/** Records that the email of `generation` went out; undefined when a resend superseded it or it is already recorded. */
export function emailSentTransition(invitation: Invitation, generation: number, at: string): Invitation | undefined {
  if (invitation.codeGeneration !== generation || invitation.emailStatus === 'sent') return undefined;
  return { ...invitation, emailStatus: 'sent', emailSentAt: at, updatedAt: at };
}

/** Records that the email of `generation` could not be sent, so the partner sees it and can resend. */
export function emailFailedTransition(invitation: Invitation, generation: number, at: string): Invitation | undefined {
  if (invitation.codeGeneration !== generation || invitation.emailStatus !== 'queued') return undefined;
  return { ...invitation, emailStatus: 'failed', updatedAt: at };
}

/**
 * The customer tenant an invitation belongs to, if any: the one the partner named, or the one that answered it.
 * Every other tenant gets 404 for it.
 */
export const boundTenant = (invitation: Invitation): string | undefined =>
  invitation.customerTenantId ?? invitation.acceptedBy?.tenantId ?? invitation.declinedBy?.tenantId;

/** Whether `tenantId` may see the invitation at all (tenant ids compare case-insensitively, as Entra's do). */
export function visibleToTenant(invitation: Invitation, tenantId: string): boolean {
  const bound = boundTenant(invitation);
  return bound === undefined || bound.toLowerCase() === tenantId.toLowerCase();
}
