// Reading the audit trail: each side reads its own tenant's copy of the events that concern it, newest first.
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import type { AuditEvent, AuditLog } from '../../platform/audit/audit-log.js';

export type AuditEventView = Omit<AuditEvent, 'tenantId' | 'eventId'>;

/** The customer admin's tenant: events of its invitations, relationships, grants, agreements, orders, devices. */
export async function listCustomerAuditEvents(
  deps: { audit: AuditLog },
  principal: Principal,
  page: PageRequest,
): Promise<Page<AuditEventView>> {
  assertCustomerAdmin(principal);
  return deps.audit.list(principal.tenantId, page);
}

/** The partner's tenant (admin agents of a registered partner): its profile, leads, invitations, customers. */
export async function listPartnerAuditEvents(
  deps: { audit: AuditLog; partners: PartnerRepository },
  principal: Principal,
  page: PageRequest,
): Promise<Page<AuditEventView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  return deps.audit.list(partner.partnerTenantId, page);
}
