// Queue and timer work behind "Contact me", on a stack of its own (it moves the clock): 14-day expiry, the outbox
// sweeper after a crash, a notice that keeps failing landing in the poison queue, the customer's emails under duplicate
// delivery, and the erasure of ended leads' contact details after the retention period.
import { CosmosClient } from '@azure/cosmos';
import { QueueClient } from '@azure/storage-queue';
import { contactRequestBody, TestClient, waitFor } from '../../support/api.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';
import { auditEvents } from '../../support/audit.js';

let stack: StackProcess;
let api: TestClient;

beforeAll(async () => {
  stack = await startStackProcess();
  api = new TestClient(stack.info);
});
afterAll(async () => {
  await stack?.stop();
});

describe('contact request expiry (timer)', () => {
  it('expires unanswered leads after 14 days, once, and leaves answered ones alone', async () => {
    const partner = await api.createPartner();
    const open = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    const answered = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    expect(
      (
        await api.call('PATCH', `/partner/contact-requests/${answered.body.id}`, {
          token: partner.token,
          body: { status: 'accepted' },
        })
      ).status,
    ).toBe(200);

    await api.setClock({ advanceSeconds: 13 * 86400 });
    await api.runTimer('expireContactRequests');
    let token = await api.partnerToken(partner.tenantId);
    expect((await api.get(`/partner/contact-requests/${open.body.id}`, token)).body.status).toBe('new');

    await api.setClock({ advanceSeconds: 2 * 86400 });
    await Promise.all([api.runTimer('expireContactRequests'), api.runTimer('expireContactRequests')]);
    token = await api.partnerToken(partner.tenantId);
    expect((await api.get(`/partner/contact-requests/${open.body.id}`, token)).body.status).toBe('expired');
    expect((await api.get(`/partner/contact-requests/${answered.body.id}`, token)).body.status).toBe('accepted');
    const moved = await api.call('PATCH', `/partner/contact-requests/${open.body.id}`, { token, body: { status: 'accepted' } });
    expect(moved.status).toBe(409);
  });
});

describe('outbox sweeper', () => {
  it('sends the notice of a lead whose request crashed after storing it but before enqueuing', async () => {
    const partner = await api.createPartner();
    const settings = stack.info.settings;
    const cosmos = new CosmosClient({
      endpoint: settings.COSMOS_ENDPOINT!,
      key: settings.COSMOS_KEY!,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const container = cosmos.database(settings.COSMOS_DATABASE!).container('partner-data');
    const now = (await api.setClock({ advanceSeconds: 0 })).getTime();
    const leadId = `lead_crashed${Date.now()}`;
    const createdAt = new Date(now - 10 * 60_000).toISOString(); // older than the sweeper's grace
    // What a request leaves behind when it dies between its Cosmos batch and the queue send.
    await container.items.create({
      ...contactRequestBody(),
      id: leadId,
      type: 'lead',
      partnerId: partner.id,
      status: 'new',
      notificationStatus: 'queued',
      createdAt,
      updatedAt: createdAt,
      expiresAt: new Date(now + 14 * 86400_000).toISOString(),
    });
    await container.items.create({
      id: `outbox_lead-notify_${leadId}`,
      type: 'outbox',
      partnerId: partner.id,
      queue: 'email-jobs',
      payload: { id: `lead-notify_${leadId}`, kind: 'leadNotification', partnerId: partner.id, leadId },
      createdAt,
    });
    expect(await api.emails(partner.contactEmail)).toHaveLength(0);

    await api.runTimer('sweepOutbox');
    await api.runTimer('sweepOutbox');
    const emails = await waitFor(async () => {
      const list = await api.emails(partner.contactEmail);
      return list.length > 0 ? list : undefined;
    }, 'swept email');
    const token = await api.partnerToken(partner.tenantId);
    await waitFor(
      async () => (await api.get(`/partner/contact-requests/${leadId}`, token)).body.notificationStatus === 'sent',
      'lead marked sent',
    );
    expect(emails).toHaveLength(1);
    const { resources } = await container.items
      .query({ query: 'SELECT * FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: `outbox_lead-notify_${leadId}` }] })
      .fetchAll();
    expect(resources).toHaveLength(0);
  });
});

describe('queue retries and poison', () => {
  it('retries a failing notice maxDequeueCount times, then parks it in the poison queue and marks the lead failed', async () => {
    const partner = await api.createPartner();
    await api.addEmailFault({ to: partner.contactEmail, kind: 'status', status: 400, times: 100 });
    const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    expect(created.status).toBe(201);
    const lead = await waitFor(
      async () => {
        const r = await api.get(`/partner/contact-requests/${created.body.id}`, await api.partnerToken(partner.tenantId));
        return r.body.notificationStatus === 'failed' ? r.body : undefined;
      },
      'notificationStatus failed',
      90_000,
      200,
    );
    expect(lead.status).toBe('new');
    expect(await api.emails(partner.contactEmail)).toHaveLength(0);
    // The job went through the email queue maxDequeueCount (5) times before the host moved it.
    expect(stack.output()).toMatch(/\[sendEmail\] message moved to email-jobs-poison/);
  });

  it('delivers one email when the same job is delivered twice', async () => {
    const partner = await api.createPartner();
    const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    await waitFor(async () => (await api.emails(partner.contactEmail)).length === 1, 'first email');
    const queue = new QueueClient(stack.info.settings.QueueStorage!, 'email-jobs');
    const job = {
      id: `lead-notify_${created.body.id}`,
      kind: 'leadNotification',
      partnerId: partner.id,
      leadId: created.body.id,
    };
    const text = Buffer.from(JSON.stringify(job)).toString('base64');
    await Promise.all([queue.sendMessage(text), queue.sendMessage(text)]);
    // Both redeliveries are processed, and the sent-ledger turns each into a no-op.
    const done = `jobId=lead-notify_${created.body.id} kind=leadNotification outcome=already-sent`;
    await waitFor(async () => stack.output().split(done).length - 1 === 2, 'both redeliveries processed');
    expect(await api.emails(partner.contactEmail)).toHaveLength(1);
  });
});

describe('the customer’s emails under duplicate delivery', () => {
  it('sends one receipt and one decline notice when their jobs are delivered twice more', async () => {
    const partner = await api.createPartner();
    const email = `dup-${Date.now()}@customer.test`;
    const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody(email) });
    const leadId = created.body.id as string;
    const declined = await api.call('PATCH', `/partner/contact-requests/${leadId}`, {
      token: partner.token,
      body: { status: 'declined', reason: 'Outside our region.' },
    });
    expect(declined.status).toBe(200);
    await waitFor(async () => (await api.emails(email)).length === 2, 'receipt and decline notice');

    const queue = new QueueClient(stack.info.settings.QueueStorage!, 'email-jobs');
    const again = async (id: string, kind: string) => {
      const text = Buffer.from(JSON.stringify({ id, kind, partnerId: partner.id, leadId })).toString('base64');
      await Promise.all([queue.sendMessage(text), queue.sendMessage(text)]);
      const done = `jobId=${id} kind=${kind} outcome=already-sent`;
      await waitFor(async () => stack.output().split(done).length - 1 === 2, `both redeliveries of ${kind} processed`);
    };
    await again(`lead-receipt_${leadId}`, 'leadReceipt');
    await again(`lead-declined_${leadId}`, 'leadDeclined');
    const subjects = (await api.emails(email)).map((e) => e.subject);
    expect(subjects).toEqual([`Your “Contact me” request to ${partner.name}`, `${partner.name} declined your contact request`]);
  });
});

describe('retention of ended leads’ contact details (timer)', () => {
  it('erases names, email and phone of leads ended 90 days ago, once, audited; the leads stay; open ones keep theirs', async () => {
    const partner = await api.createPartner();
    const create = async () =>
      (await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() })).body.id as string;
    const [declined, closed, open, expiring] = [await create(), await create(), await create(), await create()];
    let token = partner.token;
    const patch = (id: string, body: object) => api.call('PATCH', `/partner/contact-requests/${id}`, { token, body });
    expect((await patch(declined, { status: 'declined' })).status).toBe(200);
    expect((await patch(closed, { status: 'accepted' })).status).toBe(200);
    expect((await patch(closed, { status: 'closed', outcome: 'won' })).status).toBe(200);
    expect((await patch(open, { status: 'accepted' })).status).toBe(200);

    // Fifteen days on, the unanswered one expires (its retention runs from then).
    await api.setClock({ advanceSeconds: 15 * 86400 });
    await api.runTimer('expireContactRequests');
    await api.runTimer('eraseContactRequestDetails');
    token = await api.partnerToken(partner.tenantId);
    const read = async (id: string) => (await api.get(`/partner/contact-requests/${id}`, token)).body;
    expect((await read(expiring)).status).toBe('expired');
    for (const id of [declined, closed, open, expiring])
      expect([id, (await read(id)).contact?.email]).toEqual([id, expect.any(String)]);

    // 90 days after the first two ended: theirs go; the expired one (ended 15 days later) and the open one keep theirs.
    await api.setClock({ advanceSeconds: 76 * 86400 });
    await Promise.all([api.runTimer('eraseContactRequestDetails'), api.runTimer('eraseContactRequestDetails')]);
    token = await api.partnerToken(partner.tenantId);
    for (const id of [declined, closed]) {
      const lead = await read(id);
      expect(lead.contact).toBeUndefined();
      expect(lead.contactErasedAt).toBeDefined();
      expect(lead.organization.name).toBe('Contoso Retail');
      expect(JSON.stringify(lead)).not.toMatch(/Ana|Martin|@customer\.test|\+33/);
    }
    expect((await read(closed)).outcome).toBe('won');
    expect((await read(expiring)).contact).toBeDefined();
    expect((await read(open)).contact).toBeDefined();
    const listed = (await api.get('/partner/contact-requests?pageSize=10', token)).body.items as { id: string }[];
    expect(listed.map((l) => l.id).sort()).toEqual([declined, closed, open, expiring].sort());

    await api.setClock({ advanceSeconds: 15 * 86400 });
    await api.runTimer('eraseContactRequestDetails');
    token = await api.partnerToken(partner.tenantId);
    expect((await read(expiring)).contact).toBeUndefined();
    expect((await read(open)).contact).toBeDefined();

    const erasures = await auditEvents(stack.info, partner.tenantId, 'contactRequest.contactErased');
    expect(erasures.map((e) => e.target.id).sort()).toEqual([declined, closed, expiring].sort());
    expect(erasures.every((e) => e.actor.kind === 'system' && e.details?.retentionDays === 90)).toBe(true);
  });
});
