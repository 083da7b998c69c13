// Use cases of orders : a reseller or indirect reseller places an order for a customer that accepted
// the current Customer Agreement; a partner lists its orders for a customer, plus those of the other MPSA partners
// while the customer shares MPSA purchases (the rules are in order.ts). Every check reads fresh: no caching.
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import { currentAgreementStatus, type AgreementConfig } from '../agreements/customer-agreement.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit-log.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import { ForbiddenError, NotFoundError } from '../../platform/core/errors.js';
import { derivedId, newId } from '../../platform/core/ids.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import {
  decideOrder,
  mpsaSharingPeers,
  sharesMpsaPurchases,
  toOrderView,
  type Order,
  type OrderInput,
  type OrderView,
} from './order.js';
import type { OrderRepository } from './order-repository.js';
import type { OrderViewRepository } from './order-views.js';
import type { RelationshipViewRepository } from '../relationships/relationship-views.js';

export interface OrderDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  relationshipViews: RelationshipViewRepository;
  orderViews: OrderViewRepository;
  agreements: AgreementRepository;
  orders: OrderRepository;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

export async function placeOrder(
  deps: OrderDeps,
  principal: Principal,
  customerTenantId: string,
  input: OrderInput,
  ctx: { correlationId: string; operationKey?: string },
): Promise<Versioned<OrderView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const relationship = (await deps.relationships.get(partner.id, customerTenantId))?.value;
  const agreement =
    relationship?.status === 'active'
      ? await currentAgreementStatus(deps.agreements, deps.config, relationship.customerTenantId)
      : undefined;
  const decision = decideOrder(relationship, agreement?.accepted ?? false);
  if (!decision.allowed) {
    switch (decision.refusal) {
      case 'no-relationship':
        throw new NotFoundError('The customer');
      case 'order-not-allowed':
        throw new ForbiddenError(
          'order-not-allowed',
          'Only a reseller or indirect reseller relationship with this customer may place orders.',
        );
      case 'agreement-required':
        throw new ForbiddenError(
          'agreement-required',
          `The customer has not accepted the Microsoft Customer Agreement (version ${agreement!.version}) yet: ` +
            'no orders can be placed for it until one of its admins accepts it.',
        );
    }
  }
  const now = deps.clock.now().toISOString();
  const order: Order = {
    id: ctx.operationKey ? derivedId('ord', ctx.operationKey) : newId('ord'),
    partnerId: partner.id,
    partnerTenantId: partner.partnerTenantId,
    customerTenantId: relationship!.customerTenantId,
    offerId: input.offerId,
    quantity: input.quantity,
    status: 'placed',
    placedAs: decision.placedAs,
    agreementVersion: agreement!.version,
    placedAt: now,
    placedBy: { userId: principal.userId, ...(principal.name ? { name: principal.name } : {}) },
  };
  const saved = await deps.orders.create(order);
  if (saved === 'exists') {
    // A retry of a request that already placed it (same Idempotency-Key and body): answer that order.
    const placed = await deps.orders.get(partner.id, order.id);
    if (!placed) throw new Error(`order ${order.id} exists but cannot be read`);
    return { value: toOrderView(placed.value, partner.id, { id: partner.id, name: partner.name }), etag: placed.etag };
  }
  await deps.audit.record({
    actor: actorOf(principal, 'partner'),
    action: 'order.placed',
    target: { type: 'order', id: order.id },
    correlationId: ctx.correlationId,
    details: {
      offerId: order.offerId,
      quantity: order.quantity,
      placedAs: order.placedAs,
      agreementVersion: order.agreementVersion,
    },
    tenants: [order.partnerTenantId, order.customerTenantId],
  });
  return { value: toOrderView(order, partner.id, { id: partner.id, name: partner.name }), etag: saved.etag };
}

/**
 * The caller's orders for the customer (also after a termination: its own history), newest first, plus the orders of
 * the customer's other MPSA partners while the MPSA sharing rule holds for both sides (marked `shared`).
 */
export async function listOrders(
  deps: OrderDeps,
  principal: Principal,
  customerTenantId: string,
  page: PageRequest,
): Promise<Page<OrderView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.relationships.get(partner.id, customerTenantId);
  if (!found) throw new NotFoundError('The customer');
  const relationship = found.value;
  // The other MPSA partners sharing purchases, from the customer's copy of its relationships (one partition).
  const peers = sharesMpsaPurchases(relationship)
    ? mpsaSharingPeers(relationship, await deps.relationshipViews.allForCustomer(relationship.customerTenantId))
    : [];
  // Without peers, the caller's own orders, read where they are written (a new order lists at once); with peers, every
  // sharing partner's from the customer's copy of its orders (one partition; a new order shows within a feed poll).
  const result: Page<Order> =
    peers.length === 0
      ? await deps.orders
          .listForCustomer(partner.id, relationship.customerTenantId, page)
          .then((p) => ({ items: p.items.map((o) => o.value), continuationToken: p.continuationToken }))
      : await deps.orderViews.listForCustomer(relationship.customerTenantId, [partner.id, ...peers], page);
  const names = await partnerNames(
    deps.partners,
    result.items.map((o) => o.partnerId).filter((id) => id !== partner.id),
  );
  names.set(partner.id, partner.name);
  return {
    items: result.items.map((order) =>
      toOrderView(order, partner.id, { id: order.partnerId, name: names.get(order.partnerId) ?? order.partnerId }),
    ),
    continuationToken: result.continuationToken,
  };
}

async function partnerNames(partners: PartnerRepository, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const profiles = await Promise.all(unique.map((id) => partners.get(id)));
  return new Map(unique.map((id, i) => [id, profiles[i]?.value.name ?? id]));
}
