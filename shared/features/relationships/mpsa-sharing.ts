// MPSA purchase sharing: the customer lets its MPSA partners see each other's purchases, relationship by
// relationship. The pure transition and the customer admin's use case; who then sees which orders is in orders/order.ts.
import { actorOf } from '../../platform/audit/audit-log.js';
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import { ConflictError, NotFoundError } from '../../platform/core/errors.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { activePartnerTypes, type CustomerRelationshipView, type Relationship } from './relationship.js';
import { customerView, type RelationshipDeps } from './relationship-read-side.js';
import type { Locale } from '../../platform/i18n/locales.js';

export type MpsaSharingChange =
  { outcome: 'changed'; next: Relationship } | { outcome: 'unchanged' } | { outcome: 'terminated' } | { outcome: 'not-mpsa' };

/**
 * Turns sharing on or off on one relationship. Only an active relationship that includes `mpsa` has it; setting the
 * value it already has changes nothing (a repeated PUT writes nothing and records no event).
 */
export function changeMpsaSharing(relationship: Relationship, enabled: boolean, now: string): MpsaSharingChange {
  if (relationship.status !== 'active') return { outcome: 'terminated' };
  if (!activePartnerTypes(relationship).includes('mpsa')) return { outcome: 'not-mpsa' };
  if ((relationship.mpsaSharing?.enabled ?? false) === enabled) return { outcome: 'unchanged' };
  return {
    outcome: 'changed',
    next: {
      ...relationship,
      mpsaSharing: { enabled, updatedAt: now },
      history: [...relationship.history, { at: now, event: enabled ? 'mpsaSharingEnabled' : 'mpsaSharingDisabled' }],
      updatedAt: now > relationship.updatedAt ? now : relationship.updatedAt,
    },
  };
}

/** PUT …/partner-relationships/{partnerId}/mpsa-sharing: the customer admin's switch, If-Match honoured. */
export async function setMpsaSharing(
  deps: RelationshipDeps,
  principal: Principal,
  partnerId: string,
  enabled: boolean,
  ifMatch: string | undefined,
  ctx: { correlationId: string; locale?: Locale },
): Promise<Versioned<CustomerRelationshipView>> {
  assertCustomerAdmin(principal);
  const now = deps.clock.now().toISOString();
  const { relationship: current, written } = await conditionalWrite<
    Relationship,
    { relationship: Versioned<Relationship>; written: boolean }
  >(
    {
      read: () => deps.relationships.get(partnerId, principal.tenantId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The relationship with this partner');
        const change = changeMpsaSharing(found.value, enabled, now);
        switch (change.outcome) {
          case 'terminated':
            throw new ConflictError(
              'relationship-terminated',
              'This relationship has ended: there are no purchases to share. A new MPSA relationship starts with sharing off.',
            );
          case 'not-mpsa':
            throw new ConflictError(
              'not-mpsa',
              'Purchase sharing applies to MPSA partners only, and this relationship does not include the MPSA type.',
            );
          case 'unchanged':
            return { done: { relationship: found, written: false } };
          case 'changed':
            return {
              write: async () => {
                const saved = await deps.relationships.replace(change.next, found.etag, [], new Date(now));
                return saved === 'stale' ? saved : { relationship: saved, written: true };
              },
            };
        }
      },
    },
    ifMatch,
  );
  if (written) {
    await deps.audit.record({
      actor: actorOf(principal, 'customer'),
      action: enabled ? 'relationship.mpsaSharingEnabled' : 'relationship.mpsaSharingDisabled',
      target: { type: 'relationship', id: current.value.id },
      correlationId: ctx.correlationId,
      details: { partnerId, enabled },
      tenants: [current.value.partnerTenantId, current.value.customerTenantId],
    });
  }
  return { value: await customerView(deps, current.value, ctx.locale), etag: current.etag };
}
