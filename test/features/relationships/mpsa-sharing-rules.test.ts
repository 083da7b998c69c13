// The MPSA sharing switch.
import { sharesMpsaPurchases } from '../../../shared/features/orders/order.js';
import { changeMpsaSharing } from '../../../shared/features/relationships/mpsa-sharing.js';
import { applyAcceptedInvitation, type Relationship } from '../../../shared/features/relationships/relationship.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

/** A relationship built the way production builds it: accepted invitations applied one after the other. */
function relationship(
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

describe('the MPSA sharing switch', () => {
  const now = '2026-03-01T00:00:00.000Z';

  it('turns sharing on and off on an MPSA relationship, with a history entry', () => {
    const on = changeMpsaSharing(relationship('p', ['mpsa']), true, now);
    expect(on.outcome).toBe('changed');
    if (on.outcome !== 'changed') return;
    expect(on.next.mpsaSharing).toEqual({ enabled: true, updatedAt: now });
    expect(on.next.history.at(-1)).toEqual({ at: now, event: 'mpsaSharingEnabled' });
    const off = changeMpsaSharing(on.next, false, '2026-03-02T00:00:00.000Z');
    expect(off.outcome === 'changed' && off.next.history.at(-1)!.event).toBe('mpsaSharingDisabled');
  });

  it('setting the value it has changes nothing; off is the default', () => {
    expect(changeMpsaSharing(relationship('p', ['mpsa']), false, now)).toEqual({ outcome: 'unchanged' });
    expect(changeMpsaSharing(relationship('p', ['mpsa'], { sharing: true }), true, now)).toEqual({ outcome: 'unchanged' });
  });

  it('refuses relationships without the MPSA type, and ended ones', () => {
    expect(changeMpsaSharing(relationship('p', ['reseller', 'gdap']), true, now)).toEqual({ outcome: 'not-mpsa' });
    expect(changeMpsaSharing(relationship('p', ['mpsa'], { terminated: true }), true, now)).toEqual({
      outcome: 'terminated',
    });
  });

  it('a relationship reactivated after a termination starts with sharing off', () => {
    const ended = relationship('p', ['mpsa'], { sharing: true, terminated: true });
    const { relationship: again } = applyAcceptedInvitation(ended, {
      invitationId: 'inv_again',
      partnerId: 'p',
      partnerTenantId: 'tenant-p',
      customerTenantId: 'customer-1',
      partnerType: 'mpsa',
      roles: [],
      acceptedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(again.status).toBe('active');
    expect(again.mpsaSharing).toBeUndefined();
    expect(sharesMpsaPurchases(again)).toBe(false);
  });
});
