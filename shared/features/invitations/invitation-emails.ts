// The invitation emails: the customer's invitation (with the accept link) and acceptance confirmation, the partner's
// accepted/declined notices; their email kinds (how each is composed from current data, what its delivery records) and
// the delivery outcomes. Each is written in its reader's language: the customer's from the invitation's `locale`, the
// partner's from its profile's `preferredLanguage`.
import { z } from 'zod';
import { systemActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { addDays, type Clock } from '../../platform/core/clock.js';
import { emailJobBase, emailJobMessage, emailKind, type EmailKindRegistry } from '../../platform/email/email-jobs.js';
import type { OutgoingEmail } from '../../platform/email/email-sender.js';
import { renderEmail, type EmailSection } from '../../platform/email/templates.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { formatDateTime, formatDisjunction, formatList, translate, translatorFor } from '../../platform/i18n/translator.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import type { AgreementConfig } from '../agreements/customer-agreement.js';
import { rolesAllowedToGrant } from '../catalog/access-rules.js';
import { partnerTypeDefinition } from '../catalog/partner-types.js';
import { includesGlobalAdministrator, roleName, wellKnownRoles } from '../catalog/roles.js';
import { partnerLocale, type PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import {
  codeMatches,
  effectiveStatus,
  emailFailedTransition,
  emailSentTransition,
  invitationLocale,
  type Invitation,
} from './invitation.js';
import type { InvitationRepository } from './invitation-repository.js';
import { invitationCustomerName } from './invitation-views.js';

/** An auto-extending GDAP grant is renewed by this many days at a time (the relationship feature applies it). */
const GDAP_EXTENSION_DAYS = 180;

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

/** An email about one invitation, composed from the stored invitation when it is sent. */
const invitationRefJob = <K extends 'invitationAccepted' | 'invitationDeclined' | 'acceptanceConfirmation'>(kind: K) =>
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

/** The partner's notice of an answer: one per invitation (it is answered once). */
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

/** The customer's confirmation of its acceptance: one per invitation, committed with the acceptance. */
export const acceptanceConfirmationMessage = (partnerId: string, invitationId: string): QueueMessage =>
  emailJobMessage({ id: `inv-accept-confirm_${invitationId}`, kind: 'acceptanceConfirmation', partnerId, invitationId });

export interface InvitationEmailDeps {
  partners: PartnerRepository;
  invitations: InvitationRepository;
  audit: AuditLog;
  clock: Clock;
  portalBaseUrl: string;
  config: AgreementConfig;
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
  const load = (job: { partnerId: string; invitationId: string }) =>
    Promise.all([deps.partners.get(job.partnerId), deps.invitations.get(job.partnerId, job.invitationId)]);
  const answered = {
    async compose(job: { partnerId: string; invitationId: string }) {
      const [partner, invitation] = await load(job);
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
        const [partner, invitation] = await load(job);
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
            agreement: { version: deps.config.CUSTOMER_AGREEMENT_VERSION, url: deps.config.CUSTOMER_AGREEMENT_URL },
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
    invitationAccepted: emailKind(invitationRefJob('invitationAccepted'), answered),
    invitationDeclined: emailKind(invitationRefJob('invitationDeclined'), answered),
    acceptanceConfirmation: emailKind(invitationRefJob('acceptanceConfirmation'), {
      async compose(job) {
        const [partner, invitation] = await load(job);
        if (!partner || invitation?.value.status !== 'accepted') return undefined;
        return {
          email: renderAcceptanceConfirmationEmail({
            partner: partner.value,
            invitation: invitation.value,
            portalBaseUrl: deps.portalBaseUrl,
          }),
        };
      },
    }),
  };
};

const base = (url: string) => url.replace(/\/+$/, '');

/** The accept page of the portal: `{PORTAL_BASE_URL}/partners/invitations/{id}?code=…` (the code in the query string). */
export const acceptLink = (portalBaseUrl: string, invitationId: string, code: string): string =>
  `${base(portalBaseUrl)}/partners/invitations/${encodeURIComponent(invitationId)}?code=${encodeURIComponent(code)}`;

/** The roles an invitation grants, named in `locale`; or why there are none. */
function rolesValue(invitation: Invitation, locale: Locale): string {
  if (invitation.roles.length > 0)
    return formatList(
      locale,
      invitation.roles.map((id) => roleName(id, locale)),
    );
  return translate(locale, invitation.partnerType === 'lineOfBusiness' ? 'common.rolesNotAssignable' : 'common.none');
}

function grantFacts(invitation: Invitation, locale: Locale): EmailSection[] {
  const t = translatorFor(locale);
  const facts: EmailSection[] = [
    { label: t('email.fact.partnerType'), value: partnerTypeDefinition(invitation.partnerType, locale).name },
    { label: t('email.fact.adminRoles'), value: rolesValue(invitation, locale) },
  ];
  if (invitation.durationDays !== undefined) {
    facts.push({
      label: t('email.invitation.fact.duration'),
      value: invitation.autoExtend
        ? t('email.invitation.durationAutoExtend', { days: invitation.durationDays, extension: GDAP_EXTENSION_DAYS })
        : t('email.invitation.duration', { days: invitation.durationDays }),
    });
  }
  return facts;
}

/** Global Administrator granted with no end date: the advisor type, or a user account given that role. */
const grantsStandingGlobalAdmin = (invitation: Invitation): boolean =>
  invitation.durationDays === undefined && includesGlobalAdministrator(invitation.roles);

export function renderInvitationEmail(args: {
  partner: PartnerProfile;
  invitation: Invitation;
  code: string;
  portalBaseUrl: string;
  agreement: { version: string; url: string };
}): OutgoingEmail {
  const { partner, invitation, agreement } = args;
  const locale = invitationLocale(invitation);
  const t = translatorFor(locale);
  const type = partnerTypeDefinition(invitation.partnerType, locale).name;
  const who = { partner: partner.name, type };
  return renderEmail({
    locale,
    to: invitation.customerEmail,
    subject: t('email.invitation.subject', who),
    heading: t('email.invitation.heading', who),
    intro: [
      t('email.invitation.intro', who),
      t('email.invitation.whoMayAccept', {
        roles: formatDisjunction(
          locale,
          rolesAllowedToGrant(invitation.roles).map((id) => roleName(id, locale)),
        ),
      }),
    ],
    ...(grantsStandingGlobalAdmin(invitation)
      ? {
          warning: t('email.invitation.warningStandingGlobalAdmin', {
            partner: partner.name,
            globalAdmin: roleName(wellKnownRoles.globalAdministrator, locale),
          }),
        }
      : {}),
    facts: [
      { label: t('email.fact.partner'), value: partner.name },
      ...(partner.website ? [{ label: t('email.fact.website'), value: partner.website }] : []),
      ...grantFacts(invitation, locale),
      ...(invitation.message ? [{ label: t('email.invitation.fact.message', who), value: invitation.message }] : []),
      {
        label: t('email.invitation.fact.agreement'),
        value: t('email.invitation.agreementValue', { version: agreement.version, url: agreement.url }),
      },
      { label: t('email.invitation.fact.validUntil'), value: formatDateTime(locale, invitation.expiresAt) },
    ],
    after: [t('email.invitation.agreement', { version: agreement.version })],
    action: { label: t('email.invitation.action'), url: acceptLink(args.portalBaseUrl, invitation.id, args.code) },
    footer: t('email.invitation.footer'),
  });
}

/** The customer as the partner names it: "Contoso (tenant …)", or the bare tenant id when no name is known. */
export function customerLabel(locale: Locale, name: string | undefined, tenantId: string): string {
  return translate(locale, name ? 'email.customerName' : 'email.customerTenantOnly', { name: name ?? '', tenantId });
}

export function renderInvitationAnsweredEmail(args: {
  partner: PartnerProfile;
  invitation: Invitation;
  portalBaseUrl: string;
}): OutgoingEmail {
  const { partner, invitation } = args;
  const locale = partnerLocale(partner);
  const t = translatorFor(locale);
  const answer = invitation.status === 'accepted' ? 'accepted' : 'declined';
  const tenant = invitation.acceptedBy?.tenantId ?? invitation.declinedBy?.tenantId ?? invitation.customerTenantId ?? '—';
  const name = invitationCustomerName(invitation);
  const customer = customerLabel(locale, name, tenant);
  const type = partnerTypeDefinition(invitation.partnerType, locale).name;
  const answeredAt = (answer === 'accepted' ? invitation.acceptedAt : invitation.declinedAt) ?? invitation.updatedAt;
  const facts: EmailSection[] = [
    ...(name ? [{ label: t('email.fact.customer'), value: name }] : []),
    { label: t('email.fact.customerTenant'), value: tenant },
    { label: t('email.fact.invitation'), value: invitation.id },
    { label: t('email.invitationAnswered.fact.answeredAt', { answer }), value: formatDateTime(locale, answeredAt) },
    ...grantFacts(invitation, locale),
  ];
  if (answer === 'accepted' && invitation.durationDays !== undefined && invitation.acceptedAt) {
    facts.push({
      label: t('email.invitationAnswered.fact.gdapEnds'),
      value: formatDateTime(locale, addDays(new Date(invitation.acceptedAt), invitation.durationDays).toISOString()),
    });
  }
  return renderEmail({
    locale,
    to: partner.contactEmail,
    subject: t('email.invitationAnswered.subject', { answer, customer, type }),
    heading: t('email.invitationAnswered.heading', { answer }),
    intro: t('email.invitationAnswered.intro', { answer, customer, type }),
    facts,
    action:
      answer === 'accepted'
        ? {
            label: t('email.action.openCustomer'),
            url: `${base(args.portalBaseUrl)}/partner/customers/${encodeURIComponent(tenant)}`,
          }
        : {
            label: t('email.invitationAnswered.action.invitation'),
            url: `${base(args.portalBaseUrl)}/partner/invitations/${encodeURIComponent(invitation.id)}`,
          },
  });
}

/**
 * The accepting organization's confirmation: what it granted, until when, and how to take it back. It goes to the
 * address the invitation was sent to (customer emails go there; the token of the admin who accepted carries no address).
 */
export function renderAcceptanceConfirmationEmail(args: {
  partner: PartnerProfile;
  invitation: Invitation;
  portalBaseUrl: string;
}): OutgoingEmail {
  const { partner, invitation } = args;
  const locale = invitationLocale(invitation);
  const t = translatorFor(locale);
  const type = partnerTypeDefinition(invitation.partnerType, locale).name;
  const acceptedAt = new Date(invitation.acceptedAt ?? invitation.updatedAt);
  const grantsRoles = invitation.roles.length > 0;
  const until =
    invitation.durationDays === undefined
      ? t('email.acceptanceConfirmation.untilRemoved')
      : t(invitation.autoExtend ? 'email.acceptanceConfirmation.untilRenews' : 'email.acceptanceConfirmation.untilEnd', {
          end: addDays(acceptedAt, invitation.durationDays),
          extension: GDAP_EXTENSION_DAYS,
        });
  const admin = invitation.acceptedBy?.name;
  return renderEmail({
    locale,
    to: invitation.customerEmail,
    subject: t('email.acceptanceConfirmation.subject', { partner: partner.name, type }),
    heading: t('email.acceptanceConfirmation.heading', { partner: partner.name }),
    intro: t('email.acceptanceConfirmation.intro', {
      known: admin ? 'yes' : 'no',
      admin: admin ?? '',
      partner: partner.name,
      acceptedAt,
    }),
    facts: [
      { label: t('email.fact.partner'), value: partner.name },
      ...(partner.website ? [{ label: t('email.fact.website'), value: partner.website }] : []),
      { label: t('email.fact.partnerType'), value: type },
      { label: t('email.acceptanceConfirmation.fact.granted'), value: rolesValue(invitation, locale) },
      ...(grantsRoles ? [{ label: t('email.acceptanceConfirmation.fact.until'), value: until }] : []),
      ...(invitation.agreementAccepted
        ? [
            {
              label: t('email.acceptanceConfirmation.fact.agreement'),
              value: t('email.acceptanceConfirmation.agreementAccepted', { version: invitation.agreementAccepted.version }),
            },
          ]
        : []),
    ],
    after: [
      grantsRoles
        ? t('email.acceptanceConfirmation.howToRemove', { partner: partner.name })
        : t('email.acceptanceConfirmation.noRoles', { partner: partner.name }),
    ],
    action: {
      label: t('email.action.reviewPartners'),
      url: `${base(args.portalBaseUrl)}/partners/relationships/${encodeURIComponent(invitation.partnerId)}`,
    },
    footer: t('email.acceptanceConfirmation.footer'),
  });
}
