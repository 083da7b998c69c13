// The read side of relationships for both parties: the customer's partners (list, details) and the partner's
// customers (list, details).
import { currentAgreementStatus, type AgreementConfig } from '../agreements/customer-agreement.js';
import type { AgreementRepository } from '../agreements/agreement-repository.js';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError } from '../../platform/core/errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import {
  toCustomerRelationshipView,
  toPartnerCustomerView,
  type CustomerRelationshipView,
  type PartnerCustomerView,
  type Relationship,
} from './relationship.js';
import type { RelationshipRepository } from './relationship-repository.js';
import type { RelationshipViewRepository } from './relationship-views.js';

export interface RelationshipDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  relationshipViews: RelationshipViewRepository;
  agreements: AgreementRepository;
  audit: AuditLog;
  clock: Clock;
  config: AgreementConfig;
}

// ---- customer side ----

async function partnerSummaries(deps: Pick<RelationshipDeps, 'partners'>, partnerIds: readonly string[]) {
  const unique = [...new Set(partnerIds)];
  const profiles = await Promise.all(unique.map((id) => deps.partners.get(id)));
  const byId = new Map(
    unique.map((id, i) => {
      const p = profiles[i]?.value;
      // A profile is never deleted today; the fallback keeps the list readable if one ever is.
      return [id, p ? { id, name: p.name, website: p.website, contactEmail: p.contactEmail } : { id, name: id }];
    }),
  );
  return (id: string) => byId.get(id)!;
}

export async function listCustomerRelationships(
  deps: RelationshipDeps,
  principal: Principal,
  page: PageRequest,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Page<CustomerRelationshipView>> {
  assertCustomerAdmin(principal);
  // The customer's copy, in its own partition (it follows the partners' changes within a feed poll).
  const result = await deps.relationshipViews.listForCustomer(principal.tenantId, page);
  const [partnerOf, agreement] = await Promise.all([
    partnerSummaries(
      deps,
      result.items.map((r) => r.partnerId),
    ),
    currentAgreementStatus(deps.agreements, deps.config, principal.tenantId),
  ]);
  const now = deps.clock.now();
  return {
    items: result.items.map((r) => toCustomerRelationshipView(r, partnerOf(r.partnerId), agreement, now, locale)),
    continuationToken: result.continuationToken,
  };
}

export async function getCustomerRelationship(
  deps: RelationshipDeps,
  principal: Principal,
  partnerId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Versioned<CustomerRelationshipView>> {
  assertCustomerAdmin(principal);
  const found = await deps.relationships.get(partnerId, principal.tenantId);
  if (!found) throw new NotFoundError('The relationship with this partner');
  return { value: await customerView(deps, found.value, locale), etag: found.etag };
}

/** The customer's view of one relationship (also the answer to an acceptance). */
export async function customerView(
  deps: Pick<RelationshipDeps, 'partners' | 'agreements' | 'clock' | 'config'>,
  relationship: Relationship,
  locale: Locale = DEFAULT_LOCALE,
): Promise<CustomerRelationshipView> {
  const [partnerOf, agreement] = await Promise.all([
    partnerSummaries(deps, [relationship.partnerId]),
    currentAgreementStatus(deps.agreements, deps.config, relationship.customerTenantId),
  ]);
  return toCustomerRelationshipView(relationship, partnerOf(relationship.partnerId), agreement, deps.clock.now(), locale);
}

// ---- partner side ----

export async function listPartnerCustomers(
  deps: RelationshipDeps,
  principal: Principal,
  page: PageRequest,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Page<PartnerCustomerView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const result = await deps.relationships.listForPartner(partner.id, page);
  const agreements = await Promise.all(
    result.items.map((r) => currentAgreementStatus(deps.agreements, deps.config, r.value.customerTenantId)),
  );
  const now = deps.clock.now();
  return {
    items: result.items.map((r, i) => toPartnerCustomerView(r.value, agreements[i]!, now, locale)),
    continuationToken: result.continuationToken,
  };
}

export async function getPartnerCustomer(
  deps: Pick<RelationshipDeps, 'partners' | 'relationships' | 'agreements' | 'clock' | 'config'>,
  principal: Principal,
  customerTenantId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Versioned<PartnerCustomerView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.relationships.get(partner.id, customerTenantId);
  if (!found) throw new NotFoundError('The customer');
  const agreement = await currentAgreementStatus(deps.agreements, deps.config, found.value.customerTenantId);
  return { value: toPartnerCustomerView(found.value, agreement, deps.clock.now(), locale), etag: found.etag };
}
