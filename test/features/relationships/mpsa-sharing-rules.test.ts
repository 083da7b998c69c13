// The MPSA sharing switch.
import { sharesMpsaPurchases } from '../../../shared/features/orders/order.js';
import { changeMpsaSharing } from '../../../shared/features/relationships/mpsa-sharing.js';
import { applyAcceptedInvitation } from '../../../shared/features/relationships/relationship.js';
import { relationship } from '../../support/relationship-fixtures.js';

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
