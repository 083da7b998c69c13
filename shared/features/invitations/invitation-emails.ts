// The invitation emails: the customer's invitation (with the accept link) and the partner's accepted/declined notices.
import { partnerTypeDefinition } from '../catalog/partner-types.js';
import { roleName } from '../catalog/roles.js';
import { addDays } from '../../platform/core/clock.js';
import type { PartnerProfile } from '../directory/partner-profile.js';
import type { OutgoingEmail } from '../../platform/email/email-sender.js';
import { renderEmail, type EmailSection } from '../../platform/email/templates.js';
import type { Invitation } from './invitation.js';

/** The accept page of the portal; the code rides in the query string, as the SPEC's link format says. */
export const acceptLink = (portalBaseUrl: string, invitationId: string, code: string): string =>
  `${portalBaseUrl.replace(/\/+$/, '')}/partners/invitations/${encodeURIComponent(invitationId)}?code=${encodeURIComponent(code)}`;

const day = (iso: string) => iso.slice(0, 10);

function grantFacts(invitation: Invitation): EmailSection[] {
  const type = partnerTypeDefinition(invitation.partnerType);
  const facts: EmailSection[] = [{ label: 'Partner type', value: type.name }];
  facts.push({
    label: 'Admin roles',
    value:
      invitation.roles.length > 0
        ? invitation.roles.map(roleName).join(', ')
        : invitation.partnerType === 'lineOfBusiness'
          ? 'None (roles are not available for assignment to this partner type)'
          : 'None',
  });
  if (invitation.durationDays !== undefined) {
    facts.push({
      label: 'Duration',
      value: `${invitation.durationDays} days from acceptance${invitation.autoExtend ? ', then extended automatically by 180 days at a time' : ''}`,
    });
  }
  return facts;
}

export function renderInvitationEmail(args: {
  partner: PartnerProfile;
  invitation: Invitation;
  code: string;
  portalBaseUrl: string;
}): OutgoingEmail {
  const { partner, invitation } = args;
  const type = partnerTypeDefinition(invitation.partnerType);
  return renderEmail({
    to: invitation.customerEmail,
    subject: `${partner.name} invites you to a partner relationship (${type.name})`,
    heading: `${partner.name} would like to work with your organization`,
    intro:
      `${partner.name} invited your organization to a partner relationship as ${type.name}. ` +
      'A Billing Administrator or Global Administrator of your organization can review the request and accept or decline it.',
    facts: [
      { label: 'Partner', value: partner.name },
      ...(partner.website ? [{ label: 'Website', value: partner.website }] : []),
      ...grantFacts(invitation),
      ...(invitation.message ? [{ label: `Message from ${partner.name}`, value: invitation.message }] : []),
      { label: 'Valid until', value: day(invitation.expiresAt) },
    ],
    action: { label: 'Review the invitation', url: acceptLink(args.portalBaseUrl, invitation.id, args.code) },
    footer:
      'Only accept if you know this partner. To refuse admin roles, decline the invitation. ' +
      'The link works once; if it expired or was replaced, ask the partner to send a new one.',
  });
}

export function renderInvitationAnsweredEmail(args: {
  partner: PartnerProfile;
  invitation: Invitation;
  portalBaseUrl: string;
}): OutgoingEmail {
  const { partner, invitation } = args;
  const accepted = invitation.status === 'accepted';
  const tenant = invitation.acceptedBy?.tenantId ?? invitation.declinedBy?.tenantId ?? invitation.customerTenantId ?? 'unknown';
  const answeredAt = (accepted ? invitation.acceptedAt : invitation.declinedAt) ?? invitation.updatedAt;
  const facts: EmailSection[] = [
    { label: 'Invitation', value: invitation.id },
    { label: 'Customer tenant', value: tenant },
    { label: accepted ? 'Accepted' : 'Declined', value: answeredAt },
    ...grantFacts(invitation),
  ];
  if (accepted && invitation.durationDays !== undefined && invitation.acceptedAt) {
    facts.push({
      label: 'GDAP access ends',
      value: day(addDays(new Date(invitation.acceptedAt), invitation.durationDays).toISOString()),
    });
  }
  return renderEmail({
    to: partner.contactEmail,
    subject: accepted
      ? `Your invitation was accepted by customer ${tenant}`
      : `Your invitation was declined by customer ${tenant}`,
    heading: accepted ? 'A customer accepted your invitation' : 'A customer declined your invitation',
    intro: accepted
      ? `The customer accepted your ${partnerTypeDefinition(invitation.partnerType).name} invitation: the relationship is active and the roles below are granted.`
      : `The customer declined your ${partnerTypeDefinition(invitation.partnerType).name} invitation; nothing was granted.`,
    facts,
    action: accepted
      ? {
          label: 'Open the customer',
          url: `${args.portalBaseUrl.replace(/\/+$/, '')}/partner/customers/${encodeURIComponent(tenant)}`,
        }
      : {
          label: 'Open your invitations',
          url: `${args.portalBaseUrl.replace(/\/+$/, '')}/partner/invitations/${encodeURIComponent(invitation.id)}`,
        },
  });
}
