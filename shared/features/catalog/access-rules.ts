// Who may act as what: the role checks for the two kinds of signed-in callers (see the README's "Who may do what").
import { ForbiddenError } from '../../platform/core/errors.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Locale } from '../../platform/i18n/locales.js';
import { formatDisjunction } from '../../platform/i18n/translator.js';
import { includesGlobalAdministrator, roleName, wellKnownRoles } from './roles.js';

/** The API's own app roles a partner agent's token carries. */
export const appRoles = {
  partnerAdminAgent: 'Partner.AdminAgent',
  partnerSalesAgent: 'Partner.SalesAgent',
} as const;

export function assertCustomerAdmin(principal: Principal): void {
  const allowed: string[] = [wellKnownRoles.billingAdministrator, wellKnownRoles.globalAdministrator];
  if (!principal.wids.some((w) => allowed.includes(w.toLowerCase()))) {
    throw new ForbiddenError(
      'customer-admin-required',
      'You must be at least a Billing Administrator (or a Global Administrator) of your organization.',
    ).withDetailArgs((locale) => ({
      billingAdmin: roleName(wellKnownRoles.billingAdministrator, locale),
      globalAdmin: roleName(wellKnownRoles.globalAdministrator, locale),
    }));
  }
}

export type PartnerAccess = 'admin' | 'leads';

/** `admin` needs Partner.AdminAgent; `leads` (contact requests) also accepts Partner.SalesAgent. */
export function assertPartnerAgent(principal: Principal, access: PartnerAccess): void {
  const accepted: string[] =
    access === 'admin' ? [appRoles.partnerAdminAgent] : [appRoles.partnerAdminAgent, appRoles.partnerSalesAgent];
  if (!principal.roles.some((r) => accepted.includes(r))) {
    throw new ForbiddenError(
      'partner-role-required',
      access === 'admin'
        ? 'This action needs the Partner.AdminAgent app role.'
        : 'This action needs the Partner.AdminAgent or Partner.SalesAgent app role.',
    );
  }
}

/** Which directory roles may accept an invitation that grants `roleIds`, strongest first. */
export function rolesAllowedToGrant(roleIds: readonly string[]): readonly string[] {
  // Reviewing, accepting the agreement and removing roles only need a customer admin; granting roles is assigning
  // privileged roles to an outside party, which Entra reserves to Global and Privileged Role Administrators — and
  // only a Global Administrator may hand out Global Administrator itself.
  if (roleIds.length === 0) return [wellKnownRoles.globalAdministrator, wellKnownRoles.billingAdministrator];
  if (includesGlobalAdministrator(roleIds)) return [wellKnownRoles.globalAdministrator];
  return [wellKnownRoles.globalAdministrator, wellKnownRoles.privilegedRoleAdministrator];
}

/** Whether this caller may accept an invitation that grants `roleIds` (their tenant's customer admin is checked apart). */
export const mayGrant = (principal: Principal, roleIds: readonly string[]): boolean => {
  const allowed = rolesAllowedToGrant(roleIds);
  return principal.wids.some((w) => allowed.includes(w.toLowerCase()));
};

/** 403 `role-required-to-grant`, naming the role needed, unless the caller may grant these roles. */
export function assertMayGrant(principal: Principal, roleIds: readonly string[]): void {
  if (mayGrant(principal, roleIds)) return;
  const needed = (locale: Locale) =>
    formatDisjunction(
      locale,
      rolesAllowedToGrant(roleIds).map((id) => roleName(id, locale)),
    );
  throw new ForbiddenError(
    'role-required-to-grant',
    `Accepting this invitation grants admin roles to the partner, which needs the ${needed('en')} role in your organization. ` +
      'Ask someone who holds it to accept, or decline the invitation.',
  ).withDetailArgs((locale) => ({ roles: needed(locale) }));
}
