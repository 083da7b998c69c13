// Unit rules of part B: who may order (and why not), who sees whose orders under MPSA sharing, the sharing switch,
// the admin-center Billing access matrix for partners and customer users, hardware hash normalization.
import {
  accessReasons,
  billingPages,
  customerUserAdminCenterAccess,
  partnerAdminCenterAccess,
  type PageAccess,
} from '../../shared/features/admin-center-access/admin-center-access.js';
import { deviceIdFor, deviceInputSchema, normalizeHardwareHash } from '../../shared/features/devices/autopilot-device.js';
import {
  decideOrder,
  mpsaSharingPeers,
  orderInputSchema,
  sharesMpsaPurchases,
  toOrderView,
  type Order,
} from '../../shared/features/orders/order.js';
import { changeMpsaSharing } from '../../shared/features/relationships/mpsa-sharing.js';
import { activeRoleGrants, applyAcceptedInvitation, type Relationship } from '../../shared/features/relationships/relationship.js';

const BILLING = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';
const GLOBAL = '62e90394-69f5-4237-9190-012177145e10';
const DOMAIN_NAME = '8329153b-31d0-4727-b945-745eb3bc5f31';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';

/** A relationship built the way production builds it: accepted invitations applied one after the other. */
function relationship(
  partnerId: string,
  types: string[],
  options: { sharing?: boolean; terminated?: boolean; customer?: string; roles?: string[]; durationDays?: number } = {},
): Relationship {
  let r: Relationship | undefined;
  types.forEach((type, i) => {
    r = applyAcceptedInvitation(r, {
      invitationId: `inv_${partnerId}_${i}`,
      partnerId,
      partnerTenantId: `tenant-${partnerId}`,
      customerTenantId: options.customer ?? 'customer-1',
      partnerType: type as Relationship['partnerTypes'][number],
      roles: type === 'gdap' ? (options.roles ?? [HELPDESK]) : [],
      ...(type === 'gdap' ? { durationDays: options.durationDays ?? 30 } : {}),
      acceptedAt: `2026-01-0${i + 1}T10:00:00.000Z`,
    }).relationship;
  });
  let out = r!;
  if (options.sharing !== undefined) out = { ...out, mpsaSharing: { enabled: options.sharing, updatedAt: out.updatedAt } };
  if (options.terminated) out = { ...out, status: 'terminated', terminatedAt: '2026-02-01T00:00:00.000Z' };
  return out;
}

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

describe('the MPSA sharing switch', () => {
  const now = '2026-03-01T00:00:00.000Z';

  it('turns sharing on and off on an MPSA relationship, with a history entry', () => {
    const on = changeMpsaSharing(relationship('p', ['mpsa']), true, now);
    expect(on.outcome).toBe('changed');
    if (on.outcome !== 'changed') return;
    expect(on.next.mpsaSharing).toEqual({ enabled: true, updatedAt: now });
    expect(on.next.history.at(-1)).toEqual({ at: now, event: 'mpsaSharingEnabled' });
    const off = changeMpsaSharing(on.next, false, '2026-03-02T00:00:00.000Z');
    expect(off.outcome === 'changed' && off.next.history.at(-1)!.event).toBe('mpsaSharingDisabled');
  });

  it('setting the value it has changes nothing; off is the default', () => {
    expect(changeMpsaSharing(relationship('p', ['mpsa']), false, now)).toEqual({ outcome: 'unchanged' });
    expect(changeMpsaSharing(relationship('p', ['mpsa'], { sharing: true }), true, now)).toEqual({ outcome: 'unchanged' });
  });

  it('refuses relationships without the MPSA type, and ended ones', () => {
    expect(changeMpsaSharing(relationship('p', ['reseller', 'gdap']), true, now)).toEqual({ outcome: 'not-mpsa' });
    expect(changeMpsaSharing(relationship('p', ['mpsa'], { terminated: true }), true, now)).toEqual({
      outcome: 'terminated',
    });
  });

  it('a relationship reactivated after a termination starts with sharing off', () => {
    const ended = relationship('p', ['mpsa'], { sharing: true, terminated: true });
    const { relationship: again } = applyAcceptedInvitation(ended, {
      invitationId: 'inv_again',
      partnerId: 'p',
      partnerTenantId: 'tenant-p',
      customerTenantId: 'customer-1',
      partnerType: 'mpsa',
      roles: [],
      acceptedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(again.status).toBe('active');
    expect(again.mpsaSharing).toBeUndefined();
    expect(sharesMpsaPurchases(again)).toBe(false);
  });
});

const byPage = (pages: PageAccess[]) => Object.fromEntries(pages.map((p) => [p.page, p]));

describe('admin-center Billing access of a partner acting on behalf of the customer', () => {
  it('with admin roles in force: Licenses and Billing notifications open; purchases, products, bills: Partner Center', () => {
    const pages = byPage(partnerAdminCenterAccess(1));
    expect(Object.keys(pages)).toEqual([...billingPages]);
    expect(pages.licenses).toEqual({ page: 'licenses', available: true });
    expect(pages.billingNotifications).toEqual({ page: 'billingNotifications', available: true });
    for (const page of ['purchaseServices', 'yourProducts', 'billsAndPayments'] as const) {
      expect(pages[page]).toEqual({ page, available: false, reason: accessReasons.usePartnerCenter });
      expect(pages[page]!.reason).toMatch(/Partner Center/);
    }
    expect(pages.domainSubscriptions).toEqual({
      page: 'domainSubscriptions',
      available: false,
      reason: accessReasons.domainNeedsCustomerUser,
    });
  });

  it('without admin roles in force every page is closed, each with its reason', () => {
    const pages = byPage(partnerAdminCenterAccess(0));
    expect(pages.licenses).toEqual({ page: 'licenses', available: false, reason: accessReasons.noActiveAdminRoles });
    expect(pages.billingNotifications!.available).toBe(false);
    expect(Object.values(pages).every((p) => !p.available && p.reason)).toBe(true);
  });

  it('counts only grants in force: ended, expired or terminated grants do not count', () => {
    const gdap = relationship('p', ['gdap'], { roles: [LICENSE], durationDays: 10 });
    expect(activeRoleGrants(gdap, new Date('2026-01-05T00:00:00.000Z'))).toHaveLength(1);
    expect(activeRoleGrants(gdap, new Date('2026-01-12T00:00:00.000Z'))).toHaveLength(0); // past its end
    const removed: Relationship = { ...gdap, roleGrants: gdap.roleGrants.map((g) => ({ ...g, status: 'removed' })) };
    expect(activeRoleGrants(removed, new Date('2026-01-05T00:00:00.000Z'))).toHaveLength(0);
    const ended = relationship('p', ['gdap'], { roles: [LICENSE], terminated: true });
    expect(activeRoleGrants(ended, new Date('2026-01-05T00:00:00.000Z'))).toHaveLength(0);
  });
});

describe("admin-center Billing access of the customer's own user", () => {
  const open = (wids: string[]) =>
    customerUserAdminCenterAccess(wids)
      .filter((p) => p.available)
      .map((p) => p.page);
  const everyPageButDomains = ['purchaseServices', 'yourProducts', 'licenses', 'billsAndPayments', 'billingNotifications'];

  it.each<[string, string[], string[]]>([
    ['no role', [], []],
    ['Helpdesk Administrator', [HELPDESK], []],
    ['Domain Name Administrator alone', [DOMAIN_NAME], []],
    ['Billing Administrator', [BILLING], everyPageButDomains],
    ['Global Administrator', [GLOBAL], everyPageButDomains],
    ['Global + Domain Name Administrator (not Billing)', [GLOBAL, DOMAIN_NAME], everyPageButDomains],
    ['Billing + Domain Name Administrator', [BILLING, DOMAIN_NAME], [...everyPageButDomains, 'domainSubscriptions']],
    [
      'the same, upper-case ids',
      [BILLING.toUpperCase(), DOMAIN_NAME.toUpperCase()],
      [...everyPageButDomains, 'domainSubscriptions'],
    ],
  ])('%s', (_who, wids, expected) => {
    expect(open(wids)).toEqual(expected);
  });

  it('gives the reason of each closed page', () => {
    const pages = byPage(customerUserAdminCenterAccess([BILLING]));
    expect(pages.domainSubscriptions).toEqual({
      page: 'domainSubscriptions',
      available: false,
      reason: accessReasons.domainRolesRequired,
    });
    expect(byPage(customerUserAdminCenterAccess([])).licenses!.reason).toBe(accessReasons.billingRoleRequired);
  });
});

describe('hardware hashes', () => {
  const hash = Buffer.from('a hardware hash of a Windows device, 4K HH').toString('base64');

  it('ignores whitespace and missing padding; the id follows the normalized hash', () => {
    const wrapped = `  ${hash.slice(0, 10)}\n${hash.slice(10, 30)}\r\n ${hash.slice(30)}  `;
    expect(normalizeHardwareHash(wrapped)).toBe(hash);
    const unpadded = Buffer.from('seventeen bytes!!').toString('base64').replace(/=+$/, '');
    expect(normalizeHardwareHash(unpadded)).toBe(Buffer.from('seventeen bytes!!').toString('base64'));
    expect(deviceIdFor(normalizeHardwareHash(wrapped)!)).toBe(deviceIdFor(hash));
  });

  it('keeps case: base64 is case-sensitive, so another case is another hash', () => {
    const swapped = hash.replace(/[a-z]/, (c) => c.toUpperCase());
    expect(normalizeHardwareHash(swapped)).toBe(swapped);
    expect(deviceIdFor(swapped)).not.toBe(deviceIdFor(hash));
  });

  it('refuses what is not base64 or out of bounds', () => {
    // empty, not the alphabet, under 16 bytes, over 8,192 characters, a length no base64 has, too much padding
    for (const bad of ['', 'not base64!', 'QUJD', 'A'.repeat(8196), 'QUJDR', `${hash}===`, ' '.repeat(16_385)]) {
      expect(normalizeHardwareHash(bad)).toBeUndefined();
    }
    expect(normalizeHardwareHash('A'.repeat(8192))).toBeDefined();
  });

  it('validates the device input', () => {
    const ok = { hardwareHash: hash, serialNumber: 'SN-123 45', manufacturer: 'Contoso', model: 'Surface Laptop 7' };
    expect(deviceInputSchema.parse(ok).hardwareHash).toBe(hash);
    for (const bad of [
      { ...ok, hardwareHash: 'QUJD' },
      { ...ok, serialNumber: '' },
      { ...ok, serialNumber: 'x'.repeat(65) },
      { ...ok, serialNumber: 'é' },
      { ...ok, model: 'a\u0000b' },
      { ...ok, manufacturer: 'm'.repeat(101) },
      { ...ok, extra: true },
    ]) {
      expect(deviceInputSchema.safeParse(bad).success).toBe(false);
    }
  });
});
