// Role checks for the two kinds of signed-in callers (SPEC §2).
import { ForbiddenError } from '../../platform/core/errors.js';
import { appRoles, directoryRoles, type Principal } from '../../platform/core/principal.js';

export function assertCustomerAdmin(principal: Principal): void {
  const allowed = [directoryRoles.billingAdministrator, directoryRoles.globalAdministrator];
  if (!principal.wids.some((w) => allowed.includes(w as (typeof allowed)[number]))) {
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
