// The email jobs carried by the email queue: one message per email, identified by a stable job id.
import { z } from 'zod';
import { queues } from '../queue/queues.js';
import type { QueueMessage } from '../queue/outbox.js';

export const emailJobSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1).max(200),
    kind: z.literal('leadNotification'),
    partnerId: z.string().min(1),
    leadId: z.string().min(1),
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
