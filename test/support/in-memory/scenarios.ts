// Short paths through the real use cases for the fast tests: a partner invites, a customer accepts, with the code
// taken from the committed invitation email, as the customer gets it.
import { AppError } from '../../../shared/platform/core/errors.js';
import type { PartnerProfile } from '../../../shared/features/directory/partner-profile.js';
import { acceptInvitation } from '../../../shared/features/invitations/customer-answers.js';
import type { InvitationInput } from '../../../shared/features/invitations/invitation.js';
import { createInvitation } from '../../../shared/features/invitations/partner-invitations.js';
import { customerAdmin, newTenantId, partnerAgent, requestContext, seedPartner, type InMemoryWorld } from './world.js';

/** The error a use case refused with; fails the test when it did not refuse. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the use case to refuse, but it succeeded');
}

/** The accept-link code of the latest email committed for the invitation (what the customer's email carries). */
export function latestCode(world: InMemoryWorld, invitationId: string): string {
  const emails = world
    .committedMessages({ kind: 'invitation' })
    .filter((m) => m.payload.invitationId === invitationId)
    .sort((a, b) => Number(b.payload.codeGeneration) - Number(a.payload.codeGeneration));
  const code = emails[0]?.payload.code;
  if (typeof code !== 'string') throw new Error(`no invitation email committed for ${invitationId}`);
  return code;
}

export const ROLE = {
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
} as const;

export const gdapInput = (overrides: Partial<InvitationInput> = {}): InvitationInput => ({
  customerEmail: 'admin@customer.example.test',
  partnerType: 'gdap',
  roles: [ROLE.userAdministrator, ROLE.helpdeskAdministrator],
  durationDays: 60,
  ...overrides,
});

/** The partner invites (createInvitation); returns the invitation id, its ETag and the code the email carries. */
export async function invite(world: InMemoryWorld, partner: PartnerProfile, input: InvitationInput = gdapInput()) {
  const created = await createInvitation(world, partnerAgent(partner.partnerTenantId), input, requestContext());
  return { id: created.value.id, etag: created.etag, code: latestCode(world, created.value.id) };
}

/** A partner, a customer tenant and an accepted invitation between them: the relationship exists. */
export async function acceptedRelationship(world: InMemoryWorld, input: InvitationInput = gdapInput()) {
  const partner = await seedPartner(world);
  const customerTenantId = newTenantId();
  const customer = customerAdmin(customerTenantId);
  const invitation = await invite(world, partner, input);
  const accepted = await acceptInvitation(
    world,
    customer,
    invitation.id,
    { code: invitation.code, acceptAgreement: true },
    requestContext(customer),
  );
  return { partner, customer, customerTenantId, invitation, relationship: accepted };
}
