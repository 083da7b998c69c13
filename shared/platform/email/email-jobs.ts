// The email jobs carried by the email queue: one message per email, identified by a stable job id.
import { z } from 'zod';
import { queues } from '../queue/queues.js';
import type { QueueMessage } from '../queue/outbox.js';

/** The partner is told its invitation was answered (to its profile's contactEmail). */
function invitationAnswered<K extends 'invitationAccepted' | 'invitationDeclined'>(kind: K) {
  return z.object({
    id: z.string().min(1).max(200),
    kind: z.literal(kind),
    partnerId: z.string().min(1),
    invitationId: z.string().min(1),
    attempt: z.number().int().min(0).default(0),
  });
}

export const emailJobSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal('leadNotification'),
    partnerId: z.string().min(1),
    leadId: z.string().min(1),
    attempt: z.number().int().min(0).default(0),
  }),
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal('invitation'),
    partnerId: z.string().min(1),
    invitationId: z.string().min(1),
    /** Which code generation this email carries; a resend makes older jobs stale. */
    codeGeneration: z.number().int().min(1),
    /** The accept-link code: it exists only here (outbox item, queue message) until the email is sent. */
    code: z.string().min(1).max(200),
    attempt: z.number().int().min(0).default(0),
  }),
  invitationAnswered('invitationAccepted'),
  invitationAnswered('invitationDeclined'),
  // Relationship lifecycle notices. They carry ids, never addresses: the partner's comes from its profile, the
  // customer's from the invitation it accepted (SPEC §4.1), read when the email is composed.
  z.object({
    id: z.string().min(1).max(200),
    /** The partner is told the customer removed its admin roles (SPEC §4.7). */
    kind: z.literal('rolesRemoved'),
    partnerId: z.string().min(1),
    customerTenantId: z.string().min(1),
    removedAt: z.string(),
    grantIds: z.array(z.string()).min(1),
    attempt: z.number().int().min(0).default(0),
  }),
  z.object({
    id: z.string().min(1).max(200),
    /** Partner, or customer (at the address of `invitationId`), is told the partner ended the relationship (§4.8). */
    kind: z.literal('relationshipTerminated'),
    partnerId: z.string().min(1),
    customerTenantId: z.string().min(1),
    terminatedAt: z.string(),
    recipient: z.enum(['partner', 'customer']),
    invitationId: z.string().min(1).optional(),
    attempt: z.number().int().min(0).default(0),
  }),
  z.object({
    id: z.string().min(1).max(200),
    /** The GDAP roles of one invitation end in `days` days (§4.9); to the partner or the invitation's customer address. */
    kind: z.literal('gdapExpiryNotice'),
    partnerId: z.string().min(1),
    customerTenantId: z.string().min(1),
    invitationId: z.string().min(1),
    days: z.number().int().min(1),
    expiresAt: z.string(),
    recipient: z.enum(['partner', 'customer']),
    attempt: z.number().int().min(0).default(0),
  }),
]);

export type EmailJob = z.output<typeof emailJobSchema>;
export type EmailJobInput = z.input<typeof emailJobSchema>;

export const emailJobMessage = (job: EmailJobInput): QueueMessage => ({
  id: job.id,
  queue: queues.emailJobs,
  payload: { ...job },
});
