// The jobs carried by the relationship queue: relationship changes that follow a committed change, replayable.
import { z } from 'zod';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import { queues } from '../../platform/queue/queues.js';

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
    /** Applies an accepted invitation (agreement acceptance, relationship, grants); idempotent, so replays are harmless. */
    kind: z.literal('applyAcceptedInvitation'),
    partnerId: z.string().min(1),
    invitationId: z.string().min(1),
  }),
  z.object({
    id: z.string().min(1).max(200),
    /** Role removal processing (SPEC §4.7): notify the partner, audit the removal and each grant. */
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
    /** Termination processing (SPEC §4.8): notify partner and customer, audit the relationship and each grant. */
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
    /** GDAP timer processing (SPEC §4.9): the expiry notices to send and the grant changes to audit. */
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

export const relationshipJobMessage = (job: RelationshipJob): QueueMessage => ({
  id: job.id,
  queue: queues.relationshipJobs,
  payload: { ...job },
});
