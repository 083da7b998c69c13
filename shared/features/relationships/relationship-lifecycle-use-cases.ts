// Use cases of the relationship lifecycle: the customer removes admin roles (SPEC §4.7) and cannot delete; the partner
// terminates (§4.8); the GDAP timer expires, extends and announces (§4.9); and the queue jobs that carry their effects.
//
// Every change is one batch in the partner partition: the relationship's conditional replace first, then the outbox
// message of a relationship job. The job (emails, audit) may run any number of times: its email job ids and audit
// event ids are derived from the change, so duplicates land on the same email (sent-ledger) and the same event.
import type { RequestContext } from '../../platform/core/request-context.js';
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import type { AgreementConfig } from '../agreements/customer-agreement.js';
import { actorOf, systemActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../platform/core/errors.js';
import { derivedId } from '../../platform/core/ids.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { emailJobMessage, type EmailJobInput } from '../../platform/email/email-jobs.js';
import type { InvitationRepository } from '../invitations/invitation-repository.js';
import type { OutboxDispatcher } from '../../platform/queue/outbox.js';
import type { QueueSender } from '../../platform/queue/queue-sender.js';
import { queues } from '../../platform/queue/queues.js';
import type { CustomerRelationshipView, PartnerCustomerView, Relationship } from './relationship.js';
import { relationshipJobMessage, type RelationshipJob } from './relationship-jobs.js';
import {
  gdapTimerStep,
  grantChangeKey,
  removeAdminRoles,
  terminateRelationship,
  type GrantChange,
} from './relationship-lifecycle.js';
import type { RelationshipRepository } from './relationship-repository.js';
import { customerView, getPartnerCustomer } from './relationship-read-side.js';

export interface LifecycleDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  invitations: InvitationRepository;
  agreements: AgreementRepository;
  outbox: OutboxDispatcher;
  queueSender: QueueSender;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

/** Re-reads after a lost race; a relationship has few writers, so a handful of attempts settles it. */
const MAX_ATTEMPTS = 8;

const changedMeanwhile = () =>
  new ConflictError('relationship-changed', 'The relationship changed while this request was being handled; read it again.');

/**
 * Read, check If-Match, compute the change, write it with its job conditionally; on a lost race start again from a
 * fresh read (unless the caller pinned an ETag, which then no longer matches: 412).
 */
async function changeRelationship(
  deps: Pick<LifecycleDeps, 'relationships' | 'outbox' | 'clock'>,
  partnerId: string,
  customerTenantId: string,
  ifMatch: string | undefined,
  notFound: string,
  change: (relationship: Relationship, now: Date) => { next: Relationship; job: RelationshipJob },
): Promise<Versioned<Relationship>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.relationships.get(partnerId, customerTenantId);
    if (!found) throw new NotFoundError(notFound);
    if (ifMatch && ifMatch !== found.etag) throw new PreconditionFailedError();
    const now = deps.clock.now();
    const { next, job } = change(found.value, now);
    const message = relationshipJobMessage(job);
    const saved = await deps.relationships.replace(next, found.etag, [message], now);
    if (saved === 'stale') {
      if (ifMatch) throw new PreconditionFailedError();
      continue;
    }
    await deps.outbox.dispatch(partnerId, [message]);
    return saved;
  }
  throw changedMeanwhile();
}

// ---- customer side (SPEC §4.7) ----

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
  return { value: await customerView(deps, saved.value), etag: saved.etag };
}

/** Customers do not end relationships (SPEC §4.7): always 409 contact-partner for a relationship the caller has. */
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
  );
}

// ---- partner side (SPEC §4.8) ----

/** Ends the relationship: every grant, and with the relationship's types its order rights. */
export async function terminateCustomerRelationship(
  deps: LifecycleDeps,
  principal: Principal,
  customerTenantId: string,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<Versioned<PartnerCustomerView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  await changeRelationship(deps, partner.id, customerTenantId, ifMatch, 'The customer', (relationship, now) => {
    const termination = terminateRelationship(relationship, now);
    if (!termination) {
      throw new ConflictError('relationship-terminated', 'The relationship with this customer is already terminated.');
    }
    const terminatedAt = now.toISOString();
    return {
      next: termination.relationship,
      job: {
        id: derivedId('rel-terminated', relationship.id, terminatedAt),
        kind: 'processTermination',
        partnerId: partner.id,
        partnerTenantId: relationship.partnerTenantId,
        customerTenantId: relationship.customerTenantId,
        relationshipId: relationship.id,
        terminatedAt,
        terminatedGrants: termination.terminated.map((g) => ({ grantId: g.id, roleId: g.roleId })),
        expiredGrants: termination.expired.map((g) => ({ grantId: g.id, roleId: g.roleId, expiresAt: g.expiresAt! })),
        actor: actorOf(principal, 'partner'),
        correlationId: ctx.correlationId,
      },
    };
  });
  ctx.logger.info('relationship terminated', { partnerId: partner.id });
  return getPartnerCustomer(deps, principal, customerTenantId);
}

// ---- GDAP timer (SPEC §4.9) ----

/**
 * Timer: expires GDAP grants at their end, extends the auto-extending ones, records and queues the due notices.
 * Overlapping or repeated runs are harmless: each relationship change is a conditional write computed from a fresh read,
 * so a notice recorded by one run is seen by the other, and the loser of a race writes nothing.
 */
export async function runGdapTimer(
  deps: Pick<LifecycleDeps, 'relationships' | 'outbox' | 'clock'>,
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

async function applyTimerStep(
  deps: Pick<LifecycleDeps, 'relationships' | 'outbox'>,
  first: Versioned<Relationship>,
  now: Date,
  correlationId: string,
): Promise<number> {
  let found: Versioned<Relationship> | undefined = first;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && found; attempt++) {
    const step = gdapTimerStep(found.value, now);
    if (!step) return 0;
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
    const saved = await deps.relationships.replace(step.relationship, found.etag, [message], now);
    if (saved !== 'stale') {
      await deps.outbox.dispatch(relationship.partnerId, [message]);
      return step.changes.length;
    }
    found = await deps.relationships.get(relationship.partnerId, relationship.customerTenantId);
  }
  // Still contended: the next run (or the overlapping one that keeps winning) takes it from here.
  return 0;
}

// ---- the jobs: emails and audit, idempotent ----

export type LifecycleJob = Extract<
  RelationshipJob,
  { kind: 'processRoleRemoval' | 'processTermination' | 'processGrantChanges' }
>;

const sendEmailJob = (deps: Pick<LifecycleDeps, 'queueSender'>, job: EmailJobInput) =>
  deps.queueSender.send(queues.emailJobs, emailJobMessage(job).payload);

/** Runs one lifecycle job: queues its emails (stable ids: sent once) and records its audit events (stable ids). */
export async function processLifecycleJob(
  deps: Pick<LifecycleDeps, 'relationships' | 'invitations' | 'queueSender' | 'audit'>,
  job: LifecycleJob,
): Promise<void> {
  const tenants = [job.partnerTenantId, job.customerTenantId];
  const audit = (eventId: string, occurredAt: string, action: string, target: { type: string; id: string }, details = {}) =>
    deps.audit.record({
      eventId,
      occurredAt,
      actor: job.actor,
      action,
      target,
      correlationId: job.correlationId,
      details,
      tenants,
    });
  const relationshipTarget = { type: 'relationship', id: job.relationshipId };
  const grantTarget = (id: string) => ({ type: 'roleGrant', id });

  switch (job.kind) {
    case 'processRoleRemoval': {
      await sendEmailJob(deps, {
        id: `${job.id}_partner`,
        kind: 'rolesRemoved',
        partnerId: job.partnerId,
        customerTenantId: job.customerTenantId,
        removedAt: job.removedAt,
        grantIds: job.grants.map((g) => g.grantId),
      });
      await audit(job.id, job.removedAt, 'relationship.rolesRemoved', relationshipTarget, {
        grantIds: job.grants.map((g) => g.grantId),
        roleIds: job.grants.map((g) => g.roleId),
      });
      for (const g of job.grants) {
        await audit(derivedId('grant-removed', g.grantId), job.removedAt, 'grant.removed', grantTarget(g.grantId), {
          roleId: g.roleId,
          relationshipId: job.relationshipId,
        });
      }
      return;
    }
    case 'processTermination': {
      const base = { partnerId: job.partnerId, customerTenantId: job.customerTenantId, terminatedAt: job.terminatedAt };
      await sendEmailJob(deps, { ...base, id: `${job.id}_partner`, kind: 'relationshipTerminated', recipient: 'partner' });
      for (const invitationId of await customerNoticeInvitations(deps, job.partnerId, job.customerTenantId)) {
        await sendEmailJob(deps, {
          ...base,
          id: `${job.id}_customer_${invitationId}`,
          kind: 'relationshipTerminated',
          recipient: 'customer',
          invitationId,
        });
      }
      await audit(job.id, job.terminatedAt, 'relationship.terminated', relationshipTarget, {
        terminatedGrants: job.terminatedGrants.length,
        expiredGrants: job.expiredGrants.length,
      });
      for (const g of job.terminatedGrants) {
        await audit(derivedId('grant-terminated', g.grantId), job.terminatedAt, 'grant.terminated', grantTarget(g.grantId), {
          roleId: g.roleId,
          relationshipId: job.relationshipId,
        });
      }
      for (const g of job.expiredGrants) {
        await audit(derivedId('grant-expired', g.grantId), g.expiresAt, 'grant.expired', grantTarget(g.grantId), {
          roleId: g.roleId,
          relationshipId: job.relationshipId,
        });
      }
      return;
    }
    case 'processGrantChanges': {
      // One notice per invitation and threshold (its grants end together), to each side.
      const notices = new Map<string, Extract<GrantChange, { kind: 'notice' }>>();
      for (const c of job.changes) if (c.kind === 'notice') notices.set(`${c.invitationId}|${c.days}|${c.expiresAt}`, c);
      for (const n of notices.values()) {
        const id = derivedId('gdap-notice', n.invitationId, String(n.days), n.expiresAt);
        for (const recipient of ['partner', 'customer'] as const) {
          await sendEmailJob(deps, {
            id: `${id}_${recipient}`,
            kind: 'gdapExpiryNotice',
            partnerId: job.partnerId,
            customerTenantId: job.customerTenantId,
            invitationId: n.invitationId,
            days: n.days,
            expiresAt: n.expiresAt,
            recipient,
          });
        }
      }
      for (const c of job.changes) {
        const details = { roleId: c.roleId, invitationId: c.invitationId, relationshipId: job.relationshipId };
        if (c.kind === 'expired') {
          await audit(derivedId('grant-expired', c.grantId), c.expiresAt, 'grant.expired', grantTarget(c.grantId), details);
        } else if (c.kind === 'extended') {
          await audit(derivedId('grant-extended', c.grantId, c.to), job.at, 'grant.extended', grantTarget(c.grantId), {
            ...details,
            from: c.from,
            to: c.to,
          });
        } else {
          await audit(
            derivedId('grant-notice', c.grantId, String(c.days), c.expiresAt),
            job.at,
            'grant.expiryNoticeQueued',
            grantTarget(c.grantId),
            { ...details, days: c.days, expiresAt: c.expiresAt },
          );
        }
      }
      return;
    }
  }
}

/**
 * Where the customer hears of the termination: the addresses its accepted invitations were sent to (SPEC §4.1), one
 * email per distinct address, named by the earliest invitation (by id) that used it so every replay picks the same.
 */
async function customerNoticeInvitations(
  deps: Pick<LifecycleDeps, 'relationships' | 'invitations'>,
  partnerId: string,
  customerTenantId: string,
): Promise<string[]> {
  const relationship = await deps.relationships.get(partnerId, customerTenantId);
  if (!relationship) return [];
  const invitations = await Promise.all(
    [...relationship.value.appliedInvitations].sort().map((id) => deps.invitations.get(partnerId, id)),
  );
  const byAddress = new Map<string, string>();
  for (const found of invitations) {
    const i = found?.value;
    if (!i || i.status !== 'accepted' || i.acceptedBy?.tenantId.toLowerCase() !== customerTenantId.toLowerCase()) continue;
    const address = i.customerEmail.trim().toLowerCase();
    if (!byAddress.has(address)) byAddress.set(address, i.id);
  }
  return [...byAddress.values()];
}
