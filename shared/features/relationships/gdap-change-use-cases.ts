// Use cases of the partner changing an active GDAP relationship: auto-extension on or off, and giving up Global
// Administrator while the other grants stay. Each is one conditional write of the relationship (If-Match honoured)
// whose batch also holds the change's audit events and the customer's emails (one per address its accepted
// invitations went to, in that invitation's language): a change and what it sets off commit together, and the email
// job ids derive from the change, so a redelivered message sends nothing twice.
import { actorOf, auditEventsMessage, type AuditEntry } from '../../platform/audit/audit-log.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { NotFoundError } from '../../platform/core/errors.js';
import { derivedId } from '../../platform/core/ids.js';
import { emailJobMessage } from '../../platform/email/email-jobs.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { QueueMessage } from '../../platform/queue/outbox.js';
import { currentAgreementStatus } from '../agreements/customer-agreement.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import { assignmentLossAuditMessages } from './access-assignment-use-cases.js';
import {
  customerNoticeInvitationIds,
  toPartnerCustomerView,
  type PartnerCustomerView,
  type Relationship,
} from './relationship.js';
import type { LifecycleDeps } from './relationship-lifecycle-use-cases.js';
import { removeGdapGlobalAdmin, setGdapAutoExtend, type GdapChange } from './relationship-lifecycle.js';

type GdapChangeKind = 'autoExtendEnabled' | 'autoExtendDisabled' | 'globalAdminRemoved';

/** The messages a GDAP change commits with: its audit events, the customer's emails, the groups' losses. */
function changeMessages(
  before: Relationship,
  change: GdapChange,
  kind: GdapChangeKind,
  principal: Principal,
  correlationId: string,
  now: Date,
): QueueMessage[] {
  const after = change.relationship;
  const at = now.toISOString();
  const actor = actorOf(principal, 'partner');
  const tenants = [after.partnerTenantId, after.customerTenantId];
  const grantIds = change.grants.map((g) => g.id);
  const entries: AuditEntry[] = [
    {
      actor,
      action: `gdap.${kind}`,
      target: { type: 'relationship', id: after.id },
      correlationId,
      details: { grantIds, roleIds: [...new Set(change.grants.map((g) => g.roleId))] },
      tenants,
    },
    ...(kind === 'globalAdminRemoved'
      ? change.grants.map((g): AuditEntry => ({
          actor,
          action: 'grant.removed',
          target: { type: 'roleGrant', id: g.id },
          correlationId,
          details: { roleId: g.roleId, relationshipId: after.id },
          tenants,
        }))
      : []),
  ];
  const jobId = derivedId('gdap-changed', after.id, kind, at);
  const emails = customerNoticeInvitationIds(after).map((invitationId) =>
    emailJobMessage({
      id: `${jobId}_customer_${invitationId}`,
      kind: 'gdapChanged',
      partnerId: after.partnerId,
      customerTenantId: after.customerTenantId,
      invitationId,
      change: kind,
      at,
      grantIds,
    }),
  );
  return [
    auditEventsMessage(entries.slice(0, 20), now),
    ...emails,
    ...assignmentLossAuditMessages(before, after, actor, correlationId, now),
  ];
}

async function changeGdap(
  deps: LifecycleDeps,
  principal: Principal,
  customerTenantId: string,
  ifMatch: string | undefined,
  ctx: RequestContext & { locale?: Locale },
  decide: (relationship: Relationship, now: Date) => { change: GdapChange; kind: GdapChangeKind } | undefined,
): Promise<Versioned<PartnerCustomerView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const { saved, messages } = await conditionalWrite<Relationship, { saved: Versioned<Relationship>; messages: QueueMessage[] }>(
    {
      read: () => deps.relationships.get(partner.id, customerTenantId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The customer');
        const now = deps.clock.now();
        const decided = decide(found.value, now);
        // Already as asked: nothing to write, nobody to tell.
        if (!decided) return { done: { saved: found, messages: [] } };
        const messages = changeMessages(found.value, decided.change, decided.kind, principal, ctx.correlationId, now);
        return {
          write: async () => {
            const saved = await deps.relationships.replace(decided.change.relationship, found.etag, messages, now);
            return saved === 'stale' ? saved : { saved, messages };
          },
        };
      },
    },
    ifMatch,
  );
  if (messages.length > 0) await deps.outbox.dispatch(partner.id, messages);
  const agreement = await currentAgreementStatus(deps.agreements, deps.config, saved.value.customerTenantId);
  return { value: toPartnerCustomerView(saved.value, agreement, deps.clock.now(), ctx.locale), etag: saved.etag };
}

/** PATCH …/gdap `{ autoExtend }`: every GDAP grant in force renews itself at its end, or no longer does. */
export async function changeGdapAutoExtend(
  deps: LifecycleDeps,
  principal: Principal,
  customerTenantId: string,
  autoExtend: boolean,
  ifMatch: string | undefined,
  ctx: RequestContext & { locale?: Locale },
): Promise<Versioned<PartnerCustomerView>> {
  const answer = await changeGdap(deps, principal, customerTenantId, ifMatch, ctx, (relationship, now) => {
    const change = setGdapAutoExtend(relationship, autoExtend, now);
    return change && { change, kind: autoExtend ? 'autoExtendEnabled' : 'autoExtendDisabled' };
  });
  ctx.logger.info('gdap auto-extend changed', { autoExtend });
  return answer;
}

/** POST …/gdap/remove-global-admin: Global Administrator ends; every other grant stays. */
export async function giveUpGdapGlobalAdmin(
  deps: LifecycleDeps,
  principal: Principal,
  customerTenantId: string,
  ifMatch: string | undefined,
  ctx: RequestContext & { locale?: Locale },
): Promise<Versioned<PartnerCustomerView>> {
  const answer = await changeGdap(deps, principal, customerTenantId, ifMatch, ctx, (relationship, now) => ({
    change: removeGdapGlobalAdmin(relationship, now),
    kind: 'globalAdminRemoved',
  }));
  ctx.logger.info('gdap global administrator removed');
  return answer;
}
