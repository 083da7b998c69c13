// The GDAP timer: expires grants at their end, extends the auto-extending ones, records and queues the due notices.
import { systemActor } from '../../platform/audit/audit-log.js';
import { derivedId } from '../../platform/core/ids.js';
import type { Clock } from '../../platform/core/clock.js';
import type { OutboxDispatcher, QueueMessage } from '../../platform/queue/outbox.js';
import { assignmentLossAuditMessages } from './access-assignment-use-cases.js';
import { ServiceBusyError } from '../../platform/core/errors.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Relationship } from './relationship.js';
import { relationshipJobMessage } from './relationship-jobs.js';
import { gdapTimerStep, grantChangeKey } from './relationship-lifecycle.js';
import type { RelationshipRepository } from './relationship-repository.js';

export interface GdapTimerDeps {
  relationships: RelationshipRepository;
  outbox: OutboxDispatcher;
  clock: Clock;
}

/**
 * Timer: expires GDAP grants at their end, extends the auto-extending ones, records and queues the due notices.
 * Overlapping or repeated runs are harmless: each relationship change is a conditional write computed from a fresh read,
 * so a notice recorded by one run is seen by the other, and the loser of a race writes nothing.
 */
export async function runGdapTimer(
  deps: GdapTimerDeps,
  correlationId: string,
): Promise<{ relationships: number; changes: number }> {
  const now = deps.clock.now();
  let relationships = 0;
  let changes = 0;
  for (;;) {
    const due = await deps.relationships.findGdapDue(now.toISOString(), 100);
    let progressed = false;
    for (const found of due) {
      const applied = await applyTimerStep(deps, found, now, correlationId);
      if (applied === 0) continue;
      progressed = true;
      relationships++;
      changes += applied;
    }
    // Nothing left, or everything left was just handled by an overlapping run.
    if (!progressed) return { relationships, changes };
  }
}

/** One relationship's step, written conditionally; 0 when nothing was due, or when contention outlasted the policy. */
async function applyTimerStep(
  deps: Pick<GdapTimerDeps, 'relationships' | 'outbox'>,
  first: Versioned<Relationship>,
  now: Date,
  correlationId: string,
): Promise<number> {
  let read: Versioned<Relationship> | undefined = first;
  try {
    const done = await conditionalWrite<Relationship, { changes: number; messages?: QueueMessage[] }>({
      // The due query already read it once: the first attempt decides on that copy, later ones re-read.
      read: async () => {
        const found = read ?? (await deps.relationships.get(first.value.partnerId, first.value.customerTenantId));
        read = undefined;
        return found;
      },
      decide: (found) => {
        const step = found && gdapTimerStep(found.value, now);
        if (!found || !step) return { done: { changes: 0 } };
        const relationship = found.value;
        const message = relationshipJobMessage({
          // Each change happens once in a grant's life, so the set of changes names this write uniquely.
          id: derivedId('grant-changes', relationship.id, ...step.changes.map(grantChangeKey)),
          kind: 'processGrantChanges',
          partnerId: relationship.partnerId,
          partnerTenantId: relationship.partnerTenantId,
          customerTenantId: relationship.customerTenantId,
          relationshipId: relationship.id,
          at: now.toISOString(),
          changes: step.changes,
          actor: systemActor,
          correlationId,
        });
        // Groups that held an expired role lose it in the same write; their audit events ride in the batch.
        const messages = [
          message,
          ...assignmentLossAuditMessages(relationship, step.relationship, systemActor, correlationId, now),
        ];
        return {
          write: async () => {
            const saved = await deps.relationships.replace(step.relationship, found.etag, messages, now);
            return saved === 'stale' ? saved : { changes: step.changes.length, messages };
          },
        };
      },
    });
    if (done.messages) await deps.outbox.dispatch(first.value.partnerId, done.messages);
    return done.changes;
  } catch (error) {
    // Still contended: the next run (or the overlapping one that keeps winning) takes it from here.
    if (error instanceof ServiceBusyError) return 0;
    throw error;
  }
}
