// Relationship display names on in-memory ports: what a name may be, and its lifecycle — claimed with the invitation
// (in its batch), taken by the relationship on acceptance, freed when the invitation is declined, revoked or expires,
// or when the relationship is terminated — with uniqueness per partner, case-insensitive.
import { acceptInvitation, declineInvitation } from '../../../shared/features/invitations/customer-answers.js';
import { invitationInputSchema } from '../../../shared/features/invitations/invitation.js';
import { expireInvitations } from '../../../shared/features/invitations/invitation-jobs.js';
import { createInvitation, revokeInvitation } from '../../../shared/features/invitations/partner-invitations.js';
import { displayNameMarkerId, displayNameSchema } from '../../../shared/features/relationships/display-name.js';
import { getPartnerCustomer, listCustomerRelationships } from '../../../shared/features/relationships/relationship-read-side.js';
import { terminateCustomerRelationship } from '../../../shared/features/relationships/relationship-lifecycle-use-cases.js';
import { addDays } from '../../../shared/platform/core/clock.js';
import { gdapInput, latestCode, refusal } from '../../support/in-memory/scenarios.js';
import {
  customerAdmin,
  inMemoryWorld,
  newTenantId,
  partnerAgent,
  requestContext,
  seedPartner,
  type InMemoryWorld,
} from '../../support/in-memory/world.js';

async function setup(options: Parameters<typeof inMemoryWorld>[0] = {}) {
  const world = inMemoryWorld(options);
  const partner = await seedPartner(world);
  const agent = partnerAgent(partner.partnerTenantId);
  const create = (displayName: string | undefined, email = `admin-${newTenantId()}@customer.example.test`) =>
    createInvitation(
      world,
      agent,
      gdapInput({ customerEmail: email, ...(displayName ? { displayName } : {}) }),
      requestContext(agent),
    );
  const marker = (name: string) =>
    world.containers.partnerData.read<Record<string, unknown>>(partner.id, displayNameMarkerId(name));
  const invitationCount = () =>
    world.containers.partnerData.query<{ type: string }>((d) => d.type === 'invitation', partner.id).length;
  return { world, partner, agent, create, marker, invitationCount };
}

async function accept(world: InMemoryWorld, invitationId: string, customerTenantId: string) {
  const customer = customerAdmin(customerTenantId);
  return acceptInvitation(
    world,
    customer,
    invitationId,
    { code: latestCode(world, invitationId), acceptAgreement: true },
    requestContext(customer),
  );
}

describe('display name rules', () => {
  it('accepts up to 50 ASCII letters, digits, - and _; refuses anything else', () => {
    for (const good of ['Contoso', 'contoso-EU_2', 'a', 'x'.repeat(50), '-_-', '0123']) {
      expect(displayNameSchema.safeParse(good).success).toBe(true);
    }
    for (const bad of ['', 'x'.repeat(51), 'Contoso EU', 'Contoso.EU', 'Zürich', 'a/b', 'name#1', ' lead', 'tab\t']) {
      expect(displayNameSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('is optional on an invitation, and a bad one is refused naming the field', () => {
    expect(invitationInputSchema.safeParse(gdapInput()).success).toBe(true);
    const parsed = invitationInputSchema.safeParse(gdapInput({ displayName: 'Contoso EU' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['displayName']);
  });
});

describe('display name lifecycle', () => {
  it('is claimed in the invitation batch; the same name in another case is 409 display-name-taken and stores nothing', async () => {
    // An allowance of two emails an hour: the refused create must give its unit back, or the third would be throttled.
    const s = await setup({ invitationLimits: { perPartnerPerHour: 2, perRecipientPerDay: 10 } });
    const first = await s.create('Contoso-EU');
    expect(first.value.displayName).toBe('Contoso-EU');
    const claim = s.world.containers.partnerData.committed.find((w) => w.id === displayNameMarkerId('Contoso-EU'))!;
    const invitationWrite = s.world.containers.partnerData.committed.find((w) => w.id === first.value.id)!;
    expect(claim.batch).toBe(invitationWrite.batch);
    expect(s.marker('contoso-eu')?.doc).toMatchObject({ displayName: 'Contoso-EU', holder: { invitationId: first.value.id } });
    const committedBefore = s.world.containers.partnerData.committed.length;

    const error = await refusal(s.create('CONTOSO-eu'));

    expect(error).toMatchObject({ status: 409, code: 'display-name-taken' });
    expect(s.world.containers.partnerData.committed).toHaveLength(committedBefore);
    expect(s.invitationCount()).toBe(1);
    const other = await s.create('Fabrikam');
    expect(other.value.displayName).toBe('Fabrikam');
    expect(s.invitationCount()).toBe(2);
  });

  it('invitations without a name claim nothing and never conflict', async () => {
    const s = await setup();
    await s.create(undefined);
    await s.create(undefined);
    expect(s.invitationCount()).toBe(2);
    expect(s.world.containers.partnerData.query<{ type: string }>((d) => d.type === 'displayName')).toEqual([]);
  });

  it('is freed when the invitation is revoked, declined or expires, in the batch of that change', async () => {
    const s = await setup();
    const revoked = await s.create('Revoked-Name');
    await revokeInvitation(s.world, s.agent, revoked.value.id, undefined, requestContext(s.agent));
    expect(s.marker('Revoked-Name')).toBeUndefined();
    const revokeWrite = s.world.containers.partnerData.committed.findLast((w) => w.id === revoked.value.id)!;
    const release = s.world.containers.partnerData.committed.findLast((w) => w.id === displayNameMarkerId('Revoked-Name'))!;
    expect(release).toMatchObject({ operation: 'delete', batch: revokeWrite.batch });
    expect((await s.create('revoked-name')).value.displayName).toBe('revoked-name');

    const declined = await s.create('Declined-Name');
    const customer = customerAdmin(newTenantId());
    await declineInvitation(
      s.world,
      customer,
      declined.value.id,
      latestCode(s.world, declined.value.id),
      requestContext(customer),
    );
    expect(s.marker('Declined-Name')).toBeUndefined();
    expect((await s.create('Declined-Name')).value.status).toBe('pending');

    const expiring = await s.create('Expired-Name');
    s.world.clock.set(addDays(s.world.clock.now(), 91));
    // Past its 90 days the invitation still holds the name until the timer marks it expired.
    expect((await refusal(s.create('Expired-Name'))).code).toBe('display-name-taken');
    expect(await expireInvitations(s.world, 'cid-timer')).toBeGreaterThanOrEqual(1);
    expect((await s.world.invitations.get(s.partner.id, expiring.value.id))!.value.status).toBe('expired');
    expect(s.marker('Expired-Name')).toBeUndefined();
    expect((await s.create('Expired-Name')).value.status).toBe('pending');
  });

  it('on acceptance the relationship takes the name (both sides see it) and keeps it against new invitations', async () => {
    const s = await setup();
    const customerTenantId = newTenantId();
    const invitation = await s.create('Contoso-Helpdesk');

    const accepted = await accept(s.world, invitation.value.id, customerTenantId);

    expect(accepted.value.displayName).toBe('Contoso-Helpdesk');
    const relationship = (await s.world.relationships.get(s.partner.id, customerTenantId))!;
    expect(relationship.value.displayName).toBe('Contoso-Helpdesk');
    expect(s.marker('Contoso-Helpdesk')?.doc).toMatchObject({
      holder: { relationshipId: relationship.value.id, customerTenantId },
    });
    const partnerView = await getPartnerCustomer(s.world, s.agent, customerTenantId);
    expect(partnerView.value.displayName).toBe('Contoso-Helpdesk');
    await s.world.settle();
    const customerList = await listCustomerRelationships(s.world, customerAdmin(customerTenantId), { pageSize: 10 });
    expect(customerList.items.map((r) => r.displayName)).toEqual(['Contoso-Helpdesk']);
    expect((await refusal(s.create('contoso-helpdesk'))).code).toBe('display-name-taken');
  });

  it('a later accepted invitation with another name renames the relationship and frees the old name; none keeps it', async () => {
    const s = await setup();
    const customerTenantId = newTenantId();
    await accept(s.world, (await s.create('Old-Name')).value.id, customerTenantId);

    const unnamed = await s.create(undefined);
    expect((await accept(s.world, unnamed.value.id, customerTenantId)).value.displayName).toBe('Old-Name');

    const renamed = await accept(s.world, (await s.create('New-Name')).value.id, customerTenantId);

    expect(renamed.value.displayName).toBe('New-Name');
    expect(s.marker('Old-Name')).toBeUndefined();
    expect(s.marker('New-Name')?.doc).toMatchObject({ holder: { customerTenantId } });
    expect((await s.create('old-name')).value.displayName).toBe('old-name');
  });

  it('is freed when the partner terminates the relationship (the name leaves it), and can name another', async () => {
    const s = await setup();
    const customerTenantId = newTenantId();
    await accept(s.world, (await s.create('Ending')).value.id, customerTenantId);

    const terminated = await terminateCustomerRelationship(
      s.world,
      s.agent,
      customerTenantId,
      undefined,
      requestContext(s.agent),
    );

    expect(terminated.value.status).toBe('terminated');
    expect(terminated.value.displayName).toBeUndefined();
    expect(s.marker('Ending')).toBeUndefined();
    const other = newTenantId();
    const next = await s.create('Ending');
    expect((await accept(s.world, next.value.id, other)).value.displayName).toBe('Ending');
  });
});
