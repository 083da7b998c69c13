// The relationship lifecycle emails: roles removed (to the partner), relationship ended (to both sides), GDAP expiry
// notices (to both sides). Composed from current data when the job runs, so a notice that became moot is not sent.
// The jobs carry ids, never addresses: the partner's comes from its profile, the customer's from the relationship's
// customer contacts (the address each accepted invitation was sent to).
import { z } from 'zod';
import { partnerTypeDefinition } from '../catalog/partner-types.js';
import { roleName } from '../catalog/roles.js';
import type { Clock } from '../../platform/core/clock.js';
import type { PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { emailJobBase, emailKind, type EmailKindRegistry } from '../../platform/email/email-jobs.js';
import type { OutgoingEmail } from '../../platform/email/email-sender.js';
import { renderEmail } from '../../platform/email/templates.js';
import type { Relationship, RoleGrant } from './relationship.js';
import type { RelationshipRepository } from './relationship-repository.js';

export const rolesRemovedJob = z.object({
  ...emailJobBase,
  /** The partner is told the customer removed its admin roles. */
  kind: z.literal('rolesRemoved'),
  partnerId: z.string().min(1),
  customerTenantId: z.string().min(1),
  removedAt: z.string(),
  grantIds: z.array(z.string()).min(1),
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

export type LifecycleEmailJob =
  z.output<typeof rolesRemovedJob> | z.output<typeof relationshipTerminatedJob> | z.output<typeof gdapExpiryNoticeJob>;
export type LifecycleEmailJobInput =
  z.input<typeof rolesRemovedJob> | z.input<typeof relationshipTerminatedJob> | z.input<typeof gdapExpiryNoticeJob>;

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
  return {
    rolesRemoved: emailKind(rolesRemovedJob, { compose }),
    relationshipTerminated: emailKind(relationshipTerminatedJob, { compose }),
    gdapExpiryNotice: emailKind(gdapExpiryNoticeJob, { compose }),
  };
};

const day = (iso: string) => iso.slice(0, 10);
const base = (url: string) => url.replace(/\/+$/, '');
const roleList = (grants: readonly RoleGrant[]) => [...new Set(grants.map((g) => roleName(g.roleId)))].join(', ') || 'None';
const typeList = (r: Relationship) => r.partnerTypes.map((t) => partnerTypeDefinition(t).name).join(', ') || 'None';
const partnerCustomerUrl = (portal: string, tenantId: string) =>
  `${base(portal)}/partner/customers/${encodeURIComponent(tenantId)}`;
const customerPartnerUrl = (portal: string, partnerId: string) =>
  `${base(portal)}/partners/relationships/${encodeURIComponent(partnerId)}`;

/** The address a customer notice goes to: the one the customer's invitation was sent to. */
const customerAddress = (relationship: Relationship, invitationId: string | undefined): string | undefined =>
  invitationId ? relationship.customerContacts?.find((c) => c.invitationId === invitationId)?.email : undefined;

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
  switch (job.kind) {
    case 'rolesRemoved': {
      const removed = relationship.roleGrants.filter((g) => job.grantIds.includes(g.id));
      return renderRolesRemovedEmail(partner.value, relationship, removed, job.removedAt, deps.portalBaseUrl);
    }
    case 'relationshipTerminated': {
      const ended = relationship.roleGrants.filter((g) => g.status === 'terminated' && g.endedAt === job.terminatedAt);
      if (job.recipient === 'partner') {
        return renderTerminatedEmail(
          partner.value,
          relationship,
          ended,
          job.terminatedAt,
          partner.value.contactEmail,
          'partner',
          deps.portalBaseUrl,
        );
      }
      const to = customerAddress(relationship, job.invitationId);
      return to
        ? renderTerminatedEmail(partner.value, relationship, ended, job.terminatedAt, to, 'customer', deps.portalBaseUrl)
        : undefined;
    }
    case 'gdapExpiryNotice': {
      // Only while the grants it announces are still in force with that end: removed, terminated, expired or
      // extended since, the notice says something no longer true.
      const grants = relationship.roleGrants.filter(
        (g) => g.invitationId === job.invitationId && g.status === 'active' && g.expiresAt === job.expiresAt,
      );
      if (relationship.status !== 'active' || grants.length === 0) return undefined;
      const to = job.recipient === 'partner' ? partner.value.contactEmail : customerAddress(relationship, job.invitationId);
      // The days left as of sending, not the threshold: a late run's 7-day notice for a grant with 5 days left says 5.
      const daysLeft = Math.max(1, Math.ceil((Date.parse(job.expiresAt) - deps.clock.now().getTime()) / 86_400_000));
      return to
        ? renderGdapNoticeEmail(
            partner.value,
            relationship,
            grants,
            daysLeft,
            job.expiresAt,
            to,
            job.recipient,
            deps.portalBaseUrl,
          )
        : undefined;
    }
  }
}

export function renderRolesRemovedEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  removed: readonly RoleGrant[],
  removedAt: string,
  portalBaseUrl: string,
): OutgoingEmail {
  const tenant = relationship.customerTenantId;
  return renderEmail({
    to: partner.contactEmail,
    subject: `Customer ${tenant} removed your admin roles`,
    heading: 'A customer removed your admin roles',
    intro:
      `An administrator of customer ${tenant} removed every admin role ${partner.name} held in their organization. ` +
      'The relationship stays, with its other partner types.',
    facts: [
      { label: 'Customer tenant', value: tenant },
      { label: 'Roles removed', value: roleList(removed) },
      { label: 'Removed', value: removedAt },
      { label: 'Partner types kept', value: typeList(relationship) },
    ],
    action: { label: 'Open the customer', url: partnerCustomerUrl(portalBaseUrl, tenant) },
    footer: 'To work with admin roles for this customer again, send them a new invitation.',
  });
}

export function renderTerminatedEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  ended: readonly RoleGrant[],
  terminatedAt: string,
  to: string,
  recipient: 'partner' | 'customer',
  portalBaseUrl: string,
): OutgoingEmail {
  const tenant = relationship.customerTenantId;
  const facts = [
    ...(recipient === 'partner'
      ? [{ label: 'Customer tenant', value: tenant }]
      : [{ label: 'Partner', value: partner.name }, ...(partner.website ? [{ label: 'Website', value: partner.website }] : [])]),
    { label: 'Ended', value: terminatedAt },
    { label: 'Partner types', value: typeList(relationship) },
    { label: 'Admin roles ended', value: roleList(ended) },
  ];
  return recipient === 'partner'
    ? renderEmail({
        to,
        subject: `You ended the relationship with customer ${tenant}`,
        heading: 'Relationship ended',
        intro:
          `${partner.name} ended its partner relationship with customer ${tenant}. Every admin role it held there ended, ` +
          'and it can no longer place orders for this customer.',
        facts,
        action: { label: 'Open the customer', url: partnerCustomerUrl(portalBaseUrl, tenant) },
      })
    : renderEmail({
        to,
        subject: `${partner.name} ended its partner relationship with your organization`,
        heading: `${partner.name} ended your partner relationship`,
        intro:
          `${partner.name} ended its relationship with your organization. It no longer holds admin roles in your ` +
          'organization and can no longer buy or manage subscriptions for you.',
        facts,
        action: { label: 'Review your partners', url: customerPartnerUrl(portalBaseUrl, partner.id) },
        footer: 'Questions about this change? Contact the partner.',
      });
}

export function renderGdapNoticeEmail(
  partner: PartnerProfile,
  relationship: Relationship,
  grants: readonly RoleGrant[],
  daysLeft: number,
  expiresAt: string,
  to: string,
  recipient: 'partner' | 'customer',
  portalBaseUrl: string,
): OutgoingEmail {
  const tenant = relationship.customerTenantId;
  const renews = grants.every((g) => g.autoExtend === true);
  const when = daysLeft === 1 ? 'in 1 day' : `in ${daysLeft} days`;
  const facts = [
    recipient === 'partner' ? { label: 'Customer tenant', value: tenant } : { label: 'Partner', value: partner.name },
    { label: 'Admin roles (GDAP)', value: roleList(grants) },
    { label: renews ? 'Renews automatically on' : 'Ends on', value: day(expiresAt) },
  ];
  if (recipient === 'partner') {
    return renderEmail({
      to,
      subject: renews
        ? `GDAP access to customer ${tenant} renews automatically ${when}`
        : `GDAP access to customer ${tenant} ends ${when}`,
      heading: renews ? 'GDAP access renews soon' : 'GDAP access ends soon',
      intro: renews
        ? `The granular delegated admin privileges of ${partner.name} for customer ${tenant} reach their end ${when} and will then be extended automatically by 180 days.`
        : `The granular delegated admin privileges of ${partner.name} for customer ${tenant} end ${when}. To keep them, send the customer a new GDAP invitation.`,
      facts,
      action: { label: 'Open the customer', url: partnerCustomerUrl(portalBaseUrl, tenant) },
    });
  }
  return renderEmail({
    to,
    subject: renews
      ? `${partner.name}'s admin access to your organization renews automatically ${when}`
      : `${partner.name}'s admin access to your organization ends ${when}`,
    heading: renews ? 'A partner’s admin access renews soon' : 'A partner’s admin access ends soon',
    intro: renews
      ? `The admin roles (GDAP) you gave ${partner.name} reach their end ${when} and will then be extended automatically by 180 days. To stop them, remove the partner's admin roles before then.`
      : `The admin roles (GDAP) you gave ${partner.name} end ${when}. If you want the partner to keep them, ask them for a new invitation.`,
    facts,
    action: { label: 'Review the partner', url: customerPartnerUrl(portalBaseUrl, partner.id) },
  });
}
