// Queue jobs of one queue, dispatched by kind: each feature declares the kinds it handles; the app's registry lists
// them, so the queue function imports no feature. Every kind must be idempotent: queues deliver at least once.
import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { QueueMessage } from './outbox.js';

export const queueJobEnvelope = z.looseObject({ id: z.string().min(1).max(200), kind: z.string().min(1).max(100) });
export type QueueJobEnvelope = z.output<typeof queueJobEnvelope>;

export interface QueueJobKind {
  run(job: unknown, logger: Logger): Promise<void>;
}

export type QueueJobRegistry = Readonly<Record<string, QueueJobKind>>;

export function queueJobKind<S extends z.ZodType<{ id: string; kind: string }>>(
  schema: S,
  run: (job: z.output<S>, logger: Logger) => Promise<void>,
): QueueJobKind {
  return { run: (job, logger) => run(schema.parse(job), logger) };
}

/** Runs one message; an unknown kind or a malformed job throws, so the host retries and then parks it as poison. */
export async function runQueueJob(registry: QueueJobRegistry, job: QueueJobEnvelope, logger: Logger): Promise<void> {
  const kind = Object.hasOwn(registry, job.kind) ? registry[job.kind] : undefined;
  if (!kind) throw new Error(`unknown job kind on this queue: ${job.kind}`);
  await kind.run(job, logger);
  logger.info('queue job done', { jobId: job.id, kind: job.kind });
}

/** The queue message of a job for `queue`. */
export const queueJobMessage = (queue: string, job: { id: string; kind: string } & Record<string, unknown>): QueueMessage => ({
  id: job.id,
  queue,
  payload: { ...job },
});
