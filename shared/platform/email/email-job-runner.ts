// Turns an email job into one sent email: composes it from current data, sends it at most once, records the result.
import { systemActor, type AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { PartnerRepository } from '../../features/directory/partner-repository.js';
import { codeMatches, effectiveStatus } from '../../features/invitations/invitation.js';
import { renderInvitationAnsweredEmail, renderInvitationEmail } from '../../features/invitations/invitation-emails.js';
import type { InvitationRepository } from '../../features/invitations/invitation-repository.js';
import { markInvitationEmailFailed, markInvitationEmailSent } from '../../features/invitations/partner-invitations.js';
import type { LeadRepository } from '../../features/leads/lead-repository.js';
import type { QueueSender } from '../queue/queue-sender.js';
import { queues } from '../queue/queues.js';
import { composeLifecycleEmail } from '../../features/relationships/relationship-emails.js';
import type { RelationshipRepository } from '../../features/relationships/relationship-repository.js';
import { EmailThrottledError, type EmailSender, type OutgoingEmail } from './email-sender.js';
import type { EmailJob } from './email-jobs.js';
import { renderEmail } from './templates.js';

export interface EmailJobDeps {
  partners: PartnerRepository;
  leads: LeadRepository;
  invitations: InvitationRepository;
  relationships: RelationshipRepository;
  emailSender: EmailSender;
  queueSender: QueueSender;
  audit: AuditLog;
  clock: Clock;
  portalBaseUrl: string;
}

/** Throttled jobs go back to the queue this many times before the job is left to fail into the poison queue. */
export const MAX_THROTTLED_ATTEMPTS = 20;

interface Composed {
  email: OutgoingEmail;
  /** Records the delivery; runs again on a redelivered job, so it must be idempotent (audit: a derived event id). */
  onSent(at: string, correlationId: string): Promise<void>;
}

export type EmailJobOutcome = 'sent' | 'already-sent' | 'skipped' | 'deferred';

export async function processEmailJob(deps: EmailJobDeps, job: EmailJob, logger: Logger): Promise<EmailJobOutcome> {
  const composed = await compose(deps, job);
  if (!composed) {
    logger.info('email job skipped: nothing to send any more', { jobId: job.id, kind: job.kind });
    return 'skipped';
  }
  let outcome: 'sent' | 'already-sent';
  try {
    outcome = await deps.emailSender.send(job.id, composed.email);
  } catch (error) {
    if (error instanceof EmailThrottledError && job.attempt < MAX_THROTTLED_ATTEMPTS) {
      // Honour Retry-After without holding a worker: the same job (same id, so still at most one email) comes back later.
      await deps.queueSender.send(
        queues.emailJobs,
        { ...job, attempt: job.attempt + 1 },
        { delaySeconds: error.retryAfterSeconds },
      );
      logger.warn('email throttled; job deferred', { jobId: job.id, retryAfterSeconds: error.retryAfterSeconds });
      return 'deferred';
    }
    throw error;
  }
  await composed.onSent(deps.clock.now().toISOString(), logger.correlationId);
  logger.info('email job done', { jobId: job.id, kind: job.kind, outcome });
  return outcome;
}

async function compose(deps: EmailJobDeps, job: EmailJob): Promise<Composed | undefined> {
  switch (job.kind) {
    case 'leadNotification': {
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
    }
    case 'invitation': {
      const [partner, invitation] = await Promise.all([
        deps.partners.get(job.partnerId),
        deps.invitations.get(job.partnerId, job.invitationId),
      ]);
      if (!partner || !invitation) return undefined;
      const i = invitation.value;
      // Answered, revoked, expired or resent since the job was queued: this code is dead, so its email must not go.
      const live = effectiveStatus(i, deps.clock.now()) === 'pending' && i.codeGeneration === job.codeGeneration;
      if (!live || !codeMatches(i, job.code)) return undefined;
      const email = renderInvitationEmail({
        partner: partner.value,
        invitation: i,
        code: job.code,
        portalBaseUrl: deps.portalBaseUrl,
      });
      return {
        email,
        onSent: async (at, correlationId) => {
          await markInvitationEmailSent(deps.invitations, job.partnerId, job.invitationId, job.codeGeneration, at);
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
    }
    case 'invitationAccepted':
    case 'invitationDeclined': {
      const [partner, invitation] = await Promise.all([
        deps.partners.get(job.partnerId),
        deps.invitations.get(job.partnerId, job.invitationId),
      ]);
      if (!partner || !invitation) return undefined;
      const email = renderInvitationAnsweredEmail({
        partner: partner.value,
        invitation: invitation.value,
        portalBaseUrl: deps.portalBaseUrl,
      });
      return { email, onSent: async () => undefined };
    }
    case 'rolesRemoved':
    case 'relationshipTerminated':
    case 'gdapExpiryNotice': {
      const email = await composeLifecycleEmail(deps, job);
      return email && { email, onSent: async () => undefined };
    }
  }
}

/** A job that exhausted its retries (poison queue): record that its email could not be sent. */
export async function recordUndeliverableEmailJob(deps: EmailJobDeps, job: EmailJob, logger: Logger): Promise<void> {
  logger.error('email job failed for good', { jobId: job.id, kind: job.kind });
  switch (job.kind) {
    case 'leadNotification': {
      // The lead itself is stored and listed for the partner; only the notice failed, and the lead says so.
      await deps.leads.markNotificationFailed(job.partnerId, job.leadId);
      const [partner, lead] = await Promise.all([deps.partners.get(job.partnerId), deps.leads.get(job.partnerId, job.leadId)]);
      await deps.audit.record({
        eventId: `lead-notify-failed_${job.leadId}`,
        actor: systemActor,
        action: 'contactRequest.partnerNotificationFailed',
        target: { type: 'contactRequest', id: job.leadId },
        outcome: 'failure',
        correlationId: logger.correlationId,
        tenants: [partner?.value.partnerTenantId, lead?.value.customerTenantId],
      });
      return;
    }
    case 'invitation': {
      // The partner sees emailStatus "failed" and can resend (a new code, a new job).
      await markInvitationEmailFailed(
        deps.invitations,
        job.partnerId,
        job.invitationId,
        job.codeGeneration,
        deps.clock.now().toISOString(),
      );
      const invitation = (await deps.invitations.get(job.partnerId, job.invitationId))?.value;
      await deps.audit.record({
        eventId: `inv-email-failed_${job.invitationId}_${job.codeGeneration}`,
        actor: systemActor,
        action: 'invitation.emailFailed',
        target: { type: 'invitation', id: job.invitationId },
        outcome: 'failure',
        correlationId: logger.correlationId,
        details: { codeGeneration: job.codeGeneration },
        tenants: [invitation?.partnerTenantId, invitation?.customerTenantId],
      });
      return;
    }
    case 'invitationAccepted':
    case 'invitationDeclined':
    case 'rolesRemoved':
    case 'relationshipTerminated':
    case 'gdapExpiryNotice':
      // The change itself is stored and shown on the invitation or relationship; only the notice is lost (logged above).
      return;
  }
}
