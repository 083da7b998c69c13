// Use cases of the relationship lifecycle, as the two parties ask for them over HTTP: the customer removes admin roles
// (and cannot delete the relationship); the partner terminates it.
//
// Every change is one batch in the partner partition: the relationship's conditional replace first, then the outbox
// message of a relationship job. The job (emails, audit) may run any number of times: its email job ids and audit
// event ids are derived from the change, so duplicates land on the same email (sent-ledger) and the same event.
import type { RequestContext } from '../../platform/core/request-context.js';
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import type { AgreementConfig } from '../agreements/customer-agreement.js';
import { actorOf, type AuditActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import { ConflictError, NotFoundError } from '../../platform/core/errors.js';
import { derivedId } from '../../platform/core/ids.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { OutboxDispatcher, QueueMessage } from '../../platform/queue/outbox.js';
import { assignmentLossAuditMessages } from './access-assignment-use-cases.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { CustomerRelationshipView, PartnerCustomerView, Relationship } from './relationship.js';
import { relationshipJobMessage, type RelationshipJob } from './relationship-jobs.js';
import { removeAdminRoles, terminateRelationship } from './relationship-lifecycle.js';
import type { BatchOperation } from '../../platform/persistence/cosmos.js';
import { displayNameOperationsOnTermination } from './display-name.js';
import type { RelationshipRepository } from './relationship-repository.js';
import { customerView, getPartnerCustomer } from './relationship-read-side.js';

export interface LifecycleDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  agreements: AgreementRepository;
  outbox: OutboxDispatcher;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

/**
 * Read, compute the change, write it with its job conditionally (If-Match honoured; a lost race is decided again),
 * then send the job.
 */
async function changeRelationship(
  deps: Pick<LifecycleDeps, 'relationships' | 'outbox' | 'clock'>,
  partnerId: string,
  customerTenantId: string,
  ifMatch: string | undefined,
  notFound: string,
  change: (relationship: Relationship, now: Date) => { next: Relationship; job: RelationshipJob; operations?: BatchOperation[] },
): Promise<Versioned<Relationship>> {
  const { saved, messages } = await conditionalWrite<Relationship, { saved: Versioned<Relationship>; messages: QueueMessage[] }>(
    {
      read: () => deps.relationships.get(partnerId, customerTenantId),
      decide: (found) => {
        if (!found) throw new NotFoundError(notFound);
        const now = deps.clock.now();
        const { next, job, operations } = change(found.value, now);
        // The groups the change took roles from are audited in the same batch (the job audits the grants).
        const messages = [
          relationshipJobMessage(job),
          ...assignmentLossAuditMessages(found.value, next, job.actor, job.correlationId, now),
        ];
        return {
          write: async () => {
            const saved = await deps.relationships.replace(next, found.etag, messages, now, operations);
            return saved === 'stale' ? saved : { saved, messages };
          },
        };
      },
    },
    ifMatch,
  );
  await deps.outbox.dispatch(partnerId, messages);
  return saved;
}

// ---- customer side ----

/** Ends every admin role grant of the partner at once; the relationship and its other types stay. */
export async function removePartnerAdminRoles(
  deps: LifecycleDeps,
  principal: Principal,
  partnerId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<Versioned<CustomerRelationshipView>> {
  assertCustomerAdmin(principal);
  let removedCount = 0;
  const saved = await changeRelationship(
    deps,
    partnerId,
    principal.tenantId,
    ifMatch,
    'The relationship with this partner',
    (relationship, now) => {
      const removal = removeAdminRoles(relationship, now);
      if (!removal) {
        throw new ConflictError(
          'no-admin-roles',
          'This partner holds no admin roles in your organization, so there is nothing to remove. To change or end the relationship itself, contact Partner Center.',
        );
      }
      removedCount = removal.removed.length;
      const removedAt = now.toISOString();
      return {
        next: removal.relationship,
        job: {
          id: derivedId('roles-removed', relationship.id, removedAt),
          kind: 'processRoleRemoval',
          partnerId,
          partnerTenantId: relationship.partnerTenantId,
          customerTenantId: relationship.customerTenantId,
          relationshipId: relationship.id,
          removedAt,
          grants: removal.removed.map((g) => ({ grantId: g.id, roleId: g.roleId })),
          actor: actorOf(principal, 'customer'),
          correlationId: ctx.correlationId,
        },
      };
    },
  );
  ctx.logger.info('admin roles removed', { partnerId, grants: removedCount });
  return { value: await customerView(deps, saved.value, ctx.locale), etag: saved.etag };
}

/** Customers do not end relationships: always 409 contact-partner for a relationship the caller has. */
export async function refuseCustomerRelationshipDeletion(
  deps: Pick<LifecycleDeps, 'partners' | 'relationships'>,
  principal: Principal,
  partnerId: string,
): Promise<never> {
  assertCustomerAdmin(principal);
  const found = await deps.relationships.get(partnerId, principal.tenantId);
  if (!found) throw new NotFoundError('The relationship with this partner');
  const partner = (await deps.partners.get(partnerId))?.value;
  const contact = partner ? `${partner.name} (${partner.contactEmail})` : 'the partner';
  throw new ConflictError(
    'contact-partner',
    `Customers cannot end a partner relationship: contact ${contact} and ask them to end it. ` +
      "To stop the partner's admin access now, remove its admin roles (POST …/remove-roles).",
  ).withDetailArgs({ contact });
}

// ---- partner side ----

/**
 * The partner's termination of one relationship: the terminated relationship and the job that emails and audits it
 * (its id derived from the change). Throws 409 relationship-terminated when it is already terminated. Shared by the
 * single request and a bulk termination's items.
 */
export function terminationStep(
  relationship: Relationship,
  now: Date,
  actor: AuditActor,
  correlationId: string,
): { next: Relationship; job: RelationshipJob; operations: BatchOperation[] } {
  const termination = terminateRelationship(relationship, now);
  if (!termination) {
    throw new ConflictError('relationship-terminated', 'The relationship with this customer is already terminated.');
  }
  const terminatedAt = now.toISOString();
  return {
    next: termination.relationship,
    // The relationship's display name is released with the termination (the same batch).
    operations: displayNameOperationsOnTermination(relationship),
    job: {
      id: derivedId('rel-terminated', relationship.id, terminatedAt),
      kind: 'processTermination',
      partnerId: relationship.partnerId,
      partnerTenantId: relationship.partnerTenantId,
      customerTenantId: relationship.customerTenantId,
      relationshipId: relationship.id,
      terminatedAt,
      terminatedGrants: termination.terminated.map((g) => ({ grantId: g.id, roleId: g.roleId })),
      expiredGrants: termination.expired.map((g) => ({ grantId: g.id, roleId: g.roleId, expiresAt: g.expiresAt! })),
      actor,
      correlationId,
    },
  };
}

/** Ends the relationship: every grant, and with the relationship's types its order rights. */
export async function terminateCustomerRelationship(
  deps: LifecycleDeps,
  principal: Principal,
  customerTenantId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<Versioned<PartnerCustomerView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  await changeRelationship(deps, partner.id, customerTenantId, ifMatch, 'The customer', (relationship, now) =>
    terminationStep(relationship, now, actorOf(principal, 'partner'), ctx.correlationId),
  );
  ctx.logger.info('relationship terminated', { partnerId: partner.id });
  return getPartnerCustomer(deps, principal, customerTenantId, ctx.locale);
}
