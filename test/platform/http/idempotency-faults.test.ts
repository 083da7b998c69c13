// Idempotency-Key under Cosmos DB faults, injected by the fault proxy between the app and the emulator (never by
// mocking the code under test): the record write failing after the effect, the effect applied but its answer lost,
// the effect never happening, and concurrent retries once a lease ran out. Whatever happens: one invitation (one
// order), one email, and the retry gets the answer of the one effect.
import { randomUUID } from 'node:crypto';
import { TestClient, uniqueEmail } from '../../support/api.js';
import { CosmosFaults, queuesDrained } from '../../support/cosmos-faults.js';
import { invite, waitForInvitationEmail, type TestPartner } from '../../support/invitations.js';
import { partnerWithCustomer } from '../../support/relationships.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

const LEASE_SECONDS = 60; // the default of IDEMPOTENCY_LEASE_SECONDS
let stack: StackProcess;
let api: TestClient;
let faults: CosmosFaults;

beforeAll(async () => {
  stack = await startStackProcess(['--cosmos-fault-proxy']);
  api = new TestClient(stack.info);
  faults = new CosmosFaults(stack.info);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});
afterEach(async () => {
  await faults.clear();
  await queuesDrained(stack.info);
});

const newKey = () => ({ 'idempotency-key': randomUUID() });
const invitationBody = () => ({ customerEmail: uniqueEmail('idem'), partnerType: 'reseller' });
const invitationsOf = async (partner: TestPartner) =>
  (await api.get('/partner/invitations?pageSize=100', partner.token)).body.items as { id: string }[];
const leaseRunsOut = () => api.setClock({ advanceSeconds: LEASE_SECONDS + 1 });

/** Exactly one email reached `to` once every queued job was handled. */
async function expectOneEmail(to: string): Promise<void> {
  await waitForInvitationEmail(api, to);
  await queuesDrained(stack.info);
  expect(await api.emails(to)).toHaveLength(1);
}

describe('Idempotency-Key under Cosmos DB faults', () => {
  it('a failed write of the record after the invitation was stored: retried at once, the client retry replays it', async () => {
    const partner = await api.createPartner();
    const body = invitationBody();
    const key = newKey();
    await faults.add({ container: 'idempotency', operation: 'replace', times: 1, status: 408 });
    const mark = await faults.mark();

    const first = await invite(api, partner, body, key);
    expect(first.status).toBe(202);
    expect(await faults.since(mark, { container: 'idempotency', fault: 'before' })).toHaveLength(1);
    const retry = await invite(api, partner, body, key);
    expect(retry.status).toBe(202);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await invitationsOf(partner)).map((i) => i.id)).toEqual([first.body.id]);
    await expectOneEmail(body.customerEmail);
  });

  it('the record cannot be written at all after the effect (as if the instance died): 409 while leased, then the stored invitation', async () => {
    const partner = await api.createPartner();
    const body = invitationBody();
    const key = newKey();
    // The first try and every retry of the record's completion fail.
    await faults.add({ container: 'idempotency', operation: 'replace', times: 4, status: 408 });

    const first = await invite(api, partner, body, key);
    expect(first.status).toBe(202); // the effect happened: the client gets its answer
    expect((await faults.state()).rules).toEqual([]); // all four tries were refused
    const early = await invite(api, partner, body, key);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('request-in-progress');

    await leaseRunsOut();
    const late = await invite(api, partner, body, key);
    expect(late.status).toBe(202);
    expect(late.body.id).toBe(first.body.id);
    const replayed = await invite(api, partner, body, key);
    expect(replayed.body.id).toBe(first.body.id);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect((await invitationsOf(partner)).map((i) => i.id)).toEqual([first.body.id]);
    await expectOneEmail(body.customerEmail);
  });

  it('the invitation was stored but the answer lost (timeout after the write): the retry answers it; the email goes out once', async () => {
    const partner = await api.createPartner();
    const body = invitationBody();
    const key = newKey();
    await faults.add({ container: 'partner-data', operation: 'batch', mode: 'after', status: 408 });

    const first = await invite(api, partner, body, key);
    expect(first.status).toBe(500);
    const stored = await invitationsOf(partner);
    expect(stored).toHaveLength(1); // …although it was stored

    const retry = await invite(api, partner, body, key);
    expect(retry.status).toBe(202);
    expect(retry.body.id).toBe(stored[0]!.id);
    expect((await invitationsOf(partner)).map((i) => i.id)).toEqual([stored[0]!.id]);
    // The first attempt died before handing its email to the queue; the outbox sweeper sends it, once.
    await api.setClock({ advanceSeconds: 301 }); // past the sweeper's grace
    await api.runTimer('sweepOutbox');
    await expectOneEmail(body.customerEmail);
  });

  it('an order placed but its answer lost: the retry answers that order, and there is one', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'reseller');
    await queuesDrained(stack.info);
    const body = { offerId: 'CFQ7TTC0LH18:0001', quantity: 3 };
    const key = newKey();
    const place = () =>
      api.call('POST', `/partner/customers/${customer.tenantId}/orders`, { token: partner.token, body, headers: key });
    await faults.add({ container: 'partner-data', operation: 'create', mode: 'after', status: 408 });

    const first = await place();
    expect(first.status).toBe(500);
    const retry = await place();
    expect(retry.status).toBe(201);
    const list = await api.get(`/partner/customers/${customer.tenantId}/orders`, partner.token);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([retry.body.id]);
    expect(retry.body).toMatchObject({ offerId: body.offerId, quantity: 3 });
  });

  it('an effect that never happened, with the record left pending (its release failed too): after the lease it runs once', async () => {
    const partner = await api.createPartner();
    const body = invitationBody();
    const key = newKey();
    await faults.add({ container: 'partner-data', operation: 'batch', mode: 'before', status: 408 });
    await faults.add({ container: 'idempotency', operation: 'replace', mode: 'before', status: 408 });

    expect((await invite(api, partner, body, key)).status).toBe(500);
    expect(await invitationsOf(partner)).toEqual([]);
    expect((await invite(api, partner, body, key)).body.code).toBe('request-in-progress');

    await leaseRunsOut();
    const retry = await invite(api, partner, body, key);
    expect(retry.status).toBe(202);
    expect((await invitationsOf(partner)).map((i) => i.id)).toEqual([retry.body.id]);
    await expectOneEmail(body.customerEmail);
  });

  it('concurrent retries once the lease ran out: one takes the record over and runs, the others wait or replay', async () => {
    const partner = await api.createPartner();
    const body = invitationBody();
    const key = newKey();
    await faults.add({ container: 'partner-data', operation: 'batch', mode: 'before', status: 408 });
    await faults.add({ container: 'idempotency', operation: 'replace', mode: 'before', status: 408 });
    expect((await invite(api, partner, body, key)).status).toBe(500);

    await leaseRunsOut();
    const mark = await faults.mark();
    const answers = await Promise.all(Array.from({ length: 6 }, () => invite(api, partner, body, key)));
    const winners = answers.filter((a) => a.status === 202);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    expect(new Set(winners.map((a) => a.body.id)).size).toBe(1);
    for (const loser of answers.filter((a) => a.status !== 202)) {
      expect([loser.status, loser.body.code]).toEqual([409, 'request-in-progress']);
    }
    // Exactly one of them ran the use case: one invitation write reached the database.
    expect(await faults.since(mark, { container: 'partner-data', operation: 'batch' })).toHaveLength(1);
    const takeovers = await faults.since(mark, { container: 'idempotency', operation: 'replace' });
    expect(takeovers.filter((r) => r.status === 200)).toHaveLength(2); // the winner's takeover, then its completion
    expect((await invitationsOf(partner)).map((i) => i.id)).toEqual([winners[0]!.body.id]);
    await expectOneEmail(body.customerEmail);
  });
});
