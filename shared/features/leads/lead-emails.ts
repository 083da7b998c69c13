// The lead's email: the partner hears that a customer asked to be contacted (to its profile's contactEmail).
import { z } from 'zod';
import { systemActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { emailJobBase, emailJobMessage, emailKind, type EmailKindRegistry } from '../../platform/email/email-jobs.js';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import { renderEmail } from '../../platform/email/templates.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { LeadRepository } from './lead-repository.js';

const leadNotificationJob = z.object({
  ...emailJobBase,
  kind: z.literal('leadNotification'),
  partnerId: z.string().min(1),
  leadId: z.string().min(1),
});

/** The outbox message that gets the partner told of a new lead; its id makes the email go once. */
export const leadNotificationMessage = (partnerId: string, leadId: string): QueueMessage =>
  emailJobMessage({ id: `lead-notify_${leadId}`, kind: 'leadNotification', partnerId, leadId });

export interface LeadEmailDeps {
  partners: PartnerRepository;
  leads: LeadRepository;
  audit: AuditLog;
  portalBaseUrl: string;
}

export const leadEmailKinds = (deps: LeadEmailDeps): EmailKindRegistry => ({
  leadNotification: emailKind(leadNotificationJob, {
    async compose(job) {
      const [partner, lead] = await Promise.all([deps.partners.get(job.partnerId), deps.leads.get(job.partnerId, job.leadId)]);
      if (!partner || !lead) return undefined;
      const l = lead.value;
      const email = renderEmail({
        to: partner.value.contactEmail,
        subject: `New contact request from ${l.organization.name}`,
        heading: 'A customer asked you to contact them',
        intro: `${l.contact.firstName} ${l.contact.lastName} of ${l.organization.name} found ${partner.value.name} in the partner directory and would like you to get in touch.`,
        facts: [
          { label: 'Name', value: `${l.contact.firstName} ${l.contact.lastName}` },
          { label: 'Email', value: l.contact.email },
          { label: 'Phone', value: l.contact.phone },
          { label: 'Organization', value: `${l.organization.name} (${l.organization.size} people, ${l.organization.industry})` },
          { label: 'Location', value: [l.location.city, l.location.region, l.location.country].filter(Boolean).join(', ') },
          { label: 'Needs', value: l.needs },
        ],
        action: { label: 'Open your contact requests', url: `${deps.portalBaseUrl}/partner/contact-requests/${l.id}` },
        footer: 'Answer within 14 days: unanswered requests expire.',
      });
      return {
        email,
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
      const [partner, lead] = await Promise.all([deps.partners.get(job.partnerId), deps.leads.get(job.partnerId, job.leadId)]);
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
});
