// The relationship lifecycle emails: roles removed (notice to the partner, confirmation to the customer), relationship
// ended (to both sides), GDAP expiry notices before the end and on the day it ends (to both sides). Composed from
// current data when the job runs, so a notice that became moot is not sent. The jobs carry ids, never addresses: the
// partner's comes from its profile, the customer's from the relationship's customer contacts (the address each
// accepted invitation was sent to). Each is written in its reader's language: the partner's profile's
// `preferredLanguage`, the language of the customer's invitation.
import { z } from 'zod';
import { partnerTypeName } from '../catalog/partner-types.js';
import { roleName } from '../catalog/roles.js';
import type { Clock } from '../../platform/core/clock.js';
import { partnerLocale, type PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { emailJobBase, emailKind, type EmailKindRegistry } from '../../platform/email/email-jobs.js';
import type { OutgoingEmail } from '../../platform/email/email-sender.js';
import { renderEmail, type EmailSection } from '../../platform/email/templates.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { formatDateTime, formatList, translate, translatorFor } from '../../platform/i18n/translator.js';
import { relationshipCustomerName, type Relationship, type RoleGrant } from './relationship.js';
import type { RelationshipRepository } from './relationship-repository.js';

/** An auto-extending GDAP grant is renewed by this many days at a time (relationship-lifecycle.ts applies it). */
const GDAP_EXTENSION_DAYS = 180;

export const rolesRemovedJob = z.object({
  ...emailJobBase,
  /** The partner is told the customer removed its admin roles. */
  kind: z.literal('rolesRemoved'),
  partnerId: z.string().min(1),
  customerTenantId: z.string().min(1),
  removedAt: z.string(),
  grantIds: z.array(z.string()).min(1),
});

export const rolesRemovedConfirmationJob = z.object({
  ...emailJobBase,
  /** The customer (at the address of `invitationId`) gets the confirmation that the partner's admin roles ended. */
  kind: z.literal('rolesRemovedConfirmation'),
  partnerId: z.string().min(1),
  customerTenantId: z.string().min(1),
  removedAt: z.string(),
  grantIds: z.array(z.string()).min(1),
  invitationId: z.string().min(1),
});

export const relationshipTerminatedJob = z.object({
  ...emailJobBase,
  /** Partner, or customer (at the address of `invitationId`), is told the partner ended the relationship. */
  kind: z.literal('relationshipTerminated'),
  partnerId: z.string().min(1),
  customerTenantId: z.string().min(1),
  terminatedAt: z.string(),
  recipient: z.enum(['partner', 'customer']),
  invitationId: z.string().min(1).optional(),
});

export const gdapExpiryNoticeJob = z.object({
  ...emailJobBase,
  /** The GDAP roles of one invitation end in `days` days; to the partner or the invitation's customer address. */
  kind: z.literal('gdapExpiryNotice'),
  partnerId: z.string().min(1),
  customerTenantId: z.string().min(1),
  invitationId: z.string().min(1),
  days: z.number().int().min(1),
  expiresAt: z.string(),
  recipient: z.enum(['partner', 'customer']),
});

export const gdapExpiredJob = z.object({
  ...emailJobBase,
  /** The GDAP roles of one invitation ended today (at `expiresAt`); to the partner or the invitation's customer address. */
  kind: z.literal('gdapExpired'),
  partnerId: z.string().min(1),
  customerTenantId: z.string().min(1),
  invitationId: z.string().min(1),
  expiresAt: z.string(),
  recipient: z.enum(['partner', 'customer']),
});

export const gdapChangedJob = z.object({
  ...emailJobBase,
  /** The customer (at the address of `invitationId`) hears the partner changed its active GDAP relationship. */
  kind: z.literal('gdapChanged'),
  partnerId: z.string().min(1),
  customerTenantId: z.string().min(1),
  invitationId: z.string().min(1),
  change: z.enum(['autoExtendEnabled', 'autoExtendDisabled', 'globalAdminRemoved']),
  at: z.string(),
  grantIds: z.array(z.string()).min(1),
});

const lifecycleJobs = [
  rolesRemovedJob,
  rolesRemovedConfirmationJob,
  relationshipTerminatedJob,
  gdapExpiryNoticeJob,
  gdapExpiredJob,
  gdapChangedJob,
] as const;
export type LifecycleEmailJob = z.output<(typeof lifecycleJobs)[number]>;
export type LifecycleEmailJobInput = z.input<(typeof lifecycleJobs)[number]>;

export interface LifecycleEmailDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  clock: Clock;
  portalBaseUrl: string;
}

/** The lifecycle kinds for the app's email registry; a notice failed for good is only logged (the change is stored). */
export const relationshipEmailKinds = (deps: LifecycleEmailDeps): EmailKindRegistry => {
  const compose = async (job: LifecycleEmailJob) => {
    const email = await composeLifecycleEmail(deps, job);
    return email && { email };
  };
  return Object.fromEntries(lifecycleJobs.map((schema) => [schema.shape.kind.value, emailKind(schema, { compose })]));
};

const base = (url: string) => url.replace(/\/+$/, '');
const roleList = (grants: readonly RoleGrant[], locale: Locale) => {
  const names = [...new Set(grants.map((g) => roleName(g.roleId, locale)))];
  return names.length > 0 ? formatList(locale, names) : translate(locale, 'common.none');
};
const typeList = (r: Relationship, locale: Locale) =>
  r.partnerTypes.length > 0
    ? formatList(
        locale,
        r.partnerTypes.map((t) => partnerTypeName(t, locale)),
      )
    : translate(locale, 'common.none');
const partnerCustomerUrl = (portal: string, tenantId: string) =>
  `${base(portal)}/partner/customers/${encodeURIComponent(tenantId)}`;
const customerPartnerUrl = (portal: string, partnerId: string) =>
  `${base(portal)}/partners/relationships/${encodeURIComponent(partnerId)}`;

/** Where, in which language, a customer notice goes: the address and language of the customer's invitation. */
const customerContact = (
  relationship: Relationship,
  invitationId: string | undefined,
): { to: string; locale: Locale } | undefined => {
  const contact = invitationId ? relationship.customerContacts?.find((c) => c.invitationId === invitationId) : undefined;
  return contact && { to: contact.email, locale: contact.locale ?? DEFAULT_LOCALE };
};

/** The customer as the partner names it: "Contoso (tenant …)", or the tenant id when no name is known. */
const customerLabel = (relationship: Relationship, locale: Locale): string => {
  const name = relationshipCustomerName(relationship);
  return translate(locale, name ? 'email.customerName' : 'email.customerTenantOnly', {
    name: name ?? '',
    tenantId: relationship.customerTenantId,
  });
};

/** The facts that name the customer in a partner's email. */
const customerFacts = (relationship: Relationship, locale: Locale): EmailSection[] => {
  const t = translatorFor(locale);
  const name = relationshipCustomerName(relationship);
  return [
    ...(name ? [{ label: t('email.fact.customer'), value: name }] : []),
    { label: t('email.fact.customerTenant'), value: relationship.customerTenantId },
  ];
};

/** The facts that name the partner in a customer's email. */
const partnerFacts = (partner: PartnerProfile, locale: Locale): EmailSection[] => {
  const t = translatorFor(locale);
  return [
    { label: t('email.fact.partner'), value: partner.name },
    ...(partner.website ? [{ label: t('email.fact.website'), value: partner.website }] : []),
  ];
};

export async function composeLifecycleEmail(
  deps: LifecycleEmailDeps,
  job: LifecycleEmailJob,
): Promise<OutgoingEmail | undefined> {
  const [partner, found] = await Promise.all([
    deps.partners.get(job.partnerId),
    deps.relationships.get(job.partnerId, job.customerTenantId),
  ]);
  if (!partner || !found) return undefined;
  const relationship = found.value;
  const portal = deps.portalBaseUrl;
  switch (job.kind) {
    case 'rolesRemoved': {
      const removed = relationship.roleGrants.filter((g) => job.grantIds.includes(g.id));
      return renderRolesRemovedEmail(partner.value, relationship, removed, job.removedAt, portal);
    }
    case 'rolesRemovedConfirmation': {
      const removed = relationship.roleGrants.filter((g) => job.grantIds.includes(g.id));
      const contact = customerContact(relationship, job.invitationId);
      return contact && renderRolesRemovedConfirmationEmail(partner.value, relationship, removed, job.removedAt, contact, portal);
    }
    case 'relationshipTerminated': {
      const ended = relationship.roleGrants.filter((g) => g.status === 'terminated' && g.endedAt === job.terminatedAt);
      if (job.recipient === 'partner') {
        const to = { to: partner.value.contactEmail, locale: partnerLocale(partner.value) };
        return renderTerminatedEmail(partner.value, relationship, ended, job.terminatedAt, to, 'partner', portal);
      }
      const contact = customerContact(relationship, job.invitationId);
      return contact && renderTerminatedEmail(partner.value, relationship, ended, job.terminatedAt, contact, 'customer', portal);
    }
    case 'gdapExpiryNotice': {
      // Only while the grants it announces are still in force with that end: removed, terminated, expired or
      // extended since, the notice says something no longer true.
      const grants = relationship.roleGrants.filter(
        (g) => g.invitationId === job.invitationId && g.status === 'active' && g.expiresAt === job.expiresAt,
      );
      if (relationship.status !== 'active' || grants.length === 0) return undefined;
      const contact =
        job.recipient === 'partner'
          ? { to: partner.value.contactEmail, locale: partnerLocale(partner.value) }
          : customerContact(relationship, job.invitationId);
      // The days left as of sending, not the threshold: a late run's 7-day notice for a grant with 5 days left says 5.
      const daysLeft = Math.max(1, Math.ceil((Date.parse(job.expiresAt) - deps.clock.now().getTime()) / 86_400_000));
      return (
        contact &&
        renderGdapNoticeEmail(partner.value, relationship, grants, daysLeft, job.expiresAt, contact, job.recipient, portal)
      );
    }
    case 'gdapExpired': {
      // The grants that ended at that end: they stay recorded as expired, so a late or repeated job still says it.
      const grants = relationship.roleGrants.filter(
        (g) => g.invitationId === job.invitationId && g.status === 'expired' && g.endedAt === job.expiresAt,
      );
      if (grants.length === 0) return undefined;
      const contact =
        job.recipient === 'partner'
          ? { to: partner.value.contactEmail, locale: partnerLocale(partner.value) }
          : customerContact(relationship, job.invitationId);
      return (
        contact && renderGdapExpiredEmail(partner.value, relationship, grants, job.expiresAt, contact, job.recipient, portal)
      );
    }
    case 'gdapChanged': {
      // The grants as the change left them: the email says what was done, even if later changes followed.
      const grants = relationship.roleGrants.filter((g) => job.grantIds.includes(g.id));
      const contact = customerContact(relationship, job.invitationId);
      return contact && grants.length > 0
        ? renderGdapChangedEmail(partner.value, relationship, grants, job.change, job.at, contact, portal)
        : undefined;
    }
  }
}

/** The customer hears the partner turned auto-extension on or off, or gave up Global Administrator. */
export function renderGdapChangedEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  grants: readonly RoleGrant[],
  change: 'autoExtendEnabled' | 'autoExtendDisabled' | 'globalAdminRemoved',
  at: string,
  recipient: Recipient,
  portalBaseUrl: string,
): OutgoingEmail {
  const { locale, to } = recipient;
  const t = translatorFor(locale);
  const args = { change, partner: partner.name, extension: GDAP_EXTENSION_DAYS, at: new Date(at) };
  const inForce = relationship.roleGrants.filter((g) => g.status === 'active' && g.partnerType === 'gdap');
  return renderEmail({
    locale,
    to,
    subject: t('email.gdapChanged.subject', args),
    heading: t('email.gdapChanged.heading', args),
    intro: t('email.gdapChanged.intro', args),
    facts: [
      ...partnerFacts(partner, locale),
      { label: t('email.gdapChanged.fact.roles', args), value: roleList(grants, locale) },
      { label: t('email.gdapChanged.fact.at'), value: formatDateTime(locale, at) },
      { label: t('email.gdap.fact.roles'), value: roleList(inForce, locale) },
    ],
    action: { label: t('email.action.reviewPartners'), url: customerPartnerUrl(portalBaseUrl, partner.id) },
    footer: t('email.gdapChanged.footer'),
  });
}

type Recipient = { to: string; locale: Locale };

export function renderRolesRemovedEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  removed: readonly RoleGrant[],
  removedAt: string,
  portalBaseUrl: string,
): OutgoingEmail {
  const locale = partnerLocale(partner);
  const t = translatorFor(locale);
  const customer = customerLabel(relationship, locale);
  return renderEmail({
    locale,
    to: partner.contactEmail,
    subject: t('email.rolesRemoved.subject', { customer }),
    heading: t('email.rolesRemoved.heading'),
    intro: t('email.rolesRemoved.intro', { customer, partner: partner.name }),
    facts: [
      ...customerFacts(relationship, locale),
      { label: t('email.rolesRemoved.fact.removed'), value: roleList(removed, locale) },
      { label: t('email.rolesRemoved.fact.removedAt'), value: formatDateTime(locale, removedAt) },
      { label: t('email.rolesRemoved.fact.typesKept'), value: typeList(relationship, locale) },
    ],
    action: { label: t('email.action.openCustomer'), url: partnerCustomerUrl(portalBaseUrl, relationship.customerTenantId) },
    footer: t('email.rolesRemoved.footer'),
  });
}

export function renderRolesRemovedConfirmationEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  removed: readonly RoleGrant[],
  removedAt: string,
  recipient: Recipient,
  portalBaseUrl: string,
): OutgoingEmail {
  const { locale } = recipient;
  const t = translatorFor(locale);
  return renderEmail({
    locale,
    to: recipient.to,
    subject: t('email.rolesRemovedConfirmation.subject', { partner: partner.name }),
    heading: t('email.rolesRemovedConfirmation.heading'),
    intro: t('email.rolesRemovedConfirmation.intro', { partner: partner.name, removedAt: new Date(removedAt) }),
    facts: [
      ...partnerFacts(partner, locale),
      { label: t('email.rolesRemoved.fact.removed'), value: roleList(removed, locale) },
      { label: t('email.rolesRemoved.fact.removedAt'), value: formatDateTime(locale, removedAt) },
      { label: t('email.rolesRemoved.fact.typesKept'), value: typeList(relationship, locale) },
    ],
    after: [t('email.rolesRemovedConfirmation.relationshipStays', { partner: partner.name })],
    action: { label: t('email.action.reviewPartners'), url: customerPartnerUrl(portalBaseUrl, partner.id) },
  });
}

export function renderTerminatedEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  ended: readonly RoleGrant[],
  terminatedAt: string,
  recipientAddress: Recipient,
  recipient: 'partner' | 'customer',
  portalBaseUrl: string,
): OutgoingEmail {
  const { locale, to } = recipientAddress;
  const t = translatorFor(locale);
  const customer = customerLabel(relationship, locale);
  const facts = [
    ...(recipient === 'partner' ? customerFacts(relationship, locale) : partnerFacts(partner, locale)),
    { label: t('email.terminated.fact.endedAt'), value: formatDateTime(locale, terminatedAt) },
    { label: t('email.fact.partnerTypes'), value: typeList(relationship, locale) },
    { label: t('email.terminated.fact.rolesEnded'), value: roleList(ended, locale) },
  ];
  return recipient === 'partner'
    ? renderEmail({
        locale,
        to,
        subject: t('email.terminated.partner.subject', { customer }),
        heading: t('email.terminated.partner.heading'),
        intro: t('email.terminated.partner.intro', { customer, partner: partner.name }),
        facts,
        action: { label: t('email.action.openCustomer'), url: partnerCustomerUrl(portalBaseUrl, relationship.customerTenantId) },
      })
    : renderEmail({
        locale,
        to,
        subject: t('email.terminated.customer.subject', { partner: partner.name }),
        heading: t('email.terminated.customer.heading', { partner: partner.name }),
        intro: t('email.terminated.customer.intro', { partner: partner.name }),
        facts,
        action: { label: t('email.action.reviewPartners'), url: customerPartnerUrl(portalBaseUrl, partner.id) },
        footer: t('email.terminated.customer.footer'),
      });
}

export function renderGdapNoticeEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  grants: readonly RoleGrant[],
  daysLeft: number,
  expiresAt: string,
  recipientAddress: Recipient,
  recipient: 'partner' | 'customer',
  portalBaseUrl: string,
): OutgoingEmail {
  const { locale, to } = recipientAddress;
  const t = translatorFor(locale);
  const renews = grants.every((g) => g.autoExtend === true) ? 'yes' : 'no';
  const args = {
    renews,
    days: daysLeft,
    extension: GDAP_EXTENSION_DAYS,
    partner: partner.name,
    customer: customerLabel(relationship, locale),
  };
  const facts = [
    ...(recipient === 'partner' ? customerFacts(relationship, locale) : partnerFacts(partner, locale)),
    { label: t('email.gdap.fact.roles'), value: roleList(grants, locale) },
    {
      label: t(renews === 'yes' ? 'email.gdap.fact.renewsOn' : 'email.gdap.fact.endsOn'),
      value: formatDateTime(locale, expiresAt),
    },
  ];
  return recipient === 'partner'
    ? renderEmail({
        locale,
        to,
        subject: t('email.gdapNotice.partner.subject', args),
        heading: t('email.gdapNotice.partner.heading', args),
        intro: t('email.gdapNotice.partner.intro', args),
        facts,
        action: { label: t('email.action.openCustomer'), url: partnerCustomerUrl(portalBaseUrl, relationship.customerTenantId) },
      })
    : renderEmail({
        locale,
        to,
        subject: t('email.gdapNotice.customer.subject', args),
        heading: t('email.gdapNotice.customer.heading', args),
        intro: t('email.gdapNotice.customer.intro', args),
        facts,
        action: { label: t('email.action.reviewPartners'), url: customerPartnerUrl(portalBaseUrl, partner.id) },
      });
}

export function renderGdapExpiredEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  grants: readonly RoleGrant[],
  expiresAt: string,
  recipientAddress: Recipient,
  recipient: 'partner' | 'customer',
  portalBaseUrl: string,
): OutgoingEmail {
  const { locale, to } = recipientAddress;
  const t = translatorFor(locale);
  const args = { partner: partner.name, customer: customerLabel(relationship, locale), end: new Date(expiresAt) };
  const facts = [
    ...(recipient === 'partner' ? customerFacts(relationship, locale) : partnerFacts(partner, locale)),
    { label: t('email.gdap.fact.roles'), value: roleList(grants, locale) },
    { label: t('email.gdap.fact.endedOn'), value: formatDateTime(locale, expiresAt) },
  ];
  return recipient === 'partner'
    ? renderEmail({
        locale,
        to,
        subject: t('email.gdapExpired.partner.subject', args),
        heading: t('email.gdapExpired.partner.heading'),
        intro: t('email.gdapExpired.partner.intro', args),
        facts,
        action: { label: t('email.action.openCustomer'), url: partnerCustomerUrl(portalBaseUrl, relationship.customerTenantId) },
      })
    : renderEmail({
        locale,
        to,
        subject: t('email.gdapExpired.customer.subject', args),
        heading: t('email.gdapExpired.customer.heading'),
        intro: t('email.gdapExpired.customer.intro', args),
        facts,
        action: { label: t('email.action.reviewPartners'), url: customerPartnerUrl(portalBaseUrl, partner.id) },
      });
}
