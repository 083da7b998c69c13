// Use cases of the Microsoft Customer Agreement on its own: the customer admin reads and accepts it.
// Accepting while accepting an invitation is the invitations slice's job; both write the same acceptance item.
import { actorOf, type AuditLog } from '../../platform/audit/audit-log.js';
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import { derivedId } from '../../platform/core/ids.js';
import type { AgreementRepository } from './agreement-repository.js';
import { toCustomerAgreementView, type AgreementConfig, type CustomerAgreementView } from './customer-agreement.js';

export interface AgreementDeps {
  agreements: AgreementRepository;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

async function agreementView(deps: AgreementDeps, customerTenantId: string): Promise<CustomerAgreementView> {
  const [current, all] = await Promise.all([
    deps.agreements.get(customerTenantId, deps.config.CUSTOMER_AGREEMENT_VERSION),
    deps.agreements.listForTenant(customerTenantId),
  ]);
  return toCustomerAgreementView(deps.config, current, all);
}

/** The current version and link, whether (when, by whom) this tenant accepted it, and its past acceptances. */
export async function getCustomerAgreement(deps: AgreementDeps, principal: Principal): Promise<CustomerAgreementView> {
  assertCustomerAdmin(principal);
  return agreementView(deps, principal.tenantId);
}

/**
 * Accepts the current version for the caller's tenant. Idempotent: when the tenant already accepted it (here, with an
 * invitation, or in a racing request) the first acceptance stands and is answered with `created: false`.
 */
export async function acceptCustomerAgreement(
  deps: AgreementDeps,
  principal: Principal,
  ctx: { correlationId: string },
): Promise<{ view: CustomerAgreementView; created: boolean }> {
  assertCustomerAdmin(principal);
  const customerTenantId = principal.tenantId;
  const version = deps.config.CUSTOMER_AGREEMENT_VERSION;
  const existing = await deps.agreements.get(customerTenantId, version);
  const outcome = existing
    ? 'exists'
    : await deps.agreements.record({
        customerTenantId,
        version,
        acceptedAt: deps.clock.now().toISOString(),
        acceptedBy: { userId: principal.userId, ...(principal.name ? { name: principal.name } : {}) },
      });
  if (outcome === 'created') {
    await deps.audit.record({
      // The same event id as an acceptance through an invitation: one acceptance, one event, whichever path wrote it.
      eventId: derivedId('mca', customerTenantId, version),
      actor: actorOf(principal, 'customer'),
      action: 'agreement.accepted',
      target: { type: 'customerAgreement', id: version },
      correlationId: ctx.correlationId,
      details: { version },
      tenants: [customerTenantId],
    });
  }
  return { view: await agreementView(deps, customerTenantId), created: outcome === 'created' };
}
