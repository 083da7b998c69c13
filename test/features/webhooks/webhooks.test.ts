// Webhooks end to end on the local stack: the subscription endpoints, deliveries signed as Standard Webhooks verify
// with the `standardwebhooks` library's own `Webhook.verify`, one delivery per event id under a replayed audit job and
// a redelivered queue message, retries with back-off and the same webhook-id, and disabling with one email. Faults are
// injected into the stack's receiver (POST /.dev/webhook-faults), never into the code under test. The test stack
// retries after 1, 2, 4… s and disables after 4 failures in a row (test/support/stack-process.ts).
import { QueueClient } from '@azure/storage-queue';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { contactRequestBody, sharedStack, waitFor, type TestClient } from '../../support/api.js';
import { queuesDrained } from '../../support/cosmos-faults.js';
import { accept, decline, inviteAndReceive, newCustomer } from '../../support/invitations.js';

const api: TestClient = sharedStack();

interface Received {
  receiver: string;
  headers: Record<string, string>;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  rawBody: string;
  receivedAt: string;
  status: number;
}

const receiverUrl = (receiver: string) => `${api.stack.origin}/.dev/webhooks?receiver=${receiver}`;

async function received(receiver: string): Promise<Received[]> {
  const response = await fetch(`${api.stack.origin}/.dev/webhooks?receiver=${receiver}`);
  return (await response.json()) as Received[];
}

async function armFault(fault: { receiver: string; status: number; times?: number }): Promise<void> {
  const response = await fetch(`${api.stack.origin}/.dev/webhook-faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.status).toBe(204);
}

/** A partner with a webhook on its own receiver; returns the partner, the receiver's name and the secret. */
async function partnerWithWebhook(events: string[], profile: Record<string, unknown> = {}) {
  const partner = await api.createPartner(profile);
  const receiver = randomUUID().slice(0, 12);
  const created = await api.call('PUT', '/partner/webhook', {
    token: partner.token,
    body: { url: receiverUrl(receiver), events },
  });
  expect(created.status).toBe(201);
  return { partner, receiver, secret: created.body.secret as string };
}

/** Verifies one received request with the library a receiver would use; throws when the signature does not hold. */
const verify = (secret: string, r: Received) => new Webhook(secret).verify(r.rawBody, r.headers);

const sendToQueue = async (queue: string, message: unknown) =>
  new QueueClient(api.stack.settings.QueueStorage!, queue).sendMessage(
    Buffer.from(JSON.stringify(message), 'utf8').toString('base64'),
  );

describe('PUT/GET/DELETE /partner/webhook', () => {
  it('answers the secret once, keeps it on a later PUT unless rotated, and never shows it on GET', async () => {
    const partner = await api.createPartner();
    expect((await api.get('/partner/webhook', partner.token)).status).toBe(404);
    const url = receiverUrl(randomUUID().slice(0, 12));
    const created = await api.call('PUT', '/partner/webhook', { token: partner.token, body: { url, events: ['lead.created'] } });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.headers.get('location')).toBe('/api/partner/webhook');
    expect(created.body).toMatchObject({ url, events: ['lead.created'], status: 'enabled', failureCount: 0 });

    const read = await api.get('/partner/webhook', partner.token);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect(read.text).not.toContain(created.body.secret);
    expect(read.headers.get('etag')).toBe(created.headers.get('etag'));

    const changed = await api.call('PUT', '/partner/webhook', {
      token: partner.token,
      body: { url, events: ['lead.created', 'invitation.accepted'] },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.secret).toBeUndefined();
    expect(changed.body.events).toEqual(['lead.created', 'invitation.accepted']);
    expect(changed.body.id).toBe(created.body.id);

    const stale = await api.call('PUT', '/partner/webhook', {
      token: partner.token,
      body: { url, events: ['lead.created'] },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(stale.status).toBe(412);

    const rotated = await api.call('PUT', '/partner/webhook', {
      token: partner.token,
      body: { url, events: ['lead.created'], rotateSecret: true },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    const staleDelete = await api.call('DELETE', '/partner/webhook', {
      token: partner.token,
      headers: { 'if-match': changed.headers.get('etag')! },
    });
    expect(staleDelete.status).toBe(412);
    expect((await api.call('DELETE', '/partner/webhook', { token: partner.token })).status).toBe(204);
    expect((await api.get('/partner/webhook', partner.token)).status).toBe(404);
    expect((await api.call('DELETE', '/partner/webhook', { token: partner.token })).status).toBe(404);
  });

  it('refuses plain http to a host other than loopback, unknown events and repeated ones, changing nothing', async () => {
    const partner = await api.createPartner();
    const bad = [
      { url: 'http://hooks.example.com/x', events: ['lead.created'] },
      { url: 'https://user:pw@hooks.example.com/x', events: ['lead.created'] },
      { url: 'ftp://hooks.example.com/x', events: ['lead.created'] },
      { url: 'https://hooks.example.com/x', events: ['lead.deleted'] },
      { url: 'https://hooks.example.com/x', events: [] },
      { url: 'https://hooks.example.com/x', events: ['lead.created', 'lead.created'] },
      { url: 'https://hooks.example.com/x', events: ['lead.created'], secret: 'whsec_mine' },
    ];
    for (const body of bad) {
      const response = await api.call('PUT', '/partner/webhook', { token: partner.token, body });
      expect([response.status, response.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    }
    const http = await api.call('PUT', '/partner/webhook', { token: partner.token, body: bad[0] });
    expect(http.body.code).toBe('webhook-url-not-allowed');
    expect(http.body.errors.url).toBeDefined();
    expect((await api.get('/partner/webhook', partner.token)).status).toBe(404);
  });

  it('answers 404 to another tenant and 403 to a sales agent', async () => {
    const { partner } = await partnerWithWebhook(['lead.created']);
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent']);
    expect((await api.get('/partner/webhook', sales)).status).toBe(403);
    const other = await api.createPartner();
    expect((await api.get('/partner/webhook', other.token)).status).toBe(404);
  });
});

describe('delivery', () => {
  it('delivers a new lead once, signed as Standard Webhooks (verified by the library), with a redelivered job and message changing nothing', async () => {
    const { partner, receiver, secret } = await partnerWithWebhook(['lead.created']);
    const lead = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    expect(lead.status).toBe(201);
    const [first] = await waitFor(async () => {
      const list = await received(receiver);
      return list.length > 0 ? list : undefined;
    }, 'the lead.created delivery');
    expect(verify(secret, first!)).toMatchObject({ type: 'lead.created' });
    expect(first!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(first!.headers['content-type']).toBe('application/json');
    expect(first!.body.data).toMatchObject({ partnerId: partner.id, subject: { type: 'contactRequest', id: lead.body.id } });
    // No personal data of the customer in the event.
    expect(first!.rawBody).not.toContain('Martin');
    expect(() => verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, first!)).toThrow();

    // The audit job of the lead, replayed (as the outbox sweeper or the queue may do), twice, and the delivery's first
    // attempt message handed over again after its success.
    const audit = await api.get('/partner/audit-events?pageSize=100', partner.token);
    const event = (audit.body.items as { id: string; action: string }[]).find((e) => e.action === 'contactRequest.created')!;
    const { id: eventId, ...rest } = event as unknown as Record<string, unknown> & { id: string };
    const job = { id: `audit_${eventId}`, kind: 'auditEvents', events: [{ eventId, ...rest, tenants: [partner.tenantId] }] };
    await sendToQueue('audit-events', job);
    await sendToQueue('audit-events', job);
    const webhookId = first!.headers['webhook-id']!;
    await sendToQueue('webhook-deliveries', {
      id: `${webhookId}_1`,
      kind: 'webhookAttempt',
      partnerId: partner.id,
      webhookId,
      attempt: 1,
    });
    await queuesDrained(api.stack);
    const all = await received(receiver);
    expect(all.map((r) => r.headers['webhook-id'])).toEqual([webhookId]);

    const shown = await api.get('/partner/webhook', partner.token);
    expect(shown.body).toMatchObject({
      status: 'enabled',
      failureCount: 0,
      lastDelivery: { webhookId, eventType: 'lead.created', outcome: 'delivered', httpStatus: 204 },
    });
  });

  it('raises invitation.accepted and invitation.declined for the inviting partner only, per its event list', async () => {
    const { partner, receiver, secret } = await partnerWithWebhook(['invitation.accepted', 'invitation.declined']);
    const [yes, no] = await Promise.all([newCustomer(api), newCustomer(api)]);
    const invited = await inviteAndReceive(api, partner, { customerEmail: yes.email, partnerType: 'reseller' });
    expect((await accept(api, yes, invited.link)).status).toBe(200);
    const refused = await inviteAndReceive(api, partner, { customerEmail: no.email, partnerType: 'reseller' });
    expect((await decline(api, no, refused.link)).status).toBe(200);
    // A lead is not subscribed to: no delivery for it.
    await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    await queuesDrained(api.stack);
    const list = await received(receiver);
    const events = list.map((r) => verify(secret, r) as Received['body']);
    expect(events.map((e) => e.type).sort()).toEqual(['invitation.accepted', 'invitation.declined']);
    const acceptedEvent = events.find((e) => e.type === 'invitation.accepted')!;
    expect(acceptedEvent.data).toMatchObject({
      partnerId: partner.id,
      customerTenantId: yes.tenantId,
      subject: { type: 'invitation', id: invited.link.invitationId },
    });
  });

  it('retries a failing receiver with back-off and the same webhook-id until it answers', async () => {
    const { partner, receiver, secret } = await partnerWithWebhook(['lead.created']);
    await armFault({ receiver, status: 503, times: 2 });
    await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    const attempts = await waitFor(async () => {
      const list = await received(receiver);
      return list.some((r) => r.status === 204) ? list : undefined;
    }, 'the delivery after two failures');
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 204]);
    expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // Each attempt is signed for its own time and verifies; the body is the same bytes every time.
    for (const attempt of attempts) expect(verify(secret, attempt)).toMatchObject({ type: 'lead.created' });
    expect(new Set(attempts.map((r) => r.rawBody)).size).toBe(1);
    // The queue hid each retry for its back-off (1 s, then 2 s; Azurite counts whole seconds, hence the slack).
    const at = attempts.map((r) => Date.parse(r.receivedAt));
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1000);
    await queuesDrained(api.stack);
    expect(await received(receiver)).toHaveLength(3);
    expect((await api.get('/partner/webhook', partner.token)).body).toMatchObject({ status: 'enabled', failureCount: 0 });
  });

  it('disables a receiver that keeps failing, emails the partner once in its language, and delivers nothing more', async () => {
    const { partner, receiver } = await partnerWithWebhook(['lead.created'], { preferredLanguage: 'fr' });
    await armFault({ receiver, status: 500 });
    await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    const disabled = await waitFor(async () => {
      const shown = await api.get('/partner/webhook', partner.token);
      return shown.body.status === 'disabled' ? shown.body : undefined;
    }, 'the webhook disabled');
    expect(disabled).toMatchObject({
      failureCount: 4,
      disabledReason: 'failures',
      lastDelivery: { outcome: 'failed', httpStatus: 500 },
    });
    // Another event while disabled is not delivered.
    await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    await queuesDrained(api.stack);
    const attempts = await received(receiver);
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 500, 500]);
    expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const notices = (await api.emails(partner.contactEmail)).filter((e) => /webhook/i.test(e.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain('votre webhook a été désactivé');
    expect(notices[0]!.text).toContain(receiverUrl(receiver));

    // Saving it again enables it, with a fresh run.
    const again = await api.call('PUT', '/partner/webhook', {
      token: partner.token,
      body: { url: receiverUrl(receiver), events: ['lead.created'] },
    });
    expect(again.body).toMatchObject({ status: 'enabled', failureCount: 0 });
    expect(again.body.disabledAt).toBeUndefined();
  });

  it('disables at once on 410 Gone', async () => {
    const { partner, receiver } = await partnerWithWebhook(['lead.created']);
    await armFault({ receiver, status: 410 });
    await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    const disabled = await waitFor(async () => {
      const shown = await api.get('/partner/webhook', partner.token);
      return shown.body.status === 'disabled' ? shown.body : undefined;
    }, 'the webhook disabled');
    expect(disabled).toMatchObject({ failureCount: 1, disabledReason: 'gone' });
    await queuesDrained(api.stack);
    expect(await received(receiver)).toHaveLength(1);
    const notices = await waitFor(async () => {
      const list = (await api.emails(partner.contactEmail)).filter((e) => /webhook/i.test(e.subject));
      return list.length > 0 ? list : undefined;
    }, 'the disabled notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('410');
  });
});
