// Creates or extends the one relationship with what an accepted invitation grants. Called by the invitations feature
// (inline after the acceptance, and again from the acceptance's queue job), so it must be idempotent: the relationship
// records the invitations it applied, and a replay changes nothing.
import type { AuditActor, AuditLog } from '../../platform/audit/audit-log.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { applyAcceptedInvitation, type AcceptedInvitationFacts, type ApplyChange, type Relationship } from './relationship.js';
import type { RelationshipRepository } from './relationship-repository.js';

export async function applyAcceptedInvitationToRelationship(
  deps: { relationships: RelationshipRepository; audit: AuditLog },
  facts: AcceptedInvitationFacts,
  actor: AuditActor,
  correlationId: string,
): Promise<Versioned<Relationship>> {
  const { relationship, change } = await conditionalWrite<
    Relationship,
    { relationship: Versioned<Relationship>; change: ApplyChange }
  >({
    read: () => deps.relationships.get(facts.partnerId, facts.customerTenantId),
    decide: (current) => {
      const applied = applyAcceptedInvitation(current?.value, facts);
      // Already applied: `current` exists, since applying is what creates it.
      if (applied.change === 'unchanged') return { done: { relationship: current!, change: 'unchanged' } };
      return {
        write: async () => {
          const saved = current
            ? await deps.relationships.replace(applied.relationship, current.etag, [], new Date(facts.acceptedAt))
            : await deps.relationships.create(applied.relationship);
          return saved === 'stale' ? saved : { relationship: saved, change: applied.change };
        },
      };
    },
  });
  if (change !== 'unchanged') {
    await deps.audit.record({
      eventId: `rel-apply_${facts.invitationId}`,
      actor,
      action: `relationship.${change}`,
      target: { type: 'relationship', id: relationship.value.id },
      correlationId,
      details: { invitationId: facts.invitationId, partnerType: facts.partnerType, roleGrants: facts.roles.length },
      tenants: [facts.partnerTenantId, facts.customerTenantId],
    });
  }
  return relationship;
}
