// Which Billing pages of the admin center a caller may use: a partner acting on behalf of the customer
// (AOBO), or one of the customer's own users. Pure, so the whole matrix is unit-tested; the use cases feed it fresh facts.
//
// Partner acting on behalf (source: "Purchase services, Your products and Bills & payments are no longer available…
// to buy and manage subscriptions for your customer, visit Partner Center. You can still view Licenses and Billing
// notifications… for domain subscriptions ask them to sign in with an account that has both Domain Name Administrator
// and Billing Administrator"):
//   purchaseServices, yourProducts, billsAndPayments  closed — use Partner Center
//   licenses, billingNotifications                    open while the partner holds at least one admin role grant in
//                                                     force (active, not removed, not past its GDAP end, relationship
//                                                     not terminated); closed otherwise
//   domainSubscriptions                               closed — needs a customer user
// Customer user, by the roles in their own token (`wids`):
//   domainSubscriptions  Domain Name Administrator AND Billing Administrator (Global Administrator does not stand in
//                        for either: the source names exactly these two roles)
//   every other page     Billing Administrator OR Global Administrator ("at least a billing administrator")
import { z } from 'zod';
import { wellKnownRoles } from '../catalog/roles.js';

export const billingPages = [
  'purchaseServices',
  'yourProducts',
  'licenses',
  'billsAndPayments',
  'billingNotifications',
  'domainSubscriptions',
] as const;

export type BillingPage = (typeof billingPages)[number];

export interface PageAccess {
  page: BillingPage;
  available: boolean;
  /** Why a page is closed; absent when it is available. */
  reason?: string;
}

export const accessReasons = {
  usePartnerCenter:
    'Not available to a partner acting on behalf of the customer: buy and manage subscriptions for your customer in Partner Center.',
  noActiveAdminRoles:
    'Your organization holds no admin role on this customer in force (never granted, removed by the customer, expired, or the relationship ended).',
  domainNeedsCustomerUser:
    "Domain subscriptions are managed by one of the customer's users holding both the Domain Name Administrator and Billing Administrator roles: ask the customer to sign in.",
  billingRoleRequired: 'Needs the Billing Administrator or Global Administrator role.',
  domainRolesRequired: 'Needs both the Domain Name Administrator and Billing Administrator roles.',
} as const;

const open = (page: BillingPage): PageAccess => ({ page, available: true });
const closed = (page: BillingPage, reason: string): PageAccess => ({ page, available: false, reason });

/** The matrix of a partner acting on behalf of a customer on which it holds `activeAdminRoleGrants` grants in force. */
export function partnerAdminCenterAccess(activeAdminRoleGrants: number): PageAccess[] {
  const hasRoles = activeAdminRoleGrants > 0;
  return billingPages.map((page) => {
    switch (page) {
      case 'purchaseServices':
      case 'yourProducts':
      case 'billsAndPayments':
        return closed(page, accessReasons.usePartnerCenter);
      case 'licenses':
      case 'billingNotifications':
        return hasRoles ? open(page) : closed(page, accessReasons.noActiveAdminRoles);
      case 'domainSubscriptions':
        return closed(page, accessReasons.domainNeedsCustomerUser);
    }
  });
}

/** The matrix of a signed-in customer user holding the directory roles `wids`. */
export function customerUserAdminCenterAccess(wids: readonly string[]): PageAccess[] {
  const held = new Set(wids.map((w) => w.toLowerCase()));
  const billingAdmin = held.has(wellKnownRoles.billingAdministrator);
  const globalAdmin = held.has(wellKnownRoles.globalAdministrator);
  const domainNameAdmin = held.has(wellKnownRoles.domainNameAdministrator);
  return billingPages.map((page) =>
    page === 'domainSubscriptions'
      ? domainNameAdmin && billingAdmin
        ? open(page)
        : closed(page, accessReasons.domainRolesRequired)
      : billingAdmin || globalAdmin
        ? open(page)
        : closed(page, accessReasons.billingRoleRequired),
  );
}

// ---- view ----

export const adminCenterAccessSchema = z
  .object({
    customerTenantId: z.string(),
    actingAs: z.enum(['partner', 'customerUser']),
    pages: z.array(
      z.object({
        page: z.enum(billingPages),
        available: z.boolean(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'AdminCenterAccess' });

export type AdminCenterAccessView = z.output<typeof adminCenterAccessSchema>;
