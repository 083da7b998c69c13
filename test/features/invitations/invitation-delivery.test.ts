// Exactly one invitation email whatever goes wrong: duplicate queue delivery, a crash after ACS accepted the email,
// ACS 429 with Retry-After, ACS 5xx, the poison queue, and a crash before the job was enqueued (outbox sweeper).
// Faults are injected into the email sink and the stores, never into the code under test. This file runs its own
// stack so that "the queues are drained" is something it can observe.
import { CosmosClient, type Container, type JSONObject } from '@azure/cosmos';
import { QueueServiceClient } from '@azure/storage-queue';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TestClient, uniqueEmail, waitFor } from '../../support/api.js';
import { accept, inviteAndReceive, newCustomer, review, waitForInvitationEmail } from '../../support/invitations.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

let stack: StackProcess;
let api: TestClient;
let partnerData: Container;
let queues: QueueServiceClient;

beforeAll(async () => {
  stack = await startStackProcess();
  api = new TestClient(stack.info);
  const settings = stack.info.settings;
  const cosmos = new CosmosClient({
    endpoint: settings.COSMOS_ENDPOINT!,
    key: settings.COSMOS_KEY!,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  partnerData = cosmos.database(settings.COSMOS_DATABASE!).container('partner-data');
  queues = QueueServiceClient.fromConnectionString(settings.QueueStorage!);
});

afterAll(async () => {
  await stack?.stop();
});

const sendRaw = (queue: string, message: object) =>
  queues.getQueueClient(queue).sendMessage(Buffer.from(JSON.stringify(message), 'utf8').toString('base64'));

/** Every message of the app's queues handled (a message stays counted until its function finished with it). */
async function queuesDrained(): Promise<void> {
  await waitFor(async () => {
    for (const name of ['email-jobs', 'relationship-jobs', 'audit-events']) {
      const { approximateMessagesCount } = await queues.getQueueClient(name).getProperties();
      if (approximateMessagesCount !== 0) return false;
    }
    return true;
  }, 'drained queues');
}

const invitationPath = (id: string) => `/partner/invitations/${id}`;

async function waitForEmailStatus(token: string, id: string, status: string, timeoutMs = 15_000) {
  return waitFor(
    async () => {
      const r = await api.get(invitationPath(id), token);
      return r.body.emailStatus === status ? r : undefined;
    },
    `emailStatus ${status}`,
    timeoutMs,
  );
}

describe('invitation email delivery', () => {
  it('checks that the drained-queue probe sees in-flight messages (so the checks below are meaningful)', async () => {
    const client = queues.getQueueClient('drain-probe');
    await client.createIfNotExists();
    await client.sendMessage('x');
    await client.receiveMessages({ numberOfMessages: 1, visibilityTimeout: 30 });
    expect((await client.getProperties()).approximateMessagesCount).toBe(1);
    await client.delete();
  });

  it('sends one email when the queue delivers the same job twice more (sent-ledger)', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('dup');
    const { link, invitation } = await inviteAndReceive(api, partner, { customerEmail, partnerType: 'reseller' });
    await waitForEmailStatus(partner.token, invitation.id, 'sent');
    const job = {
      id: `invite_${invitation.id}_1`,
      kind: 'invitation',
      partnerId: partner.id,
      invitationId: invitation.id,
      codeGeneration: 1,
      code: link.code,
    };
    await Promise.all([sendRaw('email-jobs', job), sendRaw('email-jobs', { ...job, attempt: 0 })]);
    await queuesDrained();
    expect(await api.emails(customerEmail)).toHaveLength(1);
  });

  it('sends one acceptance confirmation and one partner notice when their jobs are delivered twice more', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      partnerType: 'reseller',
      locale: 'fr',
    });
    expect((await accept(api, customer, link)).status).toBe(200);
    await waitFor(async () => (await api.emails(customer.email)).length === 2, 'the confirmation');
    for (const [id, kind] of [
      [`inv-accept-confirm_${link.invitationId}`, 'acceptanceConfirmation'],
      [`inv-accepted_${link.invitationId}`, 'invitationAccepted'],
    ] as const) {
      const job = { id, kind, partnerId: partner.id, invitationId: link.invitationId };
      await Promise.all([sendRaw('email-jobs', job), sendRaw('email-jobs', job)]);
    }
    await queuesDrained();
    const toCustomer = (await api.emails(customer.email)).map((e) => e.subject);
    expect(toCustomer.filter((s) => s.startsWith('Vous avez autorisé'))).toEqual([
      `Vous avez autorisé ${partner.name} (« Revendeur »)`,
    ]);
    expect(toCustomer).toHaveLength(2);
    expect((await api.emails(partner.contactEmail)).filter((e) => /accepted your invitation/.test(e.subject))).toHaveLength(1);
  });

  it('sends one email when ACS accepted it but the answer was lost (deterministic operationId), then records it sent', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('lost');
    await api.addEmailFault({ to: customerEmail, kind: 'acceptThenFail', times: 1 });
    const { invitation } = await inviteAndReceive(api, partner, { customerEmail, partnerType: 'reseller' });
    await waitForEmailStatus(partner.token, invitation.id, 'sent');
    await queuesDrained();
    expect(await api.emails(customerEmail)).toHaveLength(1);
  });

  it('honours ACS 429 Retry-After (in the SDK, then by re-queueing with a delay) and sends one email', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('throttled');
    // Three 429s: the SDK's two retries wait Retry-After each, then the job goes back to the queue delayed by it.
    await api.addEmailFault({ to: customerEmail, kind: 'status', status: 429, retryAfterSeconds: 1, times: 3 });
    const created = await api.call('POST', '/partner/invitations', {
      token: partner.token,
      body: { customerEmail, partnerType: 'reseller' },
    });
    expect(created.status).toBe(202);
    const { email } = await waitForInvitationEmail(api, customerEmail);
    expect(Date.parse(email.receivedAt) - Date.parse(created.body.createdAt)).toBeGreaterThanOrEqual(3000);
    await waitForEmailStatus(partner.token, created.body.id, 'sent');
    await queuesDrained();
    expect(await api.emails(customerEmail)).toHaveLength(1);
  });

  it('retries ACS 5xx (in the SDK and through the queue) and sends one email', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('unavailable');
    await api.addEmailFault({ to: customerEmail, kind: 'status', status: 503, times: 4 });
    const { invitation } = await inviteAndReceive(api, partner, { customerEmail, partnerType: 'reseller' });
    await waitForEmailStatus(partner.token, invitation.id, 'sent');
    await queuesDrained();
    expect(await api.emails(customerEmail)).toHaveLength(1);
  });

  it('after maxDequeueCount failures the job is poison: emailStatus "failed"; the partner resends and one email arrives', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('poison');
    // 400 is not retried by the SDK: each of the 5 deliveries fails once, then the host parks the job in the poison queue.
    await api.addEmailFault({ to: customerEmail, kind: 'status', status: 400, times: 5 });
    const created = await api.call('POST', '/partner/invitations', {
      token: partner.token,
      body: { customerEmail, partnerType: 'reseller' },
    });
    const failed = await waitForEmailStatus(partner.token, created.body.id, 'failed', 90_000);
    expect(failed.body.status).toBe('pending');
    expect(await api.emails(customerEmail)).toHaveLength(0);
    const listed = await api.get('/partner/invitations', partner.token);
    expect(listed.body.items[0]).toMatchObject({ id: created.body.id, emailStatus: 'failed' });

    const resent = await api.call('POST', `/partner/invitations/${created.body.id}/resend`, { token: partner.token });
    expect(resent.status).toBe(202);
    expect(resent.body.emailStatus).toBe('queued');
    const { link } = await waitForInvitationEmail(api, customerEmail);
    expect(link.invitationId).toBe(created.body.id);
    await waitForEmailStatus(partner.token, created.body.id, 'sent');
    await queuesDrained();
    expect(await api.emails(customerEmail)).toHaveLength(1);
    const customer = await newCustomer(api);
    expect((await review(api, customer, link)).status).toBe(200);
    // Both delivery outcomes are in the partner's audit trail: the first generation failed, the second was sent.
    const events = await waitFor(async () => {
      const items = (await api.get('/partner/audit-events', partner.token)).body.items as { action: string; outcome: string }[];
      return items.some((e) => e.action === 'invitation.emailFailed') ? items : undefined;
    }, 'the emailFailed audit event');
    expect(events.filter((e) => e.action === 'invitation.emailFailed').map((e) => e.outcome)).toEqual(['failure']);
    expect(events.filter((e) => e.action === 'invitation.emailSent')).toHaveLength(1);
  }, 45_000);
});

describe('crash recovery through the outbox', () => {
  const code = () => randomBytes(32).toString('base64url');
  const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
  const longAgo = () => new Date(Date.now() - 10 * 60_000).toISOString(); // older than the outbox sweeper's grace

  function invitationDoc(
    partner: { id: string; tenantId: string },
    customerEmail: string,
    secret: string,
    overrides: Record<string, unknown> = {},
  ) {
    const createdAt = longAgo();
    return {
      id: `inv_${randomUUID().replaceAll('-', '')}`,
      type: 'invitation',
      partnerId: partner.id,
      partnerTenantId: partner.tenantId,
      customerEmail,
      partnerType: 'reseller',
      roles: [],
      status: 'pending',
      emailStatus: 'queued',
      codeHash: sha256(secret),
      codeGeneration: 1,
      createdAt,
      updatedAt: createdAt,
      expiresAt: new Date(Date.now() + 89 * 86_400_000).toISOString(),
      ...overrides,
    };
  }

  function outboxDoc(partnerId: string, queue: string, payload: JSONObject & { id: string }): JSONObject {
    return { id: `outbox_${payload.id}`, type: 'outbox', partnerId, queue, payload, createdAt: longAgo() };
  }

  /** What a request leaves behind when it dies after its Cosmos batch and before the queue send. */
  async function storeLeftInOutbox(partnerId: string, invitation: JSONObject & { id: string }, secret: string): Promise<void> {
    const job = {
      id: `invite_${invitation.id}_1`,
      kind: 'invitation',
      partnerId,
      invitationId: invitation.id,
      codeGeneration: 1,
      code: secret,
    };
    await partnerData.items.batch(
      [
        { operationType: 'Create', resourceBody: invitation },
        { operationType: 'Create', resourceBody: outboxDoc(partnerId, 'email-jobs', job) },
      ],
      partnerId,
    );
  }

  it('an invitation stored with its job but never enqueued (the request died) is emailed once by the sweeper', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('crashed');
    const secret = code();
    const invitation = invitationDoc(partner, customerEmail, secret);
    await storeLeftInOutbox(partner.id, invitation, secret);
    await api.runTimer('sweepOutbox');
    const { link } = await waitForInvitationEmail(api, customerEmail);
    expect(link).toMatchObject({ invitationId: invitation.id, code: secret });
    await waitForEmailStatus(partner.token, invitation.id, 'sent');
    await api.runTimer('sweepOutbox'); // nothing left to send: the outbox item was removed
    await queuesDrained();
    expect(await api.emails(customerEmail)).toHaveLength(1);
  });

  it('a job whose invitation was revoked before it ran sends nothing (its code is dead)', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('revoked-before-send');
    const secret = code();
    const invitation = invitationDoc(partner, customerEmail, secret, { status: 'revoked', revokedAt: longAgo() });
    await storeLeftInOutbox(partner.id, invitation, secret);
    await api.runTimer('sweepOutbox');
    await queuesDrained();
    expect(await api.emails(customerEmail)).toHaveLength(0);
  });

  it('an acceptance committed but never applied (the request died) is applied by the relationship job: agreement + grants', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const acceptedAt = longAgo();
    const invitation = invitationDoc(partner, customer.email, code(), {
      partnerType: 'gdap',
      roles: ['fe930be7-5e62-47db-91af-98c3a49a38b1'],
      durationDays: 20,
      autoExtend: false,
      status: 'accepted',
      acceptedAt,
      acceptedBy: { tenantId: customer.tenantId, userId: 'admin-1' },
      customerTenantId: customer.tenantId,
      agreementAccepted: { version: '2024-01', acceptedAt, userId: 'admin-1' },
    });
    const job = {
      id: `apply_${invitation.id}`,
      kind: 'applyAcceptedInvitation',
      partnerId: partner.id,
      invitationId: invitation.id,
    };
    await partnerData.items.batch(
      [
        { operationType: 'Create', resourceBody: invitation },
        { operationType: 'Create', resourceBody: outboxDoc(partner.id, 'relationship-jobs', job) },
      ],
      partner.id,
    );
    expect((await api.get(`/customer/partner-relationships/${partner.id}`, customer.token)).status).toBe(404);
    await api.runTimer('sweepOutbox');
    const relationship = await waitFor(async () => {
      const r = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
      return r.status === 200 ? r : undefined;
    }, 'relationship applied by the job');
    expect(relationship.body).toMatchObject({ partnerTypes: ['gdap'], agreement: { accepted: true, acceptedAt } });
    expect(relationship.body.roleGrants).toEqual([
      expect.objectContaining({
        roleName: 'User Administrator',
        grantedAt: acceptedAt,
        expiresAt: new Date(Date.parse(acceptedAt) + 20 * 86_400_000).toISOString(),
      }),
    ]);
    // A replay of the job changes nothing.
    await sendRaw('relationship-jobs', job);
    await queuesDrained();
    const again = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(again.body).toEqual(relationship.body);
    // And the tenant's next acceptance needs no agreement tick.
    const other = await api.createPartner();
    const { link } = await inviteAndReceive(api, other, {
      customerEmail: uniqueEmail('next'),
      customerTenantId: customer.tenantId,
      partnerType: 'isv',
    });
    expect((await accept(api, customer, link, false)).status).toBe(200);
  });
});
