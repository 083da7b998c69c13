// The jobs carried by the relationship queue: relationship changes that follow a committed change, replayable.
import { z } from 'zod';
import type { QueueMessage } from '../queue/outbox.js';
import { queues } from '../queue/queues.js';

export const relationshipJobSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1).max(200),
    /** Applies an accepted invitation (agreement acceptance, relationship, grants); idempotent, so replays are harmless. */
    kind: z.literal('applyAcceptedInvitation'),
    partnerId: z.string().min(1),
    invitationId: z.string().min(1),
  }),
]);

export type RelationshipJob = z.output<typeof relationshipJobSchema>;

export const relationshipJobMessage = (job: RelationshipJob): QueueMessage => ({
  id: job.id,
  queue: queues.relationshipJobs,
  payload: { ...job },
});
