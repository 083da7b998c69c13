// The admin-center Billing access matrix, for partners on behalf of customers and for customer users.
import {
  accessReason,
  billingPages,
  customerUserAdminCenterAccess,
  partnerAdminCenterAccess,
  type PageAccess,
} from '../../../shared/features/admin-center-access/admin-center-access.js';
import { activeRoleGrants, type Relationship } from '../../../shared/features/relationships/relationship.js';
import { HELPDESK, relationship } from '../../support/relationship-fixtures.js';

const BILLING = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';
const GLOBAL = '62e90394-69f5-4237-9190-012177145e10';
const DOMAIN_NAME = '8329153b-31d0-4727-b945-745eb3bc5f31';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';

const byPage = (pages: PageAccess[]) => Object.fromEntries(pages.map((p) => [p.page, p]));

describe('admin-center Billing access of a partner acting on behalf of the customer', () => {
  it('with admin roles in force: Licenses and Billing notifications open; purchases, products, bills: Partner Center', () => {
    const pages = byPage(partnerAdminCenterAccess(1));
    expect(Object.keys(pages)).toEqual([...billingPages]);
    expect(pages.licenses).toEqual({ page: 'licenses', available: true });
    expect(pages.billingNotifications).toEqual({ page: 'billingNotifications', available: true });
    for (const page of ['purchaseServices', 'yourProducts', 'billsAndPayments'] as const) {
      expect(pages[page]).toEqual({ page, available: false, reason: accessReason('usePartnerCenter') });
      expect(pages[page]!.reason).toMatch(/Partner Center/);
    }
    expect(pages.domainSubscriptions).toEqual({
      page: 'domainSubscriptions',
      available: false,
      reason: accessReason('domainNeedsCustomerUser'),
    });
  });

  it('without admin roles in force every page is closed, each with its reason', () => {
    const pages = byPage(partnerAdminCenterAccess(0));
    expect(pages.licenses).toEqual({ page: 'licenses', available: false, reason: accessReason('noActiveAdminRoles') });
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
      reason: accessReason('domainRolesRequired'),
    });
    expect(byPage(customerUserAdminCenterAccess([])).licenses!.reason).toBe(accessReason('billingRoleRequired'));
  });
});
