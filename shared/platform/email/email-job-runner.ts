// Turns an email job into one sent email: the job's kind composes it from current data (the registry maps each kind
// to the feature that writes it), the sender sends it at most once, and the kind records the result.
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { QueueSender } from '../queue/queue-sender.js';
import { queues } from '../queue/queues.js';
import { EmailThrottledError, type EmailSender } from './email-sender.js';
import type { EmailJobEnvelope, EmailKind, EmailKindRegistry } from './email-jobs.js';

export interface EmailJobRunnerDeps {
  emailSender: EmailSender;
  queueSender: QueueSender;
  clock: Clock;
  emailKinds: EmailKindRegistry;
}

/** Throttled jobs go back to the queue this many times before the job is left to fail into the poison queue. */
export const MAX_THROTTLED_ATTEMPTS = 20;

export type EmailJobOutcome = 'sent' | 'already-sent' | 'skipped' | 'deferred';

function kindOf(registry: EmailKindRegistry, kind: string): EmailKind {
  const found = Object.hasOwn(registry, kind) ? registry[kind] : undefined;
  // An unknown kind is a deployment fault: throwing lets the host retry and then park the job in the poison queue.
  if (!found) throw new Error(`unknown email job kind: ${kind}`);
  return found;
}

export async function processEmailJob(deps: EmailJobRunnerDeps, job: EmailJobEnvelope, logger: Logger): Promise<EmailJobOutcome> {
  const composed = await kindOf(deps.emailKinds, job.kind).compose(job);
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
  await composed.onSent?.(deps.clock.now().toISOString(), logger.correlationId);
  logger.info('email job done', { jobId: job.id, kind: job.kind, outcome });
  return outcome;
}

/** A job that exhausted its retries (poison queue): its kind records that the email could not be sent. */
export async function recordUndeliverableEmailJob(
  deps: Pick<EmailJobRunnerDeps, 'emailKinds'>,
  job: EmailJobEnvelope,
  logger: Logger,
): Promise<void> {
  logger.error('email job failed for good', { jobId: job.id, kind: job.kind });
  await kindOf(deps.emailKinds, job.kind).undeliverable(job, logger.correlationId);
}
