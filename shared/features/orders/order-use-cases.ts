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
import type { Relationship } from '../relationships/relationship.js';
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

export interface OrderDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  agreements: AgreementRepository;
  orders: OrderRepository;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

/** A customer has a handful of partners; this bounds the read of all of them (100 a page). */
const MAX_RELATIONSHIP_PAGES = 20;

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
  const peers = sharesMpsaPurchases(relationship)
    ? mpsaSharingPeers(relationship, await allCustomerRelationships(deps.relationships, relationship.customerTenantId))
    : [];
  const result = await deps.orders.listForCustomer([partner.id, ...peers], relationship.customerTenantId, page);
  const names = await partnerNames(
    deps.partners,
    result.items.map((o) => o.value.partnerId).filter((id) => id !== partner.id),
  );
  names.set(partner.id, partner.name);
  return {
    items: result.items.map(({ value }) =>
      toOrderView(value, partner.id, { id: value.partnerId, name: names.get(value.partnerId) ?? value.partnerId }),
    ),
    continuationToken: result.continuationToken,
  };
}

async function allCustomerRelationships(
  relationships: RelationshipRepository,
  customerTenantId: string,
): Promise<Relationship[]> {
  const all: Relationship[] = [];
  let continuationToken: string | undefined;
  for (let i = 0; i < MAX_RELATIONSHIP_PAGES; i++) {
    const page = await relationships.listForCustomer(customerTenantId, { pageSize: 100, continuationToken });
    all.push(...page.items.map((r) => r.value));
    if (!page.continuationToken) break;
    continuationToken = page.continuationToken;
  }
  return all;
}

async function partnerNames(partners: PartnerRepository, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const profiles = await Promise.all(unique.map((id) => partners.get(id)));
  return new Map(unique.map((id, i) => [id, profiles[i]?.value.name ?? id]));
}
