// Use cases of access assignments (partner side): list, create or change, remove the groups that hold a customer's GDAP
// roles, and what the calling agent holds there through its groups. Each change is one conditional write of the
// relationship (If-Match honoured: the relationship's ETag) with its audit events in the same batch.
import { actorOf, auditEventsMessage, type AuditActor, type AuditEntry } from '../../platform/audit/audit-log.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError } from '../../platform/core/errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { OutboxDispatcher, QueueMessage } from '../../platform/queue/outbox.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import {
  assignmentLosses,
  deleteAccessAssignment,
  putAccessAssignment,
  toAccessAssignmentView,
  toMyAccessView,
  type AccessAssignmentView,
  type MyAccessView,
} from './access-assignments.js';
import type { Relationship } from './relationship.js';
import type { RelationshipRepository } from './relationship-repository.js';

export interface AccessAssignmentDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  outbox: OutboxDispatcher;
  clock: Clock;
}

const assignmentTarget = (relationship: Relationship, groupId: string) => ({
  type: 'accessAssignment',
  id: `${relationship.id}/${groupId}`,
});

/**
 * The audit events of the groups a change of grants took roles from (removal, expiry, termination, Global
 * Administrator given up): one per group, `accessAssignment.ended` when it lost its last role. The partner's groups are
 * its own directory's objects: only the partner's tenant sees these events. One message per 20 events (an audit job's
 * most), none when no group lost anything; they go into the change's batch.
 */
export function assignmentLossAuditMessages(
  before: Relationship,
  after: Relationship,
  actor: AuditActor,
  correlationId: string,
  now: Date,
): QueueMessage[] {
  const entries: AuditEntry[] = assignmentLosses(before, after).map((loss) => ({
    actor,
    action: loss.ended ? 'accessAssignment.ended' : 'accessAssignment.rolesEnded',
    target: assignmentTarget(after, loss.groupId),
    correlationId,
    details: { customerTenantId: after.customerTenantId, groupId: loss.groupId, endedRoleIds: loss.endedRoleIds },
    tenants: [after.partnerTenantId],
  }));
  const messages: QueueMessage[] = [];
  for (let i = 0; i < entries.length; i += 20) messages.push(auditEventsMessage(entries.slice(i, i + 20), now));
  return messages;
}

async function partnerRelationship(deps: AccessAssignmentDeps, principal: Principal, customerTenantId: string) {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.relationships.get(partner.id, customerTenantId);
  if (!found) throw new NotFoundError('The customer');
  return { partner, found };
}

export async function listAccessAssignments(
  deps: AccessAssignmentDeps,
  principal: Principal,
  customerTenantId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Versioned<{ items: AccessAssignmentView[]; continuationToken: null }>> {
  const { found } = await partnerRelationship(deps, principal, customerTenantId);
  const items = (found.value.accessAssignments ?? [])
    .map((a) => toAccessAssignmentView(found.value, a, locale))
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
  // At most MAX_ACCESS_ASSIGNMENTS: always one page.
  return { value: { items, continuationToken: null }, etag: found.etag };
}

/** PUT …/access-assignments/{groupId}: creates (created: true) or changes the group's roles. */
export async function saveAccessAssignment(
  deps: AccessAssignmentDeps,
  principal: Principal,
  customerTenantId: string,
  groupId: string,
  roleIds: readonly string[],
  ifMatch: string | undefined,
  ctx: RequestContext & { locale?: Locale },
): Promise<Versioned<AccessAssignmentView> & { created: boolean }> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const { saved, created, messages } = await conditionalWrite<
    Relationship,
    { saved: Versioned<Relationship>; created: boolean; messages: QueueMessage[] }
  >(
    {
      read: () => deps.relationships.get(partner.id, customerTenantId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The customer');
        const now = deps.clock.now();
        const change = putAccessAssignment(found.value, groupId, roleIds, now);
        if (change.outcome === 'unchanged') return { done: { saved: found, created: false, messages: [] } };
        const audit = auditEventsMessage(
          [
            {
              actor: actorOf(principal, 'partner'),
              action: change.outcome === 'created' ? 'accessAssignment.created' : 'accessAssignment.updated',
              target: assignmentTarget(change.next, change.assignment.groupId),
              correlationId: ctx.correlationId,
              details: {
                customerTenantId: change.next.customerTenantId,
                groupId: change.assignment.groupId,
                roleIds: change.assignment.roleIds,
              },
              tenants: [change.next.partnerTenantId],
            },
          ],
          now,
        );
        return {
          write: async () => {
            const saved = await deps.relationships.replace(change.next, found.etag, [audit], now);
            return saved === 'stale' ? saved : { saved, created: change.outcome === 'created', messages: [audit] };
          },
        };
      },
    },
    ifMatch,
  );
  if (messages.length > 0) await deps.outbox.dispatch(partner.id, messages);
  const assignment = saved.value.accessAssignments!.find((a) => a.groupId === groupId.toLowerCase())!;
  ctx.logger.info('access assignment saved', { partnerId: partner.id, created });
  return { value: toAccessAssignmentView(saved.value, assignment, ctx.locale), etag: saved.etag, created };
}

/** DELETE …/access-assignments/{groupId}: the group's members lose the customer's roles at once. */
export async function removeAccessAssignment(
  deps: AccessAssignmentDeps,
  principal: Principal,
  customerTenantId: string,
  groupId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<{ etag: string }> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const { saved, message } = await conditionalWrite<Relationship, { saved: Versioned<Relationship>; message: QueueMessage }>(
    {
      read: () => deps.relationships.get(partner.id, customerTenantId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The customer');
        const now = deps.clock.now();
        const removal = deleteAccessAssignment(found.value, groupId, now);
        if (!removal) throw new NotFoundError('The access assignment');
        const message = auditEventsMessage(
          [
            {
              actor: actorOf(principal, 'partner'),
              action: 'accessAssignment.deleted',
              target: assignmentTarget(removal.next, removal.removed.groupId),
              correlationId: ctx.correlationId,
              details: {
                customerTenantId: removal.next.customerTenantId,
                groupId: removal.removed.groupId,
                roleIds: removal.removed.roleIds,
              },
              tenants: [removal.next.partnerTenantId],
            },
          ],
          now,
        );
        return {
          write: async () => {
            const saved = await deps.relationships.replace(removal.next, found.etag, [message], now);
            return saved === 'stale' ? saved : { saved, message };
          },
        };
      },
    },
    ifMatch,
  );
  await deps.outbox.dispatch(partner.id, [message]);
  ctx.logger.info('access assignment removed', { partnerId: partner.id });
  return { etag: saved.etag };
}

/** GET …/my-access: the roles the calling agent holds on this customer through its groups, now. */
export async function getMyAccess(
  deps: AccessAssignmentDeps,
  principal: Principal,
  customerTenantId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<MyAccessView> {
  const { found } = await partnerRelationship(deps, principal, customerTenantId);
  return toMyAccessView(found.value, principal.groups, deps.clock.now(), locale);
}
