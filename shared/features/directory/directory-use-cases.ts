// Use cases of the partner directory: search, read, and a partner managing its own listing.
import { assertPartnerAgent } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { conditionalWrite, STALE } from '../../platform/persistence/conditional-write.js';
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
  const saved = await conditionalWrite<PartnerProfile, Versioned<PartnerProfile> & { created: boolean }>(
    {
      read: () => deps.partners.get(id),
      decide: (existing) => {
        if (!existing) {
          if (ifMatch) throw new PreconditionFailedError('There is no profile yet to match If-Match against.');
          const profile = { ...input, id, partnerTenantId: principal.tenantId, createdAt: now, updatedAt: now };
          return {
            write: async () => {
              const result = await deps.partners.create(profile);
              return result === 'exists' ? STALE : { ...result, created: true };
            },
          };
        }
        const profile = {
          ...input,
          id,
          partnerTenantId: principal.tenantId,
          createdAt: existing.value.createdAt,
          updatedAt: now,
        };
        return {
          write: async () => {
            const result = await deps.partners.replace(profile, existing.etag);
            return result === 'stale' ? result : { ...result, created: false };
          },
        };
      },
    },
    ifMatch,
  );
  await recordSaved(deps, principal, id, saved.created ? 'partnerProfile.created' : 'partnerProfile.updated', correlationId);
  return saved;
}

const recordSaved = (deps: DirectoryDeps, principal: Principal, id: string, action: string, correlationId: string) =>
  deps.audit.record({
    actor: { kind: 'partner', tenantId: principal.tenantId, userId: principal.userId },
    action,
    target: { type: 'partnerProfile', id },
    correlationId,
    tenants: [principal.tenantId],
  });
