// The invitations' background work: finishing an acceptance from its queue job (the accept request may have died
// after committing it), and the timer that expires pending invitations after 90 days.
import { z } from 'zod';
import { systemActor, type AuditActor, type AuditLog } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { derivedId } from '../../platform/core/ids.js';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import { queueJobKind, queueJobMessage, type QueueJobRegistry } from '../../platform/queue/queue-jobs.js';
import { queues } from '../../platform/queue/queues.js';
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import { applyAcceptedInvitationToRelationship } from '../relationships/apply-acceptance.js';
import type { AcceptedInvitationFacts } from '../relationships/relationship.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import { expireTransition, invitationLocale, type Invitation } from './invitation.js';
import { releaseDisplayNameOperation } from '../relationships/display-name.js';
import type { BatchOperation } from '../../platform/persistence/cosmos.js';
import type { InvitationRepository } from './invitation-repository.js';

export interface AcceptanceDeps {
  invitations: InvitationRepository;
  relationships: RelationshipRepository;
  agreements: AgreementRepository;
  audit: AuditLog;
}

const applyAcceptedInvitationJob = z.object({
  id: z.string().min(1).max(200),
  /** Applies an accepted invitation (agreement acceptance, relationship, grants); idempotent, so replays are harmless. */
  kind: z.literal('applyAcceptedInvitation'),
  partnerId: z.string().min(1),
  invitationId: z.string().min(1),
});

/** The outbox message committed with an acceptance: it finishes the acceptance if the request does not. */
export const applyAcceptedInvitationMessage = (partnerId: string, invitationId: string): QueueMessage =>
  queueJobMessage(queues.relationshipJobs, {
    id: `apply_${invitationId}`,
    kind: 'applyAcceptedInvitation',
    partnerId,
    invitationId,
  });

/** An invitation that ends unaccepted (declined, revoked, expired) frees the display name it held, in its batch. */
export const releasedDisplayName = (invitation: Invitation): BatchOperation[] =>
  invitation.displayName ? [releaseDisplayNameOperation(invitation.partnerId, invitation.displayName)] : [];

export const auditTenants = (invitation: Invitation) => [invitation.partnerTenantId, invitation.customerTenantId];

/** What an accepted invitation contributes to its relationship, from the stored invitation (every replay agrees). */
export function acceptedInvitationFacts(invitation: Invitation): AcceptedInvitationFacts {
  if (invitation.status !== 'accepted' || !invitation.acceptedAt || !invitation.acceptedBy) {
    throw new Error(`invitation ${invitation.id} is not accepted`);
  }
  return {
    invitationId: invitation.id,
    partnerId: invitation.partnerId,
    partnerTenantId: invitation.partnerTenantId,
    customerTenantId: invitation.acceptedBy.tenantId,
    partnerType: invitation.partnerType,
    roles: invitation.roles,
    ...(invitation.durationDays !== undefined ? { durationDays: invitation.durationDays } : {}),
    ...(invitation.autoExtend !== undefined ? { autoExtend: invitation.autoExtend } : {}),
    acceptedAt: invitation.acceptedAt,
    customerEmail: invitation.customerEmail,
    customerLocale: invitationLocale(invitation),
    ...(invitation.organizationName ? { organizationName: invitation.organizationName } : {}),
    ...(invitation.customerDisplayName ? { customerDisplayName: invitation.customerDisplayName } : {}),
    ...(invitation.displayName ? { displayName: invitation.displayName } : {}),
  };
}

/**
 * Finishes an acceptance committed on the invitation: records the agreement acceptance the admin ticked, then
 * creates or extends the relationship. Idempotent; run inline by the accept request and again by the queue job.
 */
export async function completeAcceptance(
  deps: Omit<AcceptanceDeps, 'invitations'>,
  invitation: Invitation,
  actor: AuditActor,
  correlationId: string,
) {
  if (invitation.status !== 'accepted' || !invitation.acceptedAt || !invitation.acceptedBy) {
    throw new Error(`invitation ${invitation.id} is not accepted`);
  }
  const customerTenantId = invitation.acceptedBy.tenantId;
  const ticked = invitation.agreementAccepted;
  if (ticked) {
    const outcome = await deps.agreements.record({
      customerTenantId,
      version: ticked.version,
      acceptedAt: ticked.acceptedAt,
      acceptedBy: { userId: ticked.userId, ...(ticked.name ? { name: ticked.name } : {}) },
      context: { invitationId: invitation.id, partnerId: invitation.partnerId },
    });
    if (outcome === 'created') {
      await deps.audit.record({
        eventId: derivedId('mca', customerTenantId, ticked.version),
        actor,
        action: 'agreement.accepted',
        target: { type: 'customerAgreement', id: ticked.version },
        correlationId,
        details: { version: ticked.version, invitationId: invitation.id },
        tenants: [customerTenantId, invitation.partnerTenantId],
      });
    }
  }
  return applyAcceptedInvitationToRelationship(deps, acceptedInvitationFacts(invitation), actor, correlationId);
}

/** The acceptance job kind, for the app's job registry of the relationship queue. */
export const invitationJobKinds = (deps: AcceptanceDeps): QueueJobRegistry => ({
  applyAcceptedInvitation: queueJobKind(applyAcceptedInvitationJob, async (job, logger) => {
    const found = await deps.invitations.get(job.partnerId, job.invitationId);
    if (!found || found.value.status !== 'accepted') {
      logger.info('acceptance job skipped: the invitation is not accepted', { jobId: job.id });
      return;
    }
    await completeAcceptance(deps, found.value, systemActor, logger.correlationId);
  }),
});

/** Timer: pending invitations expire 90 days after creation. Conditional writes make overlapping runs harmless. */
export async function expireInvitations(
  deps: { invitations: InvitationRepository; audit: AuditLog; clock: Clock },
  correlationId: string,
): Promise<number> {
  const now = deps.clock.now();
  let expired = 0;
  for (;;) {
    const batch = await deps.invitations.findExpirable(now.toISOString(), 100);
    if (batch.length === 0) return expired;
    let progressed = false;
    for (const found of batch) {
      const next = expireTransition(found.value, now);
      if (!next) continue;
      // A loser (answered or resent meanwhile, or just its email status recorded) is re-read by the next run. The
      // invitation's display name is freed with the expiry (same batch).
      const saved = await deps.invitations.replace(next, found.etag, releasedDisplayName(next));
      if (saved === 'stale') continue;
      progressed = true;
      expired++;
      await deps.audit.record({
        eventId: `inv-expire_${next.id}`,
        actor: systemActor,
        action: 'invitation.expired',
        target: { type: 'invitation', id: next.id },
        correlationId,
        tenants: auditTenants(next),
      });
    }
    if (!progressed) return expired;
  }
}
