// Which Billing pages of the admin center a caller may use: a partner acting on behalf of the customer
// (AOBO), or one of the customer's own users. Pure, so the whole matrix is unit-tested; the use cases feed it fresh facts.
//
// Partner acting on behalf (source: "Purchase services, Your products and Bills & payments are no longer available…
// to buy and manage subscriptions for your customer, visit Partner Center. You can still view Licenses and Billing
// notifications… for domain subscriptions ask them to sign in with an account that has both Domain Name Administrator
// and Billing Administrator"):
//   purchaseServices, yourProducts, billsAndPayments  closed — use Partner Center
//   licenses, billingNotifications                    open while the calling agent holds, through its security groups'
//                                                     access assignments, at least one GDAP role in force (active,
//                                                     not removed, not past its end, relationship not terminated);
//                                                     closed otherwise
//   domainSubscriptions                               closed — needs a customer user
// Customer user, by the roles in their own token (`wids`):
//   domainSubscriptions  Domain Name Administrator AND Billing Administrator (Global Administrator does not stand in
//                        for either: the source names exactly these two roles)
//   every other page     Billing Administrator OR Global Administrator ("at least a billing administrator")
import { z } from 'zod';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { translate } from '../../platform/i18n/translator.js';
import { roleName, wellKnownRoles } from '../catalog/roles.js';

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

type ReasonKey =
  'usePartnerCenter' | 'noActiveAdminRoles' | 'domainNeedsCustomerUser' | 'billingRoleRequired' | 'domainRolesRequired';

/** Why a page is closed, in `locale`, the roles it names in that language too. */
const reasonText = (locale: Locale, key: ReasonKey): string =>
  translate(locale, `billingPage.reason.${key}` as const, {
    billingAdmin: roleName(wellKnownRoles.billingAdministrator, locale),
    globalAdmin: roleName(wellKnownRoles.globalAdministrator, locale),
    domainNameAdmin: roleName(wellKnownRoles.domainNameAdministrator, locale),
  });

/** Why a page is closed, in `locale` (English unless told): computed when asked, nothing when the module loads. */
export const accessReason = (key: ReasonKey, locale: Locale = DEFAULT_LOCALE): string => reasonText(locale, key);

/** A page's name as the admin center's Billing menu shows it, in `locale`. */
export const billingPageName = (page: BillingPage, locale: Locale): string => translate(locale, `billingPage.${page}` as const);

const open = (page: BillingPage): PageAccess => ({ page, available: true });

/** The matrix of an agent acting on behalf of a customer on which it holds `activeAdminRoleGrants` roles in force. */
export function partnerAdminCenterAccess(activeAdminRoleGrants: number, locale: Locale = DEFAULT_LOCALE): PageAccess[] {
  const closed = (page: BillingPage, reason: ReasonKey): PageAccess => ({
    page,
    available: false,
    reason: reasonText(locale, reason),
  });
  const hasRoles = activeAdminRoleGrants > 0;
  return billingPages.map((page) => {
    switch (page) {
      case 'purchaseServices':
      case 'yourProducts':
      case 'billsAndPayments':
        return closed(page, 'usePartnerCenter');
      case 'licenses':
      case 'billingNotifications':
        return hasRoles ? open(page) : closed(page, 'noActiveAdminRoles');
      case 'domainSubscriptions':
        return closed(page, 'domainNeedsCustomerUser');
    }
  });
}

/** The matrix of a signed-in customer user holding the directory roles `wids`. */
export function customerUserAdminCenterAccess(wids: readonly string[], locale: Locale = DEFAULT_LOCALE): PageAccess[] {
  const closed = (page: BillingPage, reason: ReasonKey): PageAccess => ({
    page,
    available: false,
    reason: reasonText(locale, reason),
  });
  const held = new Set(wids.map((w) => w.toLowerCase()));
  const billingAdmin = held.has(wellKnownRoles.billingAdministrator);
  const globalAdmin = held.has(wellKnownRoles.globalAdministrator);
  const domainNameAdmin = held.has(wellKnownRoles.domainNameAdministrator);
  return billingPages.map((page) =>
    page === 'domainSubscriptions'
      ? domainNameAdmin && billingAdmin
        ? open(page)
        : closed(page, 'domainRolesRequired')
      : billingAdmin || globalAdmin
        ? open(page)
        : closed(page, 'billingRoleRequired'),
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
        name: z.string().describe("The page's name in the Billing menu, in the caller's language"),
        available: z.boolean(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'AdminCenterAccess' });

export type AdminCenterAccessView = z.output<typeof adminCenterAccessSchema>;

/** The answer's pages: each with its name in `locale` (the reasons already are). */
export const namedPages = (pages: readonly PageAccess[], locale: Locale): AdminCenterAccessView['pages'] =>
  pages.map((p) => ({
    page: p.page,
    name: billingPageName(p.page, locale),
    available: p.available,
    ...(p.reason ? { reason: p.reason } : {}),
  }));
