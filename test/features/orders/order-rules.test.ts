// Order rules: who may order and why not, and who sees whose orders under MPSA sharing.
import {
  decideOrder,
  mpsaSharingPeers,
  orderInputSchema,
  sharesMpsaPurchases,
  toOrderView,
  type Order,
} from '../../../shared/features/orders/order.js';
import { type Relationship } from '../../../shared/features/relationships/relationship.js';
import { HELPDESK, relationship } from '../../support/relationship-fixtures.js';

describe('placing an order', () => {
  it('404 without a relationship or with a terminated one, whatever the agreement', () => {
    expect(decideOrder(undefined, true)).toEqual({ allowed: false, refusal: 'no-relationship' });
    expect(decideOrder(relationship('p', ['reseller'], { terminated: true }), true)).toEqual({
      allowed: false,
      refusal: 'no-relationship',
    });
  });

  it.each([['advisor'], ['isv'], ['lineOfBusiness'], ['mpsa'], ['oem'], ['userAccount'], ['gdap']])(
    '%s alone may not order (order-not-allowed), even with the agreement accepted',
    (type) => {
      expect(decideOrder(relationship('p', [type], { roles: [HELPDESK] }), true)).toEqual({
        allowed: false,
        refusal: 'order-not-allowed',
      });
    },
  );

  it('reseller and indirect reseller may order once the current agreement is accepted', () => {
    expect(decideOrder(relationship('p', ['reseller']), false)).toEqual({ allowed: false, refusal: 'agreement-required' });
    expect(decideOrder(relationship('p', ['indirectReseller']), false)).toEqual({
      allowed: false,
      refusal: 'agreement-required',
    });
    expect(decideOrder(relationship('p', ['reseller']), true)).toEqual({ allowed: true, placedAs: 'reseller' });
    expect(decideOrder(relationship('p', ['indirectReseller']), true)).toEqual({ allowed: true, placedAs: 'indirectReseller' });
    // The type that allows ordering may come with others; reseller is named first when there are both.
    expect(decideOrder(relationship('p', ['mpsa', 'indirectReseller', 'reseller']), true)).toEqual({
      allowed: true,
      placedAs: 'reseller',
    });
  });

  it('the order type is checked before the agreement: a non-ordering partner learns nothing about the agreement', () => {
    expect(decideOrder(relationship('p', ['mpsa']), false)).toEqual({ allowed: false, refusal: 'order-not-allowed' });
  });

  it('validates offerId and quantity (1–10000, whole)', () => {
    expect(orderInputSchema.parse({ offerId: ' CFQ7TTC0LH18:0001 ', quantity: 1 })).toEqual({
      offerId: 'CFQ7TTC0LH18:0001',
      quantity: 1,
    });
    expect(orderInputSchema.safeParse({ offerId: 'o', quantity: 10_000 }).success).toBe(true);
    for (const bad of [
      { offerId: 'o', quantity: 0 },
      { offerId: 'o', quantity: 10_001 },
      { offerId: 'o', quantity: 1.5 },
      { offerId: 'o', quantity: '1' },
      { offerId: '', quantity: 1 },
      { offerId: 'has space', quantity: 1 },
      { offerId: 'x'.repeat(101), quantity: 1 },
      { offerId: 'o' },
      { offerId: 'o', quantity: 1, price: 3 },
    ]) {
      expect(orderInputSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('MPSA purchase sharing: who sees whose orders', () => {
  const me = relationship('me', ['mpsa'], { sharing: true });
  const peer = relationship('peer', ['mpsa', 'reseller'], { sharing: true });

  it('a partner sees another one iff both are active MPSA relationships of the customer with sharing on', () => {
    expect(mpsaSharingPeers(me, [me, peer])).toEqual(['peer']);
    expect(mpsaSharingPeers(peer, [me, peer])).toEqual(['me']);
  });

  it.each<[string, Relationship, Relationship]>([
    ['the caller does not share', relationship('me', ['mpsa'], { sharing: false }), peer],
    ['the caller never had sharing set', relationship('me', ['mpsa']), peer],
    ['the other does not share', me, relationship('peer', ['mpsa', 'reseller'], { sharing: false })],
    ['the other is not MPSA', me, relationship('peer', ['reseller'], { sharing: true })],
    ['the caller is not MPSA', relationship('me', ['reseller'], { sharing: true }), peer],
    ['the other relationship ended', me, relationship('peer', ['mpsa', 'reseller'], { sharing: true, terminated: true })],
    ['the caller relationship ended', relationship('me', ['mpsa'], { sharing: true, terminated: true }), peer],
    ['the other is a relationship of another customer', me, relationship('peer', ['mpsa'], { sharing: true, customer: 'c2' })],
  ])('nobody is shared when %s', (_why, caller, other) => {
    expect(mpsaSharingPeers(caller, [caller, other])).toEqual([]);
  });

  it('only the caller itself is never its own peer', () => {
    expect(sharesMpsaPurchases(me)).toBe(true);
    expect(mpsaSharingPeers(me, [me])).toEqual([]);
  });

  it("another partner's order shows the partner, shared: true, and never the user who placed it", () => {
    const order: Order = {
      id: 'ord_1',
      partnerId: 'peer',
      partnerTenantId: 'tenant-peer',
      customerTenantId: 'customer-1',
      offerId: 'offer',
      quantity: 3,
      status: 'placed',
      placedAs: 'reseller',
      agreementVersion: '2024-01',
      placedAt: '2026-01-05T00:00:00.000Z',
      placedBy: { userId: 'user-1', name: 'Agent' },
    };
    const shared = toOrderView(order, 'me', { id: 'peer', name: 'Peer' });
    expect(shared).toMatchObject({ shared: true, partner: { id: 'peer', name: 'Peer' } });
    expect(shared).not.toHaveProperty('placedBy');
    expect(toOrderView(order, 'peer', { id: 'peer', name: 'Peer' })).toMatchObject({
      shared: false,
      placedBy: { userId: 'user-1', name: 'Agent' },
    });
  });
});
