// Email jobs: one queue message per email, identified by a stable job id, and the registry that says, per kind, which
// feature composes it. The runner (email-job-runner.ts) knows the envelope only; each feature owns its kinds.
import { z } from 'zod';
import type { QueueMessage } from '../queue/outbox.js';
import { queues } from '../queue/queues.js';
import type { OutgoingEmail } from './email-sender.js';

/** What every email job carries; a kind adds its own fields (ids, never addresses: those are read when composing). */
export const emailJobEnvelope = z.looseObject({
  /** Stable per email: the ACS operation id and the sent-ledger key derive from it, so a redelivery never sends twice. */
  id: z.string().min(1).max(200),
  kind: z.string().min(1).max(100),
  /** How many times ACS throttling sent the job back to the queue. */
  attempt: z.number().int().min(0).default(0),
});
export type EmailJobEnvelope = z.output<typeof emailJobEnvelope>;

/** The fields every kind's schema starts from. */
export const emailJobBase = { id: emailJobEnvelope.shape.id, attempt: emailJobEnvelope.shape.attempt };

export interface ComposedEmail {
  email: OutgoingEmail;
  /** Records the delivery; runs again on a redelivered job, so it must be idempotent (audit: a derived event id). */
  onSent?(at: string, correlationId: string): Promise<void>;
}

/** How one kind of email is composed from current data, and what a job that failed for good leaves behind. */
export interface EmailKind {
  /** The email to send now, or undefined when there is nothing to send any more (answered, revoked, gone…). */
  compose(job: EmailJobEnvelope): Promise<ComposedEmail | undefined>;
  /** The job exhausted its retries (poison queue). */
  undeliverable(job: EmailJobEnvelope, correlationId: string): Promise<void>;
}

export type EmailKindRegistry = Readonly<Record<string, EmailKind>>;

/** Declares a kind with its own schema: the runner hands it the raw job, parsed here into the kind's typed shape. */
export function emailKind<S extends z.ZodType<{ id: string; kind: string }>>(
  schema: S,
  handlers: {
    compose(job: z.output<S>): Promise<ComposedEmail | undefined>;
    undeliverable?(job: z.output<S>, correlationId: string): Promise<void>;
  },
): EmailKind {
  return {
    compose: (job) => handlers.compose(schema.parse(job)),
    undeliverable: async (job, correlationId) => handlers.undeliverable?.(schema.parse(job), correlationId),
  };
}

/** The queue message of an email job (sent through the outbox, or straight to the queue by a job that is replayable). */
export const emailJobMessage = (job: { id: string; kind: string } & Record<string, unknown>): QueueMessage => ({
  id: job.id,
  queue: queues.emailJobs,
  payload: { ...job },
});
