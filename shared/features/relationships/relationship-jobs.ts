// The relationship queue's lifecycle jobs: the effects (emails, audit) that follow a committed relationship change.
// Each is replayable: its email job ids and audit event ids derive from the change, so a duplicate delivery lands on
// the same email (sent-ledger) and the same audit event.
import { z } from 'zod';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import { derivedId } from '../../platform/core/ids.js';
import type { Logger } from '../../platform/core/logger.js';
import { emailJobMessage } from '../../platform/email/email-jobs.js';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import { queueJobKind, queueJobMessage, type QueueJobRegistry } from '../../platform/queue/queue-jobs.js';
import type { QueueSender } from '../../platform/queue/queue-sender.js';
import { queues } from '../../platform/queue/queues.js';
import type { LifecycleEmailJobInput } from './relationship-emails.js';
import type { GrantChange } from './relationship-lifecycle.js';
import type { RelationshipRepository } from './relationship-repository.js';

/** Who made the change and under which correlation id: the job's audit events carry them, not the job's own run. */
const origin = {
  actor: z.object({
    kind: z.enum(['customer', 'partner', 'public', 'system']),
    tenantId: z.string().optional(),
    userId: z.string().optional(),
  }),
  correlationId: z.string().min(1).max(200),
};

const grantRef = z.object({ grantId: z.string(), roleId: z.string() });

const grantChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('expired'),
    grantId: z.string(),
    roleId: z.string(),
    invitationId: z.string(),
    expiresAt: z.string(),
  }),
  z.object({
    kind: z.literal('extended'),
    grantId: z.string(),
    roleId: z.string(),
    invitationId: z.string(),
    from: z.string(),
    to: z.string(),
  }),
  z.object({
    kind: z.literal('notice'),
    grantId: z.string(),
    roleId: z.string(),
    invitationId: z.string(),
    days: z.union([z.literal(30), z.literal(7), z.literal(1)]),
    expiresAt: z.string(),
    autoExtend: z.boolean(),
  }),
]);

export const relationshipJobSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1).max(200),
    /** Role removal processing: notify the partner, audit the removal and each grant. */
    kind: z.literal('processRoleRemoval'),
    partnerId: z.string().min(1),
    partnerTenantId: z.string().min(1),
    customerTenantId: z.string().min(1),
    relationshipId: z.string().min(1),
    removedAt: z.string(),
    grants: z.array(grantRef).min(1),
    ...origin,
  }),
  z.object({
    id: z.string().min(1).max(200),
    /** Termination processing: notify partner and customer, audit the relationship and each grant. */
    kind: z.literal('processTermination'),
    partnerId: z.string().min(1),
    partnerTenantId: z.string().min(1),
    customerTenantId: z.string().min(1),
    relationshipId: z.string().min(1),
    terminatedAt: z.string(),
    terminatedGrants: z.array(grantRef),
    /** Grants already past their end when the relationship ended: recorded as expired at their end. */
    expiredGrants: z.array(grantRef.extend({ expiresAt: z.string() })),
    ...origin,
  }),
  z.object({
    id: z.string().min(1).max(200),
    /** GDAP timer processing: the expiry notices to send and the grant changes to audit. */
    kind: z.literal('processGrantChanges'),
    partnerId: z.string().min(1),
    partnerTenantId: z.string().min(1),
    customerTenantId: z.string().min(1),
    relationshipId: z.string().min(1),
    at: z.string(),
    changes: z.array(grantChangeSchema).min(1),
    ...origin,
  }),
]);

export type RelationshipJob = z.output<typeof relationshipJobSchema>;

export const relationshipJobMessage = (job: RelationshipJob): QueueMessage => queueJobMessage(queues.relationshipJobs, job);

export interface LifecycleJobDeps {
  relationships: RelationshipRepository;
  queueSender: QueueSender;
  audit: AuditLog;
}

const sendEmailJob = (deps: Pick<LifecycleJobDeps, 'queueSender'>, job: LifecycleEmailJobInput) =>
  deps.queueSender.send(queues.emailJobs, emailJobMessage(job).payload);

/** Runs one lifecycle job: queues its emails (stable ids: sent once) and records its audit events (stable ids). */
export async function processLifecycleJob(deps: LifecycleJobDeps, job: RelationshipJob): Promise<void> {
  const tenants = [job.partnerTenantId, job.customerTenantId];
  const audit = (eventId: string, occurredAt: string, action: string, target: { type: string; id: string }, details = {}) =>
    deps.audit.record({
      eventId,
      occurredAt,
      actor: job.actor,
      action,
      target,
      correlationId: job.correlationId,
      details,
      tenants,
    });
  const relationshipTarget = { type: 'relationship', id: job.relationshipId };
  const grantTarget = (id: string) => ({ type: 'roleGrant', id });

  switch (job.kind) {
    case 'processRoleRemoval': {
      const removal = {
        partnerId: job.partnerId,
        customerTenantId: job.customerTenantId,
        removedAt: job.removedAt,
        grantIds: job.grants.map((g) => g.grantId),
      };
      await sendEmailJob(deps, { ...removal, id: `${job.id}_partner`, kind: 'rolesRemoved' });
      // The customer's confirmation, at each address its accepted invitations were sent to, in each one's language.
      for (const invitationId of await customerNoticeInvitations(deps, job.partnerId, job.customerTenantId)) {
        await sendEmailJob(deps, {
          ...removal,
          id: `${job.id}_customer_${invitationId}`,
          kind: 'rolesRemovedConfirmation',
          invitationId,
        });
      }
      await audit(job.id, job.removedAt, 'relationship.rolesRemoved', relationshipTarget, {
        grantIds: job.grants.map((g) => g.grantId),
        roleIds: job.grants.map((g) => g.roleId),
      });
      for (const g of job.grants) {
        await audit(derivedId('grant-removed', g.grantId), job.removedAt, 'grant.removed', grantTarget(g.grantId), {
          roleId: g.roleId,
          relationshipId: job.relationshipId,
        });
      }
      return;
    }
    case 'processTermination': {
      const base = { partnerId: job.partnerId, customerTenantId: job.customerTenantId, terminatedAt: job.terminatedAt };
      await sendEmailJob(deps, { ...base, id: `${job.id}_partner`, kind: 'relationshipTerminated', recipient: 'partner' });
      for (const invitationId of await customerNoticeInvitations(deps, job.partnerId, job.customerTenantId)) {
        await sendEmailJob(deps, {
          ...base,
          id: `${job.id}_customer_${invitationId}`,
          kind: 'relationshipTerminated',
          recipient: 'customer',
          invitationId,
        });
      }
      await audit(job.id, job.terminatedAt, 'relationship.terminated', relationshipTarget, {
        terminatedGrants: job.terminatedGrants.length,
        expiredGrants: job.expiredGrants.length,
      });
      for (const g of job.terminatedGrants) {
        await audit(derivedId('grant-terminated', g.grantId), job.terminatedAt, 'grant.terminated', grantTarget(g.grantId), {
          roleId: g.roleId,
          relationshipId: job.relationshipId,
        });
      }
      for (const g of job.expiredGrants) {
        await audit(derivedId('grant-expired', g.grantId), g.expiresAt, 'grant.expired', grantTarget(g.grantId), {
          roleId: g.roleId,
          relationshipId: job.relationshipId,
        });
      }
      return;
    }
    case 'processGrantChanges': {
      // One notice per invitation and threshold (its grants end together), to each side.
      const notices = new Map<string, Extract<GrantChange, { kind: 'notice' }>>();
      for (const c of job.changes) if (c.kind === 'notice') notices.set(`${c.invitationId}|${c.days}|${c.expiresAt}`, c);
      for (const n of notices.values()) {
        const id = derivedId('gdap-notice', n.invitationId, String(n.days), n.expiresAt);
        for (const recipient of ['partner', 'customer'] as const) {
          await sendEmailJob(deps, {
            id: `${id}_${recipient}`,
            kind: 'gdapExpiryNotice',
            partnerId: job.partnerId,
            customerTenantId: job.customerTenantId,
            invitationId: n.invitationId,
            days: n.days,
            expiresAt: n.expiresAt,
            recipient,
          });
        }
      }
      // On the day grants end: one email per invitation and end, to each side (an extension is not an end).
      const ends = new Map<string, { invitationId: string; expiresAt: string }>();
      for (const c of job.changes) {
        if (c.kind === 'expired')
          ends.set(`${c.invitationId}|${c.expiresAt}`, { invitationId: c.invitationId, expiresAt: c.expiresAt });
      }
      for (const end of ends.values()) {
        const id = derivedId('gdap-expired', end.invitationId, end.expiresAt);
        for (const recipient of ['partner', 'customer'] as const) {
          await sendEmailJob(deps, {
            id: `${id}_${recipient}`,
            kind: 'gdapExpired',
            partnerId: job.partnerId,
            customerTenantId: job.customerTenantId,
            invitationId: end.invitationId,
            expiresAt: end.expiresAt,
            recipient,
          });
        }
      }
      for (const c of job.changes) {
        const details = { roleId: c.roleId, invitationId: c.invitationId, relationshipId: job.relationshipId };
        if (c.kind === 'expired') {
          await audit(derivedId('grant-expired', c.grantId), c.expiresAt, 'grant.expired', grantTarget(c.grantId), details);
        } else if (c.kind === 'extended') {
          await audit(derivedId('grant-extended', c.grantId, c.to), job.at, 'grant.extended', grantTarget(c.grantId), {
            ...details,
            from: c.from,
            to: c.to,
          });
        } else {
          await audit(
            derivedId('grant-notice', c.grantId, String(c.days), c.expiresAt),
            job.at,
            'grant.expiryNoticeQueued',
            grantTarget(c.grantId),
            { ...details, days: c.days, expiresAt: c.expiresAt },
          );
        }
      }
      return;
    }
  }
}

/**
 * Where the customer hears of the termination: the addresses its accepted invitations were sent to, one email per
 * distinct address, named by the earliest invitation (by id) that used it so every replay picks the same.
 */
async function customerNoticeInvitations(
  deps: Pick<LifecycleJobDeps, 'relationships'>,
  partnerId: string,
  customerTenantId: string,
): Promise<string[]> {
  const relationship = await deps.relationships.get(partnerId, customerTenantId);
  const contacts = [...(relationship?.value.customerContacts ?? [])].sort((a, b) => a.invitationId.localeCompare(b.invitationId));
  const byAddress = new Map<string, string>();
  for (const c of contacts) {
    const address = c.email.trim().toLowerCase();
    if (!byAddress.has(address)) byAddress.set(address, c.invitationId);
  }
  return [...byAddress.values()];
}

/** The relationship queue's lifecycle kinds, for the app's job registry. */
export const relationshipJobKinds = (deps: LifecycleJobDeps): QueueJobRegistry => {
  const run = (job: RelationshipJob, logger: Logger) => {
    logger.info('relationship job', { jobId: job.id, kind: job.kind });
    return processLifecycleJob(deps, job);
  };
  return Object.fromEntries(relationshipJobSchema.options.map((schema) => [schema.shape.kind.value, queueJobKind(schema, run)]));
};
