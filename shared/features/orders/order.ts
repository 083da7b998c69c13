// Orders a partner places for a customer and the pure rules of who may place them and who sees them
// (MPSA purchase sharing). Kept free of I/O so the rules are unit-tested as a table.
//
// Who may place an order for customer C: a partner whose relationship with C is active and includes a type that may
// order (`reseller`, `indirectReseller` — `mayOrder` in the partner-type catalog), and only once C accepted the
// CURRENT Customer Agreement version. Checked in that order: no relationship (or a terminated one) answers 404 like
// any other tenant's resource; a relationship without an ordering type 403 `order-not-allowed`; a missing acceptance
// 403 `agreement-required`.
//
// Who sees an order of partner Q for customer C: Q itself (its own history, also after a termination), and another
// partner P iff both relationships with C are active, both include `mpsa`, and the customer turned sharing on for
// both (`sharesMpsaPurchases`). Turning sharing off on either side hides the orders again on the next request.
import { z } from 'zod';
import { partnerTypeDefinition, type PartnerType } from '../catalog/partner-types.js';
import { activePartnerTypes, type Relationship } from '../relationships/relationship.js';

export const MAX_ORDER_QUANTITY = 10_000;

export const orderInputSchema = z
  .object({
    offerId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/, 'an offer id: letters, digits and : . _ - (at most 100)')
      .describe('The catalog offer, e.g. "CFQ7TTC0LH18:0001"'),
    quantity: z
      .number()
      .int('a whole number')
      .min(1, 'at least 1')
      .max(MAX_ORDER_QUANTITY, `at most ${MAX_ORDER_QUANTITY}`)
      .describe(`Licences or units, 1–${MAX_ORDER_QUANTITY}`),
  })
  .strict()
  .meta({ id: 'OrderInput' });

export type OrderInput = z.output<typeof orderInputSchema>;

export interface Order {
  id: string;
  partnerId: string;
  partnerTenantId: string;
  customerTenantId: string;
  offerId: string;
  quantity: number;
  status: 'placed';
  /** The relationship type the order was placed under. */
  placedAs: PartnerType;
  /** The Customer Agreement version the customer had accepted when the order was placed. */
  agreementVersion: string;
  placedAt: string;
  placedBy: { userId: string; name?: string };
}

/** Why an order may not be placed, mapped to 404 / 403 by the use case. */
export type OrderRefusal = 'no-relationship' | 'order-not-allowed' | 'agreement-required';

export type OrderDecision = { allowed: true; placedAs: PartnerType } | { allowed: false; refusal: OrderRefusal };

/** The relationship type an order is placed under, if any: `reseller` first, then `indirectReseller`. */
export function orderingType(relationship: Relationship): PartnerType | undefined {
  const ordering = activePartnerTypes(relationship).filter((t) => partnerTypeDefinition(t).mayOrder);
  return ordering.includes('reseller') ? 'reseller' : ordering[0];
}

/** Whether the partner of `relationship` may order for its customer now (see the header for the order of checks). */
export function decideOrder(relationship: Relationship | undefined, agreementAccepted: boolean): OrderDecision {
  if (!relationship || relationship.status !== 'active') return { allowed: false, refusal: 'no-relationship' };
  const placedAs = orderingType(relationship);
  if (!placedAs) return { allowed: false, refusal: 'order-not-allowed' };
  if (!agreementAccepted) return { allowed: false, refusal: 'agreement-required' };
  return { allowed: true, placedAs };
}

/** Whether this partner takes part in its customer's MPSA purchase sharing right now. */
export const sharesMpsaPurchases = (relationship: Relationship): boolean =>
  activePartnerTypes(relationship).includes('mpsa') && relationship.mpsaSharing?.enabled === true;

/**
 * The other partners whose orders for the customer the caller sees: none unless the caller itself shares; then every
 * other partner of the customer that shares too. `customerRelationships` are all of the customer's relationships.
 */
export function mpsaSharingPeers(caller: Relationship, customerRelationships: readonly Relationship[]): string[] {
  if (!sharesMpsaPurchases(caller)) return [];
  return customerRelationships
    .filter((r) => r.partnerId !== caller.partnerId && r.customerTenantId === caller.customerTenantId)
    .filter(sharesMpsaPurchases)
    .map((r) => r.partnerId);
}

// ---- views ----

export const orderSchema = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    offerId: z.string(),
    quantity: z.number().int(),
    status: z.enum(['placed']),
    placedAs: z.string(),
    agreementVersion: z.string(),
    placedAt: z.iso.datetime(),
    /** The partner that placed it (another MPSA partner's when `shared`). */
    partner: z.object({ id: z.string(), name: z.string() }),
    shared: z.boolean().describe("true: another MPSA partner's order, visible through the customer's MPSA sharing"),
    placedBy: z
      .object({ userId: z.string(), name: z.string().optional() })
      .optional()
      .describe('Who placed it; only on your own orders'),
  })
  .meta({ id: 'Order' });

export type OrderView = z.output<typeof orderSchema>;

/** The caller's view of an order: another partner's order shows who placed it by partner only, never the user. */
export function toOrderView(order: Order, callerPartnerId: string, partner: { id: string; name: string }): OrderView {
  const own = order.partnerId === callerPartnerId;
  return {
    id: order.id,
    customerTenantId: order.customerTenantId,
    offerId: order.offerId,
    quantity: order.quantity,
    status: order.status,
    placedAs: order.placedAs,
    agreementVersion: order.agreementVersion,
    placedAt: order.placedAt,
    partner,
    shared: !own,
    ...(own ? { placedBy: order.placedBy } : {}),
  };
}
