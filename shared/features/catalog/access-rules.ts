// Who may act as what: the role checks for the two kinds of signed-in callers (see the README's "Who may do what").
import { ForbiddenError } from '../../platform/core/errors.js';
import type { Principal } from '../../platform/core/principal.js';
import { wellKnownRoles } from './roles.js';

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
    );
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
