// Unit rules of the relationship: applying accepted invitations (idempotent, accumulating), GDAP end dates, views.
import {
  applyAcceptedInvitation,
  effectiveGrantStatus,
  grantIdFor,
  relationshipIdFor,
  toCustomerRelationshipView,
  type AcceptedInvitationFacts,
  type Relationship,
} from '../../../shared/features/relationships/relationship.js';

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

const facts = (overrides: Partial<AcceptedInvitationFacts> = {}): AcceptedInvitationFacts => ({
  invitationId: 'inv_reseller',
  partnerId: 'ptn_1',
  partnerTenantId: 'partner-tenant',
  customerTenantId: 'customer-tenant',
  partnerType: 'reseller',
  roles: [],
  acceptedAt: '2026-02-01T10:00:00.000Z',
  ...overrides,
});

const gdap = facts({
  invitationId: 'inv_gdap',
  partnerType: 'gdap',
  roles: [USER_ADMIN, HELPDESK],
  durationDays: 30,
  autoExtend: true,
  acceptedAt: '2026-03-01T10:00:00.000Z',
});

describe('applying an accepted invitation to the relationship', () => {
  it('creates the one relationship of the pair, with a deterministic id', () => {
    const { relationship, change } = applyAcceptedInvitation(undefined, facts());
    expect(change).toBe('created');
    expect(relationship).toMatchObject({
      id: relationshipIdFor('ptn_1', 'customer-tenant'),
      status: 'active',
      partnerTypes: ['reseller'],
      roleGrants: [],
      appliedInvitations: ['inv_reseller'],
      history: [{ event: 'invitationAccepted', invitationId: 'inv_reseller', partnerType: 'reseller' }],
      createdAt: '2026-02-01T10:00:00.000Z',
    });
    expect(relationshipIdFor('ptn_1', 'CUSTOMER-TENANT')).toBe(relationship.id);
  });

  it('accumulates types and grants; GDAP grants end at acceptance + durationDays', () => {
    const first = applyAcceptedInvitation(undefined, facts()).relationship;
    const { relationship, change } = applyAcceptedInvitation(first, gdap);
    expect(change).toBe('extended');
    expect(relationship.partnerTypes).toEqual(['reseller', 'gdap']);
    expect(relationship.roleGrants).toEqual([
      {
        id: grantIdFor('inv_gdap', USER_ADMIN),
        roleId: USER_ADMIN,
        partnerType: 'gdap',
        invitationId: 'inv_gdap',
        grantedAt: '2026-03-01T10:00:00.000Z',
        expiresAt: '2026-03-31T10:00:00.000Z',
        autoExtend: true,
        status: 'active',
      },
      expect.objectContaining({ roleId: HELPDESK, expiresAt: '2026-03-31T10:00:00.000Z' }),
    ]);
    expect(relationship.createdAt).toBe(first.createdAt);
    expect(relationship.updatedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(relationship.history.map((h) => h.invitationId)).toEqual(['inv_reseller', 'inv_gdap']);
  });

  it('is idempotent: the same invitation applied again changes nothing', () => {
    const once = applyAcceptedInvitation(applyAcceptedInvitation(undefined, facts()).relationship, gdap).relationship;
    const again = applyAcceptedInvitation(once, gdap);
    expect(again.change).toBe('unchanged');
    expect(again.relationship).toBe(once);
    // and a replay computes exactly the same document (times come from the acceptance, not the clock)
    const replay = applyAcceptedInvitation(applyAcceptedInvitation(undefined, facts()).relationship, gdap).relationship;
    expect(replay).toEqual(once);
  });

  it('reactivates a terminated relationship with the new acceptance only; an older acceptance is superseded', () => {
    const active = applyAcceptedInvitation(undefined, gdap).relationship;
    const terminated: Relationship = {
      ...active,
      status: 'terminated',
      terminatedAt: '2026-03-10T00:00:00.000Z',
      roleGrants: active.roleGrants.map((g) => ({ ...g, status: 'terminated', endedAt: '2026-03-10T00:00:00.000Z' })),
    };
    const late = applyAcceptedInvitation(terminated, facts({ invitationId: 'inv_old', acceptedAt: '2026-03-09T00:00:00.000Z' }));
    expect(late.change).toBe('superseded');
    expect(late.relationship.status).toBe('terminated');
    expect(late.relationship.appliedInvitations).toContain('inv_old');

    const back = applyAcceptedInvitation(terminated, facts({ invitationId: 'inv_new', acceptedAt: '2026-04-01T00:00:00.000Z' }));
    expect(back.change).toBe('reactivated');
    expect(back.relationship).toMatchObject({ status: 'active', partnerTypes: ['reseller'] });
    expect(back.relationship.terminatedAt).toBeUndefined();
    expect(back.relationship.roleGrants.every((g) => g.status === 'terminated')).toBe(true);
    expect(back.relationship.history.slice(-2).map((h) => h.event)).toEqual(['reactivated', 'invitationAccepted']);
  });

  it('shows a GDAP grant past its end date as expired, with role names, in the customer view', () => {
    // Without auto-extension: an auto-extending grant stays in force until the timer renews it (lifecycle rules).
    const relationship = applyAcceptedInvitation(undefined, { ...gdap, autoExtend: false }).relationship;
    const [grant] = relationship.roleGrants;
    expect(effectiveGrantStatus(grant!, new Date('2026-03-31T09:59:59.000Z'))).toBe('active');
    expect(effectiveGrantStatus(grant!, new Date('2026-03-31T10:00:00.000Z'))).toBe('expired');
    const renewing = applyAcceptedInvitation(undefined, gdap).relationship.roleGrants[0]!;
    expect(effectiveGrantStatus(renewing, new Date('2026-03-31T10:00:00.000Z'))).toBe('active');
    const view = toCustomerRelationshipView(
      relationship,
      { id: 'ptn_1', name: 'Fabrikam' },
      { version: '2024-01', url: 'https://example.test/mca', accepted: true, acceptedAt: '2026-03-01T10:00:00.000Z' },
      new Date('2026-04-01T00:00:00.000Z'),
    );
    expect(view.roleGrants.map((g) => [g.roleName, g.status])).toEqual([
      ['User Administrator', 'expired'],
      ['Helpdesk Administrator', 'expired'],
    ]);
    expect(view.mpsaSharing).toEqual({ enabled: false });
    expect(view.partner.name).toBe('Fabrikam');
  });
});
