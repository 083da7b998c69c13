// Races on one invitation, run concurrently against the local host: accept, decline, revoke and resend — exactly one
// answer wins (the winning tenant's other accepts answer it again), the losers get 409 (or 404 once a resend killed
// their code), and nothing is half done.
import { sharedStack, uniqueEmail, waitFor, type ApiResponse } from '../../support/api.js';
import { accept, decline, inviteAndReceive, newCustomer, review, ROLE, type TestCustomer } from '../../support/invitations.js';
import { settled } from '../../support/cosmos-faults.js';

const api = sharedStack();

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Whether the tenant has accepted the agreement, read from the accept page of a fresh invitation to it. */
async function agreementAccepted(customer: TestCustomer): Promise<boolean> {
  const partner = await api.createPartner();
  const { link } = await inviteAndReceive(api, partner, {
    customerEmail: uniqueEmail('probe'),
    customerTenantId: customer.tenantId,
    partnerType: 'isv',
  });
  return (await review(api, customer, link)).body.agreement.acceptedByTenant as boolean;
}

describe('invitation races', () => {
  it('10 accepts + 5 declines + 5 revokes at once: one answer wins, one resulting state, one set of grants', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const partner = await api.createPartner();
        const customer = await newCustomer(api);
        const { link } = await inviteAndReceive(api, partner, {
          customerEmail: customer.email,
          partnerType: 'gdap',
          roles: [ROLE.userAdministrator, ROLE.helpdeskAdministrator],
          durationDays: 30,
        });
        const calls: (() => Promise<[string, ApiResponse]>)[] = shuffle([
          ...Array.from({ length: 10 }, () => async () => ['accept', await accept(api, customer, link)] as [string, ApiResponse]),
          ...Array.from(
            { length: 5 },
            () => async () => ['decline', await decline(api, customer, link)] as [string, ApiResponse],
          ),
          ...Array.from(
            { length: 5 },
            () => async () =>
              [
                'revoke',
                await api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, { token: partner.token }),
              ] as [string, ApiResponse],
          ),
        ]);
        const results = await Promise.all(calls.map((call) => call()));
        return { partner, customer, link, results };
      }),
    );

    for (const { partner, customer, link, results } of rounds) {
      const winners = results.filter(([, r]) => r.status === 200);
      // When an accept wins, the customer's other accepts are its own retries: they answer the same relationship.
      const winner = winners.some(([action]) => action === 'accept') ? 'accept' : winners[0]![0];
      const winning = winner === 'accept' ? winners.filter(([action]) => action === 'accept') : winners;
      expect(winners).toEqual(winning);
      if (winner === 'accept') {
        expect(winners).toHaveLength(10);
        expect(new Set(winners.map(([, r]) => r.body.id)).size).toBe(1);
      } else {
        expect(winners).toHaveLength(1);
      }
      const losers = results.filter(([, r]) => r.status !== 200);
      expect(losers.map(([, r]) => r.status)).toEqual(Array(20 - winners.length).fill(409));
      for (const [, r] of losers) expect(r.body.code).toMatch(/^invitation-(accepted|declined|revoked|changed)$/);

      const expected = { accept: 'accepted', decline: 'declined', revoke: 'revoked' }[winner as 'accept' | 'decline' | 'revoke'];
      const invitation = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
      expect(invitation.body.status).toBe(expected);
      const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
      if (winner === 'accept') {
        expect(relationship.status).toBe(200);
        expect(relationship.body.roleGrants).toHaveLength(2);
        expect(relationship.body.history).toHaveLength(1);
        await waitFor(
          async () => (await api.emails(partner.contactEmail)).some((e) => e.subject.includes('accepted')),
          'acceptance email',
        );
        expect(await agreementAccepted(customer)).toBe(true);
      } else {
        // Nothing of the losing accepts happened: no relationship, no agreement acceptance.
        expect(relationship.status).toBe(404);
        expect(await agreementAccepted(customer)).toBe(false);
        if (winner === 'decline') {
          await waitFor(
            async () => (await api.emails(partner.contactEmail)).some((e) => e.subject.includes('declined')),
            'decline email',
          );
        }
      }
      const answers = (await api.emails(partner.contactEmail)).filter((e) => /accepted|declined/.test(e.subject));
      expect(answers.length).toBeLessThanOrEqual(1);
    }
  });

  it('10 concurrent accepts of one invitation by its customer: one acceptance, every answer the same relationship, one set of grants, one partner email', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      partnerType: 'userAccount',
      roles: [ROLE.userAdministrator, ROLE.licenseAdministrator],
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => accept(api, customer, link)));
    // One accept wins the write; the others find it accepted by this very tenant and answer it (a retry is not a failure).
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const accepted = await waitFor(async () => {
      const events = (await api.get('/customer/audit-events?pageSize=100', customer.token)).body.items as { action: string }[];
      return events.some((e) => e.action === 'invitation.accepted') ? events : undefined;
    }, 'the acceptance audit event');
    expect(accepted.filter((e) => e.action === 'invitation.accepted')).toHaveLength(1);
    const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(relationship.body.roleGrants.map((g: { roleName: string }) => g.roleName).sort()).toEqual([
      'License Administrator',
      'User Administrator',
    ]);
    const notices = await waitFor(async () => {
      const list = (await api.emails(partner.contactEmail)).filter((e) => e.subject.includes('accepted'));
      return list.length > 0 ? list : undefined;
    }, 'acceptance email');
    expect(notices).toHaveLength(1);
  });

  it('accept racing resends: either the accept wins (resends 409) or a resend wins (the accept’s code is dead)', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const [accepted, ...resends] = await Promise.all([
      accept(api, customer, link),
      ...Array.from({ length: 4 }, () =>
        api.call('POST', `/partner/invitations/${link.invitationId}/resend`, { token: partner.token }),
      ),
    ]);
    const invitation = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
    if (accepted.status === 200) {
      expect(resends.map((r) => r.status)).toEqual([409, 409, 409, 409]);
      expect(invitation.body).toMatchObject({ status: 'accepted', resendCount: 0 });
    } else {
      expect([404, 409]).toContain(accepted.status);
      const won = resends.filter((r) => r.status === 202);
      expect(won.length).toBeGreaterThanOrEqual(1);
      expect(resends.every((r) => r.status === 202 || r.status === 409)).toBe(true);
      expect(invitation.body).toMatchObject({ status: 'pending', resendCount: won.length });
      expect((await api.get(`/customer/partner-relationships/${partner.id}`, customer.token)).status).toBe(404);
    }
  });

  it('two invitations of one partner accepted at once by one customer: one relationship with both types', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const [reseller, gdap, advisor] = await Promise.all([
      inviteAndReceive(api, partner, {
        customerEmail: uniqueEmail('a'),
        customerTenantId: customer.tenantId,
        partnerType: 'reseller',
      }),
      inviteAndReceive(api, partner, {
        customerEmail: uniqueEmail('b'),
        customerTenantId: customer.tenantId,
        partnerType: 'gdap',
        roles: [ROLE.licenseAdministrator],
        durationDays: 10,
      }),
      inviteAndReceive(api, partner, {
        customerEmail: uniqueEmail('c'),
        customerTenantId: customer.tenantId,
        partnerType: 'advisor',
      }),
    ]);
    const results = await Promise.all([reseller, gdap, advisor].map(({ link }) => accept(api, customer, link)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect([...relationship.body.partnerTypes].sort()).toEqual(['advisor', 'gdap', 'reseller']);
    expect(relationship.body.roleGrants).toHaveLength(3);
    expect(relationship.body.history).toHaveLength(3);
    await settled(api.stack); // the list is the customer's copy, kept by the change feed
    expect((await api.get('/customer/partner-relationships', customer.token)).body.items).toHaveLength(1);
  });
});
