// Relationship fixtures for the fast rule tests: built the way production builds them, by applying accepted
// invitations one after the other with the real rules (no storage involved).
import { applyAcceptedInvitation, type Relationship } from '../../shared/features/relationships/relationship.js';

export const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

/** A relationship of `partnerId` whose types were accepted in order (GDAP with `roles`, Helpdesk by default). */
export function relationship(
  partnerId: string,
  types: string[],
  options: { sharing?: boolean; terminated?: boolean; customer?: string; roles?: string[]; durationDays?: number } = {},
): Relationship {
  let r: Relationship | undefined;
  types.forEach((type, i) => {
    r = applyAcceptedInvitation(r, {
      invitationId: `inv_${partnerId}_${i}`,
      partnerId,
      partnerTenantId: `tenant-${partnerId}`,
      customerTenantId: options.customer ?? 'customer-1',
      partnerType: type as Relationship['partnerTypes'][number],
      roles: type === 'gdap' ? (options.roles ?? [HELPDESK]) : [],
      ...(type === 'gdap' ? { durationDays: options.durationDays ?? 30 } : {}),
      acceptedAt: `2026-01-0${i + 1}T10:00:00.000Z`,
    }).relationship;
  });
  let out = r!;
  if (options.sharing !== undefined) out = { ...out, mpsaSharing: { enabled: options.sharing, updatedAt: out.updatedAt } };
  if (options.terminated) out = { ...out, status: 'terminated', terminatedAt: '2026-02-01T00:00:00.000Z' };
  return out;
}
