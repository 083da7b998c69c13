// What the API shows of an invitation: the partner's view and the customer's accept page (never the code or its hash).
import { z } from 'zod';
import { partnerTypeDefinition, partnerTypeSchema } from '../catalog/partner-types.js';
import { findRole } from '../catalog/roles.js';
import { mayGrant, rolesAllowedToGrant } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import { DEFAULT_LOCALE, localeSchema, type Locale } from '../../platform/i18n/locales.js';
import { emailStatuses, effectiveStatus, invitationLocale, invitationStatuses, type Invitation } from './invitation.js';

const roleRefSchema = z.object({ id: z.string(), name: z.string(), description: z.string().optional() });

export const partnerInvitationSchema = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    customerEmail: z.string(),
    customerTenantId: z.string().optional(),
    partnerType: partnerTypeSchema,
    roles: z.array(roleRefSchema),
    durationDays: z.number().int().optional(),
    autoExtend: z.boolean().optional(),
    message: z.string().optional(),
    locale: localeSchema.describe("Language of the customer's emails"),
    customerDisplayName: z.string().optional().describe('Your name for this customer'),
    displayName: z
      .string()
      .optional()
      .describe('The name the relationship takes on acceptance, held for this invitation while it is pending'),
    organizationName: z.string().optional().describe('The name the customer gave its organization when accepting'),
    customerName: z
      .string()
      .optional()
      .describe("How to show the customer: its organization's name, else your name for it (absent: only the tenant id is known)"),
    status: z.enum(invitationStatuses),
    emailStatus: z.enum(emailStatuses),
    emailSentAt: z.iso.datetime().optional(),
    resendCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().optional(),
    acceptedBy: z.object({ tenantId: z.string(), userId: z.string() }).optional(),
    relationshipId: z.string().optional(),
    declinedAt: z.iso.datetime().optional(),
    revokedAt: z.iso.datetime().optional(),
    expiredAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Invitation' });

export type PartnerInvitationView = z.output<typeof partnerInvitationSchema>;

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const roleRefs = (ids: readonly string[], withDescription: boolean, locale: Locale) =>
  ids.map((id) => {
    const role = findRole(id, locale);
    return { id, name: role?.name ?? id, ...(withDescription && role ? { description: role.description } : {}) };
  });

/** How a partner sees its customer named: what the customer calls itself, else what the partner called it. */
export const invitationCustomerName = (invitation: Pick<Invitation, 'organizationName' | 'customerDisplayName'>) =>
  invitation.organizationName ?? invitation.customerDisplayName;

export function toPartnerInvitationView(
  invitation: Invitation,
  now: Date,
  locale: Locale = DEFAULT_LOCALE,
): PartnerInvitationView {
  const i = invitation;
  return {
    id: i.id,
    partnerId: i.partnerId,
    customerEmail: i.customerEmail,
    ...optional('customerTenantId', i.customerTenantId),
    partnerType: i.partnerType,
    roles: roleRefs(i.roles, false, locale),
    ...optional('durationDays', i.durationDays),
    ...optional('autoExtend', i.autoExtend),
    ...optional('message', i.message),
    locale: invitationLocale(i),
    ...optional('customerDisplayName', i.customerDisplayName),
    ...optional('displayName', i.displayName),
    ...optional('organizationName', i.organizationName),
    ...optional('customerName', invitationCustomerName(i)),
    status: effectiveStatus(i, now),
    emailStatus: i.emailStatus,
    ...optional('emailSentAt', i.emailSentAt),
    resendCount: i.codeGeneration - 1,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    expiresAt: i.expiresAt,
    ...optional('acceptedAt', i.acceptedAt),
    ...optional('acceptedBy', i.acceptedBy ? { tenantId: i.acceptedBy.tenantId, userId: i.acceptedBy.userId } : undefined),
    ...optional('relationshipId', i.relationshipId),
    ...optional('declinedAt', i.declinedAt),
    ...optional('revokedAt', i.revokedAt),
    ...optional('expiredAt', i.expiredAt),
  };
}

export const customerInvitationSchema = z
  .object({
    id: z.string(),
    status: z.enum(invitationStatuses),
    partner: z.object({ id: z.string(), name: z.string(), website: z.string().optional() }),
    partnerType: z.object({ id: partnerTypeSchema, name: z.string(), description: z.string() }),
    roles: z.array(roleRefSchema),
    durationDays: z.number().int().optional(),
    autoExtend: z.boolean().optional(),
    message: z.string().optional(),
    displayName: z.string().optional().describe("The partner's name for the relationship this invitation leads to"),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    declinedAt: z.iso.datetime().optional(),
    agreement: z.object({ version: z.string(), url: z.string(), acceptedByTenant: z.boolean() }),
    acceptance: z
      .object({
        /** Directory roles any one of which lets a customer admin accept (granting roles needs more than reviewing). */
        rolesAllowed: z.array(z.object({ id: z.string(), name: z.string() })),
        /** Whether the caller holds one of them. */
        callerMayAccept: z.boolean(),
      })
      .describe(
        'Who may accept: granting admin roles needs Global Administrator (or Privileged Role Administrator when Global Administrator is not granted).',
      ),
  })
  .meta({ id: 'CustomerInvitation' });

export type CustomerInvitationView = z.output<typeof customerInvitationSchema>;

export function toCustomerInvitationView(
  invitation: Invitation,
  partner: { id: string; name: string; website?: string },
  agreement: { version: string; url: string; acceptedByTenant: boolean },
  now: Date,
  caller: Principal,
  locale: Locale = DEFAULT_LOCALE,
): CustomerInvitationView {
  const type = partnerTypeDefinition(invitation.partnerType, locale);
  return {
    id: invitation.id,
    status: effectiveStatus(invitation, now),
    partner: { id: partner.id, name: partner.name, ...optional('website', partner.website) },
    partnerType: { id: type.id, name: type.name, description: type.description },
    roles: roleRefs(invitation.roles, true, locale),
    ...optional('durationDays', invitation.durationDays),
    ...optional('autoExtend', invitation.autoExtend),
    ...optional('message', invitation.message),
    ...optional('displayName', invitation.displayName),
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    ...optional('declinedAt', invitation.declinedAt),
    agreement,
    acceptance: {
      rolesAllowed: roleRefs(rolesAllowedToGrant(invitation.roles), false, locale),
      callerMayAccept: mayGrant(caller, invitation.roles),
    },
  };
}
