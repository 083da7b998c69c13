// Use cases of the partner directory (SPEC §4.1): search, read, and a partner managing its own listing.
import { assertPartnerAgent } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError, PreconditionFailedError } from '../../platform/core/errors.js';
import type { Page, PageRequest, Versioned } from '../../platform/persistence/versioned.js';
import { partnerIdForTenant, type DirectoryFilter, type PartnerProfile, type PartnerProfileInput } from './partner-profile.js';
import type { PartnerRepository } from './partner-repository.js';

export interface DirectoryDeps {
  partners: PartnerRepository;
  audit: AuditLog;
  clock: Clock;
}

export const searchPartners = (deps: DirectoryDeps, filter: DirectoryFilter, page: PageRequest): Promise<Page<PartnerProfile>> =>
  deps.partners.search(filter, page);

export async function getPartner(deps: DirectoryDeps, partnerId: string): Promise<Versioned<PartnerProfile>> {
  const found = await deps.partners.get(partnerId);
  if (!found) throw new NotFoundError('The partner');
  return found;
}

export async function getOwnProfile(deps: DirectoryDeps, principal: Principal): Promise<Versioned<PartnerProfile>> {
  assertPartnerAgent(principal, 'admin');
  const found = await deps.partners.get(partnerIdForTenant(principal.tenantId));
  if (!found) throw new NotFoundError('Your partner profile');
  return found;
}

/** Creates or updates the caller's own profile; `created` tells which. */
export async function saveOwnProfile(
  deps: DirectoryDeps,
  principal: Principal,
  input: PartnerProfileInput,
  ifMatch: string | undefined,
  correlationId: string,
): Promise<Versioned<PartnerProfile> & { created: boolean }> {
  assertPartnerAgent(principal, 'admin');
  const id = partnerIdForTenant(principal.tenantId);
  const now = deps.clock.now().toISOString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await deps.partners.get(id);
    if (!existing) {
      if (ifMatch) throw new PreconditionFailedError('There is no profile yet to match If-Match against.');
      const result = await deps.partners.create({
        ...input,
        id,
        partnerTenantId: principal.tenantId,
        createdAt: now,
        updatedAt: now,
      });
      if (result === 'exists') continue;
      await recordSaved(deps, principal, id, 'partnerProfile.created', correlationId);
      return { ...result, created: true };
    }
    if (ifMatch && ifMatch !== existing.etag) throw new PreconditionFailedError();
    const result = await deps.partners.replace(
      { ...input, id, partnerTenantId: principal.tenantId, createdAt: existing.value.createdAt, updatedAt: now },
      existing.etag,
    );
    if (result === 'stale') {
      if (ifMatch) throw new PreconditionFailedError();
      continue;
    }
    await recordSaved(deps, principal, id, 'partnerProfile.updated', correlationId);
    return { ...result, created: false };
  }
  throw new PreconditionFailedError('The profile kept changing while saving; read it again and retry.');
}

const recordSaved = (deps: DirectoryDeps, principal: Principal, id: string, action: string, correlationId: string) =>
  deps.audit.record({
    actor: { kind: 'partner', tenantId: principal.tenantId, userId: principal.userId },
    action,
    target: { type: 'partnerProfile', id },
    correlationId,
    tenants: [principal.tenantId],
  });
