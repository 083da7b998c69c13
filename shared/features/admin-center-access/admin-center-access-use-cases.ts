// Use cases of admin-center Billing access: the calling agent's on-behalf-of matrix for one customer (by the roles
// its security groups hold there), read from the relationship as stored now (no caching: a removal of roles closes the pages on the very next request), and the
// signed-in customer user's own matrix.
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError } from '../../platform/core/errors.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { agentRoles } from '../relationships/access-assignments.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import {
  customerUserAdminCenterAccess,
  namedPages,
  partnerAdminCenterAccess,
  type AdminCenterAccessView,
} from './admin-center-access.js';

export interface AdminCenterAccessDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  clock: Clock;
}

/** A partner agent acting on behalf of `customerTenantId`; 404 without a relationship with it. */
export async function partnerAdminCenterAccessFor(
  deps: AdminCenterAccessDeps,
  principal: Principal,
  customerTenantId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<AdminCenterAccessView> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.relationships.get(partner.id, customerTenantId);
  if (!found) throw new NotFoundError('The customer');
  // The agent's own roles there, through its security groups: not the whole partner's grants. An agent in no group
  // that holds a role in force acts on behalf of no one.
  const roles = agentRoles(found.value, principal.groups, deps.clock.now());
  return {
    customerTenantId: found.value.customerTenantId,
    actingAs: 'partner',
    pages: namedPages(partnerAdminCenterAccess(roles.length, locale), locale),
  };
}

/** Any signed-in user of a customer tenant: what their own directory roles open (no admin role needed to ask). */
export function customerAdminCenterAccessFor(principal: Principal, locale: Locale = DEFAULT_LOCALE): AdminCenterAccessView {
  return {
    customerTenantId: principal.tenantId,
    actingAs: 'customerUser',
    pages: namedPages(customerUserAdminCenterAccess(principal.wids, locale), locale),
  };
}
