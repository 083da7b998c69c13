// Idempotency-Key across a real crash: the stack (with its Cosmos emulator and Azurite) is killed with SIGKILL while
// one request has stored its invitation but not its idempotency record, and another has claimed its key but not yet
// stored anything. Started again on the same data folder, retries of both keys give one invitation each.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestClient, uniqueEmail, waitFor } from '../../support/api.js';
import { CosmosFaults, queuesDrained } from '../../support/cosmos-faults.js';
import { invite, waitForInvitationEmail, type TestPartner } from '../../support/invitations.js';
import { isAlive, killTree } from '../../support/process-tree.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

let dataDir: string;
let stack: StackProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'idem-crash-'));
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () => startStackProcess(['--data-dir', dataDir, '--cosmos-fault-proxy']);

describe('Idempotency-Key across kill -9', () => {
  it('after the lease, a retry answers the effect stored before the crash, and runs once the one that never happened', async () => {
    stack = await start();
    let api = new TestClient(stack.info);
    const faults = new CosmosFaults(stack.info);
    const registered = await api.createPartner();
    // The key is the caller's: the same user (oid) retries, with a token from the restarted stack's identity provider.
    const agent = { tenantId: registered.tenantId, userId: randomUUID(), roles: ['Partner.AdminAgent'] };
    const partner: TestPartner = { ...registered, token: await api.token(agent) };
    const stored = { body: { customerEmail: uniqueEmail('stored'), partnerType: 'reseller' }, key: randomUUID() };
    const never = { body: { customerEmail: uniqueEmail('never'), partnerType: 'reseller' }, key: randomUUID() };

    // Request 1: its invitation is stored and emailed, then its record's completion hangs until the crash.
    await faults.add({ container: 'idempotency', operation: 'replace', mode: 'hang' });
    const hung1 = invite(api, partner, stored.body, { 'idempotency-key': stored.key }).catch(() => 'killed');
    const { link } = await waitForInvitationEmail(api, stored.body.customerEmail);
    await waitFor(async () => (await faults.state()).held.length === 1, 'the record write of request 1 to be held');
    // Its queued work (the email, the audit event) done before the crash: a message a killed host held stays invisible
    // for the host's lease (minutes), longer than this test waits.
    await queuesDrained(stack.info);
    // Request 2: it claims its key, then its invitation write hangs until the crash: the effect never happens.
    await faults.add({ container: 'partner-data', operation: 'batch', mode: 'hang' });
    const hung2 = invite(api, partner, never.body, { 'idempotency-key': never.key }).catch(() => 'killed');
    await waitFor(async () => (await faults.state()).held.length === 2, 'the invitation write of request 2 to be held');

    const pids = killTree(stack.child.pid!);
    await waitFor(async () => pids.every((p) => !isAlive(p)), 'the stack to be gone');
    expect(await hung1).toBe('killed');
    expect(await hung2).toBe('killed');

    stack = await start();
    api = new TestClient(stack.info);
    const token = await api.token(agent);
    const retry = (r: typeof stored) =>
      api.call('POST', '/partner/invitations', { token, body: r.body, headers: { 'idempotency-key': r.key } });

    // Both records survived the crash, still leased by the dead attempts.
    expect((await retry(stored)).body.code).toBe('request-in-progress');
    expect((await retry(never)).body.code).toBe('request-in-progress');
    await api.setClock({ advanceSeconds: 61 });

    const answered = await retry(stored);
    expect(answered.status).toBe(202);
    expect(answered.body.id).toBe(link.invitationId);
    const ran = await retry(never);
    expect(ran.status).toBe(202);
    const ids = (await api.get('/partner/invitations', token)).body.items.map((i: { id: string }) => i.id);
    expect(ids.sort()).toEqual([link.invitationId, ran.body.id].sort());

    // The new stack sends the invitation that never happened, once, and nothing for the one sent before the crash.
    await waitForInvitationEmail(api, never.body.customerEmail);
    await queuesDrained(stack.info);
    expect(await api.emails(never.body.customerEmail)).toHaveLength(1);
    expect(await api.emails(stored.body.customerEmail)).toHaveLength(0);
  }, 120_000);
});
