// Runs one relationship job from the queue; every kind is idempotent, so redeliveries and replays are harmless.
import type { Logger } from '../../platform/core/logger.js';
import { completeAcceptanceJob, type InvitationDeps } from '../invitations/partner-invitations.js';
import type { RelationshipJob } from './relationship-jobs.js';
import { processLifecycleJob, type LifecycleDeps } from './relationship-lifecycle-use-cases.js';

export type RelationshipJobDeps = Pick<InvitationDeps, 'invitations' | 'relationships' | 'agreements' | 'audit'> &
  Pick<LifecycleDeps, 'queueSender'>;

export async function processRelationshipJob(deps: RelationshipJobDeps, job: RelationshipJob, logger: Logger): Promise<void> {
  switch (job.kind) {
    case 'applyAcceptedInvitation': {
      const outcome = await completeAcceptanceJob(deps, job, logger.correlationId);
      logger.info('relationship job done', { jobId: job.id, kind: job.kind, outcome });
      return;
    }
    case 'processRoleRemoval':
    case 'processTermination':
    case 'processGrantChanges':
      await processLifecycleJob(deps, job);
      logger.info('relationship job done', { jobId: job.id, kind: job.kind });
      return;
  }
}
