// Resolves the partner a signed-in partner agent acts for: right app role and a registered profile.
import { assertPartnerAgent, type PartnerAccess } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import { ForbiddenError } from '../../platform/core/errors.js';
import { partnerIdForTenant, type PartnerProfile } from './partner-profile.js';
import type { PartnerRepository } from './partner-repository.js';

export async function resolveCallerPartner(
  partners: PartnerRepository,
  principal: Principal,
  access: PartnerAccess,
): Promise<PartnerProfile> {
  assertPartnerAgent(principal, access);
  const profile = await partners.get(partnerIdForTenant(principal.tenantId));
  if (!profile) {
    throw new ForbiddenError(
      'partner-profile-required',
      'Your tenant has no partner profile yet: create it with PUT /api/partner/profile.',
    );
  }
  return profile.value;
}
