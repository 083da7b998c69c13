// The invitation emails: the customer's invitation (with the accept link) and the partner's accepted/declined notices;
// their email kinds (how each is composed from current data, what its delivery records) and the delivery outcomes.
import { z } from 'zod';
import { systemActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { addDays, type Clock } from '../../platform/core/clock.js';
import { emailJobBase, emailJobMessage, emailKind, type EmailKindRegistry } from '../../platform/email/email-jobs.js';
import type { OutgoingEmail } from '../../platform/email/email-sender.js';
import { renderEmail, type EmailSection } from '../../platform/email/templates.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import { partnerTypeDefinition } from '../catalog/partner-types.js';
import { roleName } from '../catalog/roles.js';
import type { PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { codeMatches, effectiveStatus, emailFailedTransition, emailSentTransition, type Invitation } from './invitation.js';
import type { InvitationRepository } from './invitation-repository.js';

const invitationJob = z.object({
  ...emailJobBase,
  kind: z.literal('invitation'),
  partnerId: z.string().min(1),
  invitationId: z.string().min(1),
  /** Which code generation this email carries; a resend makes older jobs stale. */
  codeGeneration: z.number().int().min(1),
  /** The accept-link code: it exists only here (outbox item, queue message) until the email is sent. */
  code: z.string().min(1).max(200),
});

/** The partner is told its invitation was answered (to its profile's contactEmail). */
const answeredJob = <K extends 'invitationAccepted' | 'invitationDeclined'>(kind: K) =>
  z.object({ ...emailJobBase, kind: z.literal(kind), partnerId: z.string().min(1), invitationId: z.string().min(1) });

/** The customer's invitation email of one code generation: its id makes exactly one email per invitation and resend. */
export const invitationEmailMessage = (invitation: Invitation, code: string): QueueMessage =>
  emailJobMessage({
    id: `invite_${invitation.id}_${invitation.codeGeneration}`,
    kind: 'invitation',
    partnerId: invitation.partnerId,
    invitationId: invitation.id,
    codeGeneration: invitation.codeGeneration,
    code,
  });

export const invitationAnsweredMessage = (
  kind: 'invitationAccepted' | 'invitationDeclined',
  partnerId: string,
  invitationId: string,
): QueueMessage =>
  emailJobMessage({
    id: `${kind === 'invitationAccepted' ? 'inv-accepted' : 'inv-declined'}_${invitationId}`,
    kind,
    partnerId,
    invitationId,
  });

export interface InvitationEmailDeps {
  partners: PartnerRepository;
  invitations: InvitationRepository;
  audit: AuditLog;
  clock: Clock;
  portalBaseUrl: string;
}

/** Records an email outcome on the invitation (the partner sees `emailStatus`); nothing to do once superseded. */
const recordEmailOutcome = (
  invitations: InvitationRepository,
  partnerId: string,
  invitationId: string,
  transition: (invitation: Invitation) => Invitation | undefined,
): Promise<void> =>
  conditionalWrite<Invitation, void>({
    read: () => invitations.get(partnerId, invitationId),
    decide: (found) => {
      const next = found && transition(found.value);
      if (!found || !next) return { done: undefined };
      return { write: async () => ((await invitations.replace(next, found.etag)) === 'stale' ? 'stale' : undefined) };
    },
  });

export const invitationEmailKinds = (deps: InvitationEmailDeps): EmailKindRegistry => {
  const answered = {
    async compose(job: { partnerId: string; invitationId: string }) {
      const [partner, invitation] = await Promise.all([
        deps.partners.get(job.partnerId),
        deps.invitations.get(job.partnerId, job.invitationId),
      ]);
      if (!partner || !invitation) return undefined;
      return {
        email: renderInvitationAnsweredEmail({
          partner: partner.value,
          invitation: invitation.value,
          portalBaseUrl: deps.portalBaseUrl,
        }),
      };
    },
  };
  return {
    invitation: emailKind(invitationJob, {
      async compose(job) {
        const [partner, invitation] = await Promise.all([
          deps.partners.get(job.partnerId),
          deps.invitations.get(job.partnerId, job.invitationId),
        ]);
        if (!partner || !invitation) return undefined;
        const i = invitation.value;
        // Answered, revoked, expired or resent since the job was queued: this code is dead, so its email must not go.
        const live = effectiveStatus(i, deps.clock.now()) === 'pending' && i.codeGeneration === job.codeGeneration;
        if (!live || !codeMatches(i, job.code)) return undefined;
        return {
          email: renderInvitationEmail({
            partner: partner.value,
            invitation: i,
            code: job.code,
            portalBaseUrl: deps.portalBaseUrl,
          }),
          onSent: async (at, correlationId) => {
            await recordEmailOutcome(deps.invitations, job.partnerId, job.invitationId, (x) =>
              emailSentTransition(x, job.codeGeneration, at),
            );
            await deps.audit.record({
              eventId: `inv-email-sent_${i.id}_${job.codeGeneration}`,
              occurredAt: at,
              actor: systemActor,
              action: 'invitation.emailSent',
              target: { type: 'invitation', id: i.id },
              correlationId,
              details: { codeGeneration: job.codeGeneration },
              tenants: [i.partnerTenantId, i.customerTenantId],
            });
          },
        };
      },
      async undeliverable(job, correlationId) {
        // The partner sees emailStatus "failed" and can resend (a new code, a new job).
        const at = deps.clock.now().toISOString();
        await recordEmailOutcome(deps.invitations, job.partnerId, job.invitationId, (x) =>
          emailFailedTransition(x, job.codeGeneration, at),
        );
        const invitation = (await deps.invitations.get(job.partnerId, job.invitationId))?.value;
        await deps.audit.record({
          eventId: `inv-email-failed_${job.invitationId}_${job.codeGeneration}`,
          actor: systemActor,
          action: 'invitation.emailFailed',
          target: { type: 'invitation', id: job.invitationId },
          outcome: 'failure',
          correlationId,
          details: { codeGeneration: job.codeGeneration },
          tenants: [invitation?.partnerTenantId, invitation?.customerTenantId],
        });
      },
    }),
    // The answer itself is stored and shown on the invitation; a notice that failed for good is only logged.
    invitationAccepted: emailKind(answeredJob('invitationAccepted'), answered),
    invitationDeclined: emailKind(answeredJob('invitationDeclined'), answered),
  };
};

/** The accept page of the portal: `{PORTAL_BASE_URL}/partners/invitations/{id}?code=…` (the code in the query string). */
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
