// A bulk of 1,000 invitations across kill -9: a stack of its own, paced, is killed (with its Cosmos emulator and
// Azurite) once some but not all of the emails went out, then started again on the same data folder. The operation
// finishes with 1,000 succeeded items, and every recipient got exactly one email. The email sink lives in the test's
// own process, as ACS outlives the app: it keeps what it received before the crash and dedupes by operation id, as ACS
// does.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmailSink, type EmailSink } from '../../../scripts/local-stack/email-sink.js';
import { TestClient, waitFor } from '../../support/api.js';
import { isAlive, killTree } from '../../support/process-tree.js';
import { startStackProcess, testStackArgs, type StackProcess } from '../../support/stack-process.js';

const ITEMS = 1000;
/** Fast enough for a test, slow enough that the crash lands mid-way: 86 items every 5 seconds. */
const PER_MINUTE = 1200;

let dataDir: string;
let sink: EmailSink;
let stack: StackProcess | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'bulk-crash-'));
  sink = await startEmailSink();
});
afterAll(async () => {
  await stack?.stop();
  await sink.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () =>
  startStackProcess(
    [
      '--data-dir',
      dataDir,
      '--setting',
      `ACS_CONNECTION_STRING=${sink.connectionString}`,
      '--setting',
      `BULK_INVITATIONS_PER_MINUTE=${PER_MINUTE}`,
    ],
    testStackArgs,
  );

const recipients = Array.from({ length: ITEMS }, (_, i) => `bulk-${String(i).padStart(4, '0')}@crash.test`);

/** Emails the sink received per recipient of this bulk. */
function emailsPerRecipient(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const email of sink.emails()) {
    for (const to of email.to) if (to.endsWith('@crash.test')) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

describe('bulk invitations across kill -9', () => {
  it('1,000 items: the operation reports 1,000 succeeded and each recipient got exactly one email', async () => {
    stack = await start();
    let api = new TestClient(stack.info);
    const partner = await api.createPartner();
    const started = await api.call('POST', '/partner/bulk-invitations', {
      token: partner.token,
      body: { items: recipients.map((customerEmail) => ({ customerEmail })), partnerType: 'reseller' },
    });
    expect(started.status).toBe(202);
    const operationId = started.body.id as string;
    expect(started.headers.get('location')).toBe(`/api/partner/operations/${operationId}`);
    expect(started.body).toMatchObject({ status: 'running', counts: { total: ITEMS, succeeded: 0, failed: 0, pending: ITEMS } });

    // Some, not all, went out: then the whole stack dies without warning.
    await waitFor(async () => emailsPerRecipient().size >= 150, 'the first emails', 300_000, 100);
    const pids = killTree(stack.child.pid!);
    await waitFor(async () => pids.every((p) => !isAlive(p)), 'the stack to be gone');
    const beforeRestart = emailsPerRecipient().size;
    expect(beforeRestart).toBeLessThan(ITEMS);

    stack = await start();
    api = new TestClient(stack.info);
    const token = await api.partnerToken(partner.tenantId);
    // Time passes for the app (the messages the dead host held come back only after its lease): the outbox sweeper
    // and the operations' timer, which would run every minute, find what was left half done.
    await api.setClock({ advanceSeconds: 400 });
    const operation = await waitFor(
      async () => {
        await api.runTimer('sweepOutbox');
        await api.runTimer('resumeBulkOperations');
        const read = await api.get(`/partner/operations/${operationId}`, token);
        expect(read.status).toBe(200);
        return read.body.status !== 'running' && read.body;
      },
      'the operation to finish',
      400_000,
      1000,
    );
    expect(operation).toMatchObject({ status: 'succeeded', counts: { total: ITEMS, succeeded: ITEMS, failed: 0, pending: 0 } });
    const invitationIds = new Set((operation.items as { invitationId: string }[]).map((i) => i.invitationId));
    expect(invitationIds.size).toBe(ITEMS);

    // Every email is out (their jobs were committed with the invitations), then none more comes.
    await waitFor(async () => emailsPerRecipient().size === ITEMS, 'an email to every recipient', 400_000, 500);
    await waitFor(async () => {
      await api.runTimer('sweepOutbox');
      const response = await fetch(`${stack!.info.origin}/.dev/background/settle`, { method: 'POST' });
      return response.status === 204;
    }, 'the background work to settle');
    const counts = emailsPerRecipient();
    expect([...counts.keys()].sort()).toEqual([...recipients].sort());
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    // The partner's list holds exactly those 1,000 invitations.
    let listed = 0;
    let continuation: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; continuationToken: string | null } } = await api.get(
        `/partner/invitations?pageSize=100${continuation ? `&continuationToken=${encodeURIComponent(continuation)}` : ''}`,
        token,
      );
      for (const item of page.body.items) expect(invitationIds.has(item.id)).toBe(true);
      listed += page.body.items.length;
      continuation = page.body.continuationToken;
    } while (continuation);
    expect(listed).toBe(ITEMS);
  }, 900_000);
});
