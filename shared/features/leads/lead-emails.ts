// The lead's emails: the partner hears that a customer asked to be contacted (to its profile's contactEmail, in its
// preferred language); the customer gets a receipt when the lead is stored and a notice when the partner declines it
// (to the address it entered, in the lead's language). Each job's id derives from the lead, so each goes once.
import { z } from 'zod';
import { systemActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { emailJobBase, emailJobMessage, emailKind, type EmailKindRegistry } from '../../platform/email/email-jobs.js';
import type { OutgoingEmail } from '../../platform/email/email-sender.js';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import { renderEmail, type EmailSection } from '../../platform/email/templates.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { countryName, formatDateTime, translate, translatorFor } from '../../platform/i18n/translator.js';
import { partnerLocale, type PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { LEAD_TTL_DAYS, leadLocale, type Lead, type LeadContact } from './lead.js';
import type { LeadRepository } from './lead-repository.js';

const leadJob = <K extends 'leadNotification' | 'leadReceipt' | 'leadDeclined'>(kind: K) =>
  z.object({ ...emailJobBase, kind: z.literal(kind), partnerId: z.string().min(1), leadId: z.string().min(1) });

/** The outbox message that gets the partner told of a new lead; its id makes the email go once. */
export const leadNotificationMessage = (partnerId: string, leadId: string): QueueMessage =>
  emailJobMessage({ id: `lead-notify_${leadId}`, kind: 'leadNotification', partnerId, leadId });

/** The customer's receipt, committed with the lead. */
export const leadReceiptMessage = (partnerId: string, leadId: string): QueueMessage =>
  emailJobMessage({ id: `lead-receipt_${leadId}`, kind: 'leadReceipt', partnerId, leadId });

/** The customer's decline notice, committed with the decline (a lead is declined once). */
export const leadDeclinedMessage = (partnerId: string, leadId: string): QueueMessage =>
  emailJobMessage({ id: `lead-declined_${leadId}`, kind: 'leadDeclined', partnerId, leadId });

export interface LeadEmailDeps {
  partners: PartnerRepository;
  leads: LeadRepository;
  audit: AuditLog;
  portalBaseUrl: string;
}

const base = (url: string) => url.replace(/\/+$/, '');

export const leadEmailKinds = (deps: LeadEmailDeps): EmailKindRegistry => {
  const load = (job: { partnerId: string; leadId: string }) =>
    Promise.all([deps.partners.get(job.partnerId), deps.leads.get(job.partnerId, job.leadId)]);
  return {
    leadNotification: emailKind(leadJob('leadNotification'), {
      async compose(job) {
        const [partner, lead] = await load(job);
        const contact = lead?.value.contact;
        if (!partner || !lead || !contact) return undefined;
        const l = lead.value;
        return {
          email: renderLeadNotificationEmail(partner.value, l, contact, deps.portalBaseUrl),
          onSent: async (at, correlationId) => {
            await deps.leads.markPartnerNotified(job.partnerId, job.leadId, at);
            await deps.audit.record({
              eventId: `lead-notified_${l.id}`,
              occurredAt: at,
              actor: systemActor,
              action: 'contactRequest.partnerNotified',
              target: { type: 'contactRequest', id: l.id },
              correlationId,
              tenants: [partner.value.partnerTenantId, l.customerTenantId],
            });
          },
        };
      },
      async undeliverable(job, correlationId) {
        // The lead itself is stored and listed for the partner; only the notice failed, and the lead says so.
        await deps.leads.markNotificationFailed(job.partnerId, job.leadId);
        const [partner, lead] = await load(job);
        await deps.audit.record({
          eventId: `lead-notify-failed_${job.leadId}`,
          actor: systemActor,
          action: 'contactRequest.partnerNotificationFailed',
          target: { type: 'contactRequest', id: job.leadId },
          outcome: 'failure',
          correlationId,
          tenants: [partner?.value.partnerTenantId, lead?.value.customerTenantId],
        });
      },
    }),
    // The customer's emails need its address: once erased (or the lead gone), there is no one to write to.
    leadReceipt: emailKind(leadJob('leadReceipt'), {
      async compose(job) {
        const [partner, lead] = await load(job);
        const contact = lead?.value.contact;
        if (!partner || !lead || !contact) return undefined;
        return { email: renderLeadReceiptEmail(partner.value, lead.value, contact) };
      },
    }),
    leadDeclined: emailKind(leadJob('leadDeclined'), {
      async compose(job) {
        const [partner, lead] = await load(job);
        const contact = lead?.value.contact;
        if (!partner || lead?.value.status !== 'declined' || !contact) return undefined;
        return { email: renderLeadDeclinedEmail(partner.value, lead.value, contact, deps.portalBaseUrl) };
      },
    }),
  };
};

function organizationValue(lead: Lead, locale: Locale): string {
  return translate(locale, 'email.lead.organizationValue', {
    organization: lead.organization.name,
    size: translate(locale, 'common.peopleCount', { size: lead.organization.size }),
    industry: translate(locale, `industry.${lead.organization.industry}` as const),
  });
}

const locationValue = (lead: Lead, locale: Locale) =>
  [lead.location.city, lead.location.region, countryName(locale, lead.location.country)].filter(Boolean).join(', ');

function contactFacts(lead: Lead, contact: LeadContact, locale: Locale): EmailSection[] {
  const t = translatorFor(locale);
  return [
    { label: t('email.lead.fact.name'), value: `${contact.firstName} ${contact.lastName}` },
    { label: t('email.lead.fact.email'), value: contact.email },
    { label: t('email.lead.fact.phone'), value: contact.phone },
    { label: t('email.lead.fact.organization'), value: organizationValue(lead, locale) },
    { label: t('email.lead.fact.location'), value: locationValue(lead, locale) },
    { label: t('email.lead.fact.needs'), value: lead.needs },
  ];
}

export function renderLeadNotificationEmail(
  partner: PartnerProfile,
  lead: Lead,
  contact: LeadContact,
  portalBaseUrl: string,
): OutgoingEmail {
  const locale = partnerLocale(partner);
  const t = translatorFor(locale);
  const customerLanguage = new Intl.DisplayNames(locale, { type: 'language' }).of(leadLocale(lead)) ?? leadLocale(lead);
  return renderEmail({
    locale,
    to: partner.contactEmail,
    subject: t('email.leadNotification.subject', { organization: lead.organization.name }),
    heading: t('email.leadNotification.heading'),
    intro: t('email.leadNotification.intro', {
      firstName: contact.firstName,
      lastName: contact.lastName,
      organization: lead.organization.name,
      partner: partner.name,
    }),
    facts: [
      ...contactFacts(lead, contact, locale),
      { label: t('email.lead.fact.language'), value: customerLanguage },
      { label: t('email.lead.fact.sentAt'), value: formatDateTime(locale, lead.createdAt) },
    ],
    action: { label: t('email.leadNotification.action'), url: `${base(portalBaseUrl)}/partner/contact-requests/${lead.id}` },
    footer: t('email.leadNotification.footer', { days: LEAD_TTL_DAYS }),
  });
}

export function renderLeadReceiptEmail(partner: PartnerProfile, lead: Lead, contact: LeadContact): OutgoingEmail {
  const locale = leadLocale(lead);
  const t = translatorFor(locale);
  return renderEmail({
    locale,
    to: contact.email,
    subject: t('email.leadReceipt.subject', { partner: partner.name }),
    heading: t('email.leadReceipt.heading', { partner: partner.name }),
    intro: t('email.leadReceipt.intro', { partner: partner.name }),
    facts: [
      { label: t('email.fact.partner'), value: partner.name },
      ...(partner.website ? [{ label: t('email.fact.website'), value: partner.website }] : []),
      { label: t('email.lead.fact.sentAt'), value: formatDateTime(locale, lead.createdAt) },
      ...contactFacts(lead, contact, locale),
    ],
    footer: t('email.leadReceipt.footer'),
  });
}

export function renderLeadDeclinedEmail(
  partner: PartnerProfile,
  lead: Lead,
  contact: LeadContact,
  portalBaseUrl: string,
): OutgoingEmail {
  const locale = leadLocale(lead);
  const t = translatorFor(locale);
  return renderEmail({
    locale,
    to: contact.email,
    subject: t('email.leadDeclined.subject', { partner: partner.name }),
    heading: t('email.leadDeclined.heading'),
    intro: t('email.leadDeclined.intro', { partner: partner.name, sentAt: new Date(lead.createdAt) }),
    facts: [
      { label: t('email.fact.partner'), value: partner.name },
      { label: t('email.lead.fact.sentAt'), value: formatDateTime(locale, lead.createdAt) },
      ...(lead.declineReason ? [{ label: t('email.leadDeclined.fact.reason'), value: lead.declineReason }] : []),
    ],
    after: [t('email.leadDeclined.findAnother')],
    action: { label: t('email.leadDeclined.action'), url: `${base(portalBaseUrl)}/partners` },
  });
}
