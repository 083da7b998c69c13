// `npm start -- --data-dir DIR` (and --persist) keeps Cosmos data through a crash: the whole stack — the stack process
// and its helper processes — is killed with SIGKILL, started again on the same folder, and the data is there,
// ETags included.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestClient, uniqueEmail, waitFor } from '../../support/api.js';
import { isAlive, killTree } from '../../support/process-tree.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

let dataDir: string;
let stack: StackProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'stack-data-'));
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function killStack(s: StackProcess): Promise<void> {
  const pids = killTree(s.child.pid!);
  expect(pids.length).toBeGreaterThanOrEqual(3); // the stack, Azurite and the Cosmos emulator
  await waitFor(async () => pids.every((p) => !isAlive(p)), 'the killed processes to be gone');
}

describe('local stack persistence', () => {
  it('keeps every acknowledged Cosmos write through kill -9 of the stack and its children', async () => {
    stack = await startStackProcess(['--data-dir', dataDir]);
    let api = new TestClient(stack.info);
    const partner = await api.createPartner();
    const invited = await api.call('POST', '/partner/invitations', {
      token: partner.token,
      body: { customerEmail: uniqueEmail('customer'), partnerType: 'reseller' },
    });
    expect(invited.status).toBe(202);
    // The last write before the crash: an update whose answer the client received.
    const before = await api.get('/partner/profile', partner.token);
    const updated = await api.call('PUT', '/partner/profile', {
      token: partner.token,
      body: { ...withoutServerFields(before.body), description: 'Written just before the crash.' },
      headers: { 'if-match': before.headers.get('etag')! },
    });
    expect(updated.status).toBe(200);

    await killStack(stack);
    stack = await startStackProcess(['--data-dir', dataDir]);
    api = new TestClient(stack.info);
    // The new stack has a new signing key: a fresh token for the same tenant.
    const token = await api.partnerToken(partner.tenantId);

    const profile = await api.get('/partner/profile', token);
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual(updated.body);
    expect(profile.headers.get('etag')).toBe(updated.headers.get('etag'));
    const invitation = await api.get(`/partner/invitations/${invited.body.id}`, token);
    expect(invitation.status).toBe(200);
    expect(invitation.body.customerEmail).toBe(invited.body.customerEmail);
    expect(invitation.headers.get('etag')).toBeTruthy();

    // And it keeps working: a write after the restart survives the next crash too.
    const second = await api.call('POST', '/partner/invitations', {
      token,
      body: { customerEmail: uniqueEmail('customer'), partnerType: 'reseller' },
    });
    expect(second.status).toBe(202);
    await killStack(stack);
    stack = await startStackProcess(['--data-dir', dataDir]);
    api = new TestClient(stack.info);
    const list = await api.get('/partner/invitations', await api.partnerToken(partner.tenantId));
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual([invited.body.id, second.body.id].sort());
  }, 120_000);
});

/** The profile body as a client sends it back (without what the server adds). */
function withoutServerFields(profile: Record<string, unknown>): Record<string, unknown> {
  const { id, partnerTenantId, createdAt, updatedAt, ...rest } = profile;
  void id;
  void partnerTenantId;
  void createdAt;
  void updatedAt;
  return rest;
}
