// Races, fired concurrently at the shared stack: on one invitation, accepts (by its tenant and by another tenant that
// holds the code), declines, revokes and resends in a seeded random mix — exactly one state-changing winner, the
// accepting tenant's own concurrent accepts all answering the same relationship (the idempotent retry rule), the rest
// 409 (or 404 once a resend killed their code); concurrent remove-roles, terminations, MPSA toggles, profile saves,
// lead moves, agreement acceptances and Idempotency-Key replays — one effect each, and a contended write never answers
// 500 (409, or 503 with Retry-After at worst). Also under injected email faults.
import { randomUUID } from 'node:crypto';
import { contactRequestBody, partnerProfileBody, sharedStack, uniqueEmail, waitFor, type ApiResponse } from '../support/api.js';
import { accept, decline, inviteAndReceive, newCustomer, ROLE, type TestCustomer } from '../support/invitations.js';
import { settled } from '../support/cosmos-faults.js';
import { relate } from '../support/relationships.js';
import { brief, inParallel, problemFinding, Random, report, SEED, Tally } from './attack-surface.js';

const api = sharedStack();
const ROUNDS = Number(process.env.SECURITY_RACE_ROUNDS ?? 10);
const races = new Tally('races', 'races on one invitation');
const raceCalls = new Tally('race-calls', 'concurrent calls in those races');
const contended = new Tally('contended', 'concurrent calls on contended resources');

afterAll(() => report([races, raceCalls, contended], true));

/** A loser's answer: a conflict, a dead code after a resend, or contention with Retry-After — never a 5xx. */
const LOSER = [404, 409, 503];

type Op = 'accept' | 'acceptByOther' | 'decline' | 'revoke' | 'resend';

describe('races', () => {
  it(`${ROUNDS} invitations, each hit at once by a seeded mix of accepts (its tenant and another), declines, revokes and resends: exactly one winner`, async () => {
    const r = new Random(SEED + 10);
    const partner = await api.createPartner();
    const rounds = await inParallel(
      Array.from({ length: ROUNDS }, (_, round) => async () => {
        const [customer, other] = await Promise.all([newCustomer(api), newCustomer(api)]);
        const gdap = round % 2 === 0;
        const { link } = await inviteAndReceive(api, partner, {
          customerEmail: customer.email,
          ...(gdap ? { partnerType: 'gdap', roles: [ROLE.userAdministrator], durationDays: 30 } : { partnerType: 'reseller' }),
        });
        const ops: Op[] = r.shuffle([
          ...Array<Op>(2 + r.int(4)).fill('accept'),
          ...Array<Op>(r.int(3)).fill('acceptByOther'),
          ...Array<Op>(1 + r.int(3)).fill('decline'),
          ...Array<Op>(1 + r.int(3)).fill('revoke'),
          ...Array<Op>(r.int(3)).fill('resend'),
        ]);
        const call = (op: Op): Promise<ApiResponse> => {
          switch (op) {
            case 'accept':
              return accept(api, customer, link);
            case 'acceptByOther':
              return accept(api, other, link);
            case 'decline':
              return decline(api, customer, link);
            case 'revoke':
              return api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, { token: partner.token });
            case 'resend':
              return api.call('POST', `/partner/invitations/${link.invitationId}/resend`, { token: partner.token });
          }
        };
        const answers = await Promise.all(ops.map(async (op) => ({ op, answer: await call(op) })));
        return { round, customer, other, link, answers };
      }),
      3,
    );
    // The customers' lists below are their copies of the relationships, which the change feed keeps.
    await settled(api.stack);

    for (const { round, customer, other, link, answers } of rounds) {
      races.count();
      raceCalls.count(answers.length);
      const where = `round ${round} (${answers.map((a) => `${a.op}:${a.answer.status}`).join(' ')})`;
      const won = (op: Op) => answers.filter((a) => a.op === op && a.answer.status === 200);
      const winners = (['accept', 'acceptByOther', 'decline', 'revoke'] as Op[]).filter((op) => won(op).length > 0);
      races.check(where, winners.length === 1 ? undefined : `${winners.length} kinds of winner: ${winners.join(', ')}`);
      for (const op of ['decline', 'revoke'] as Op[]) {
        races.check(where, won(op).length <= 1 ? undefined : `${won(op).length} ${op}s won`);
      }
      // The accepting tenant's concurrent accepts are one acceptance: every 200 names the same relationship.
      for (const op of ['accept', 'acceptByOther'] as Op[]) {
        const ids = new Set(won(op).map((a) => a.answer.body.id as string));
        races.check(where, ids.size <= 1 ? undefined : `${op}: ${ids.size} different relationships`);
      }
      const resent = answers.filter((a) => a.op === 'resend' && a.answer.status === 202).length;
      const tenantOf = (op: Op) =>
        op === 'acceptByOther' ? 'other' : op === 'revoke' || op === 'resend' ? 'partner' : 'customer';
      const winnerTenant = winners[0] === undefined ? undefined : tenantOf(winners[0]);
      for (const { op, answer } of answers) {
        const ok = answer.status === 200 || (op === 'resend' && answer.status === 202);
        if (!ok) races.check(`${where} ${op}`, problemFinding(answer, LOSER));
        if (answer.status === 404) {
          // 404 only where the code cannot open the invitation any more: a resend replaced it, or another tenant
          // answered it (an answered invitation is bound to the tenant that answered).
          const codeDied = resent > 0 && tenantOf(op) !== 'partner';
          const answeredByAnother = winnerTenant !== undefined && winnerTenant !== 'partner' && winnerTenant !== tenantOf(op);
          races.check(`${where} ${op}`, codeDied || answeredByAnother ? undefined : `404: ${brief(answer)}`);
        }
      }
      // What is stored says the same: the winner's status, the resends that won, the relationship only for the acceptor.
      const invitation = (await api.get(`/partner/invitations/${link.invitationId}`, partner.token)).body;
      const expected = {
        accept: 'accepted',
        acceptByOther: 'accepted',
        decline: 'declined',
        revoke: 'revoked',
        resend: 'pending',
      }[winners[0] ?? 'resend'];
      races.check(where, invitation.status === expected ? undefined : `stored ${invitation.status}, expected ${expected}`);
      races.check(
        where,
        invitation.resendCount === resent ? undefined : `resendCount ${invitation.resendCount}, ${resent} resends won`,
      );
      const relationshipOf = async (c: TestCustomer) =>
        (await api.get('/customer/partner-relationships', c.token)).body.items.length as number;
      const [mine, theirs] = await Promise.all([relationshipOf(customer), relationshipOf(other)]);
      races.check(where, mine === (winners[0] === 'accept' ? 1 : 0) ? undefined : `customer has ${mine} relationships`);
      races.check(
        where,
        theirs === (winners[0] === 'acceptByOther' ? 1 : 0) ? undefined : `other tenant has ${theirs} relationships`,
      );
    }
    expect(races.findings).toEqual([]);
  });

  it('concurrent remove-roles: one removal, the rest 409 no-admin-roles; racing the partner’s terminations: one termination', async () => {
    const partner = await api.createPartner();
    const [first, second] = await Promise.all([newCustomer(api), newCustomer(api)]);
    const gdap = { roles: [ROLE.userAdministrator, ROLE.helpdeskAdministrator], durationDays: 60 };
    await Promise.all([relate(api, partner, first, 'gdap', gdap), relate(api, partner, second, 'gdap', gdap)]);

    const removeRoles = (c: TestCustomer) =>
      api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`, { token: c.token });
    const removals = await Promise.all(Array.from({ length: 8 }, () => removeRoles(first)));
    contended.count(removals.length);
    expect(removals.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of removals.filter((x) => x.status !== 200)) {
      expect(problemFinding(a, [409, 503])).toBeUndefined();
      if (a.status === 409) expect(a.body.code).toBe('no-admin-roles');
    }
    const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, first.token);
    expect(relationship.body.roleGrants.every((g: { status: string }) => g.status !== 'active')).toBe(true);

    const terminate = () => api.call('POST', `/partner/customers/${second.tenantId}/terminate`, { token: partner.token });
    const mixed = await Promise.all([
      ...Array.from({ length: 4 }, () => removeRoles(second)),
      ...Array.from({ length: 4 }, terminate),
    ]);
    contended.count(mixed.length);
    const [removed, terminated] = [mixed.slice(0, 4), mixed.slice(4)];
    expect(terminated.filter((a) => a.status === 200)).toHaveLength(1);
    expect(removed.filter((a) => a.status === 200).length).toBeLessThanOrEqual(1);
    for (const a of mixed.filter((x) => x.status !== 200)) expect(problemFinding(a, [409, 503])).toBeUndefined();
    const after = await api.get(`/customer/partner-relationships/${partner.id}`, second.token);
    expect(after.body.status).toBe('terminated');
    expect(after.body.roleGrants.every((g: { status: string }) => g.status !== 'active')).toBe(true);
  });

  it('contended writes answer 200, 409 or 503 with Retry-After — never 500 — and take effect once', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    await relate(api, partner, customer, 'mpsa');
    const findings = new Tally('contended', '');

    // 16 MPSA toggles at once: each answer is a state someone asked for; the stored one is the last writer's.
    const toggles = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        api.call('PUT', `/customer/partner-relationships/${partner.id}/mpsa-sharing`, {
          token: customer.token,
          body: { enabled: i % 2 === 0 },
        }),
      ),
    );
    // 10 saves of one profile at once: last writer wins, nobody gets a 500.
    const saves = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.call('PUT', '/partner/profile', {
          token: partner.token,
          body: { ...partnerProfileBody(partner.name, partner.contactEmail), description: `Version ${i} of the description.` },
        }),
      ),
    );
    // 10 moves of one lead at once (accepted vs declined): one wins, the rest are invalid transitions.
    const lead = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    const moves = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.call('PATCH', `/partner/contact-requests/${lead.body.id}`, {
          token: partner.token,
          body: { status: i % 2 === 0 ? 'accepted' : 'declined' },
        }),
      ),
    );
    // 10 acceptances of the agreement by a fresh tenant: one records it (201), the others find it (200).
    const fresh = await newCustomer(api);
    const agreements = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call('POST', '/customer/agreements', { token: fresh.token, body: { acceptAgreement: true } }),
      ),
    );
    // 10 invitation creates with one Idempotency-Key: one invitation, one email; the others replay or wait their turn.
    const key = randomUUID();
    const email = uniqueEmail('idem-race');
    const creates = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call('POST', '/partner/invitations', {
          token: partner.token,
          headers: { 'idempotency-key': key },
          body: { customerEmail: email, partnerType: 'reseller' },
        }),
      ),
    );

    const all = [...toggles, ...saves, ...moves, ...agreements, ...creates];
    contended.count(all.length);
    for (const a of all) findings.check('contended write', problemFinding(a, [200, 201, 202, 409, 503]));
    expect(findings.findings).toEqual([]);

    expect(toggles.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    const stored = (await api.get(`/customer/partner-relationships/${partner.id}`, customer.token)).body.mpsaSharing.enabled;
    expect(toggles.some((a) => a.status === 200 && a.body.mpsaSharing.enabled === stored)).toBe(true);
    expect(saves.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expect(moves.filter((a) => a.status === 200)).toHaveLength(1);
    expect(agreements.filter((a) => a.status === 201)).toHaveLength(1);
    const createdIds = new Set(creates.filter((a) => a.status === 202).map((a) => a.body.id as string));
    expect(createdIds.size).toBe(1);
    const [invitationId] = [...createdIds];
    const invitations = (await api.get('/partner/invitations?pageSize=100', partner.token)).body.items as {
      id: string;
      customerEmail: string;
    }[];
    expect(invitations.filter((i) => i.customerEmail === email).map((i) => i.id)).toEqual([invitationId]);
    await waitFor(async () => (await api.emails(email)).length === 1, 'the one invitation email');
    const audit = (await api.get('/customer/audit-events?pageSize=100', fresh.token)).body.items as { action: string }[];
    expect(audit.filter((e) => e.action === 'agreement.accepted')).toHaveLength(1);
  });

  it('under injected email faults: concurrent resends never answer 5xx, each code is emailed at most once, the newest one works, and its accept still races revokes to one winner', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    // From now on the recipient's mail fails twice with 503, then once more after ACS said it accepted it: the sender
    // must retry the resends' emails without ever sending one twice.
    await api.addEmailFault({ to: customer.email, kind: 'status', status: 503, times: 2 });
    await api.addEmailFault({ to: customer.email, kind: 'acceptThenFail', times: 1 });
    const resends = await Promise.all(
      Array.from({ length: 4 }, () =>
        api.call('POST', `/partner/invitations/${link.invitationId}/resend`, { token: partner.token }),
      ),
    );
    contended.count(resends.length);
    for (const a of resends) expect(problemFinding(a, [202, 409, 503])).toBeUndefined();
    const resent = resends.filter((a) => a.status === 202).length;
    expect(resent).toBeGreaterThanOrEqual(1);

    // Older resends' jobs find their code replaced and send nothing; the newest code is emailed once, through the faults.
    const delivered = await waitFor(async () => {
      const invitation = (await api.get(`/partner/invitations/${link.invitationId}`, partner.token)).body;
      return invitation.emailStatus === 'queued' ? undefined : invitation;
    }, 'the invitation email status to settle');
    expect(delivered).toMatchObject({ emailStatus: 'sent', resendCount: resent });
    const linkOf = new RegExp(`/partners/invitations/${link.invitationId}\\?code=([A-Za-z0-9_-]+)`);
    const codes = (await api.emails(customer.email)).flatMap((e) => linkOf.exec(e.text)?.[1] ?? []);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(codes.length).toBeLessThanOrEqual(1 + resent);
    const newest = { invitationId: link.invitationId, code: codes.at(-1)! };
    expect((await api.get(`/customer/invitations/${link.invitationId}?code=${newest.code}`, customer.token)).status).toBe(200);
    expect((await api.get(`/customer/invitations/${link.invitationId}?code=${codes[0]}`, customer.token)).status).toBe(404);

    const answers = await Promise.all([
      ...Array.from({ length: 3 }, () => accept(api, customer, newest)),
      ...Array.from({ length: 2 }, () =>
        api.call('POST', `/partner/invitations/${link.invitationId}/revoke`, { token: partner.token }),
      ),
    ]);
    contended.count(answers.length);
    for (const a of answers) expect(problemFinding(a, [200, 409, 503])).toBeUndefined();
    const [accepts, revokes] = [answers.slice(0, 3), answers.slice(3)];
    const acceptWon = accepts.some((a) => a.status === 200);
    expect(Number(acceptWon) + revokes.filter((a) => a.status === 200).length).toBe(1);
  });
});
