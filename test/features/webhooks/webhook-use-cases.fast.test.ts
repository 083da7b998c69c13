// Webhooks on in-memory ports: the subscription use cases, events raised from written audit events once per event id,
// and delivery attempts against a scripted receiver — retries queued with doubling delays, a success ending them, the
// disabling after the configured run of failures (with exactly one email job), 410 Gone, and a deleted webhook.
import { Webhook } from 'standardwebhooks';
import { raise, webhookAuditSubscriber } from '../../../shared/features/webhooks/webhook-events.js';
import {
  processWebhookAttempt,
  webhookAttemptJob,
  type WebhookDeliveryDeps,
} from '../../../shared/features/webhooks/webhook-delivery.js';
import { deleteWebhook, getWebhook, putWebhook } from '../../../shared/features/webhooks/webhook-use-cases.js';
import { auditRecord, type AuditRecord } from '../../../shared/platform/audit/audit-log.js';
import { SubscribedAuditLog } from '../../../shared/platform/audit/audit-subscribers.js';
import { Logger } from '../../../shared/platform/core/logger.js';
import { queues } from '../../../shared/platform/queue/queues.js';
import {
  signedHeaders,
  type WebhookAttemptOutcome,
  type WebhookRequest,
  type WebhookSender,
} from '../../../shared/platform/webhooks/webhook-sender.js';
import { InMemoryWebhookRepository } from '../../support/in-memory/webhook-repository.js';
import { CapturedLog, inMemoryWorld, partnerAgent, requestContext, seedPartner } from '../../support/in-memory/world.js';

/** A receiver that answers what the test scripts (204 once the script runs out), verifying every signature. */
class ScriptedReceiver implements WebhookSender {
  readonly requests: (WebhookRequest & { headers: Record<string, string> })[] = [];
  constructor(private readonly script: WebhookAttemptOutcome[] = []) {}
  async send(request: WebhookRequest): Promise<WebhookAttemptOutcome> {
    const headers = await signedHeaders(request);
    // The clock of the world is fixed in the past: verify against the signature only, not the age of the timestamp.
    const wh = new Webhook(request.secret);
    expect(wh.sign(headers['webhook-id']!, request.timestamp, request.body)).toBe(headers['webhook-signature']);
    this.requests.push({ ...request, headers });
    return this.script.shift() ?? { status: 204 };
  }
}

async function setup(script: WebhookAttemptOutcome[] = [], maxConsecutiveFailures = 3) {
  const world = inMemoryWorld();
  const webhooks = new InMemoryWebhookRepository(world.containers.partnerData);
  const receiver = new ScriptedReceiver(script);
  const deps = {
    ...world,
    webhooks,
    webhookSender: receiver,
    webhookSettings: { allowHttpLoopback: false, maxConsecutiveFailures, retryBaseSeconds: 30 },
  };
  const partner = await seedPartner(world);
  const principal = partnerAgent(partner.partnerTenantId);
  const saved = await putWebhook(
    deps,
    principal,
    { url: 'https://hooks.example.test/in', events: ['lead.created', 'invitation.declined'] },
    undefined,
    requestContext(principal),
  );
  const leadEvent = (eventId: string): AuditRecord =>
    auditRecord(
      {
        eventId,
        actor: { kind: 'public' },
        action: 'contactRequest.created',
        target: { type: 'contactRequest', id: `lead_${eventId}` },
        correlationId: 'cid',
        details: { partnerId: partner.id },
        tenants: [partner.partnerTenantId],
      },
      world.clock.now(),
    );
  /** Runs the newest queued attempt message not run yet, as the queue trigger would. */
  const attempts = () => world.queueSender.sent.filter((s) => s.queue === queues.webhookDeliveries);
  let ran = 0;
  const runNext = async () => {
    const next = attempts()[ran++]!;
    const result = await processWebhookAttempt(
      deps satisfies WebhookDeliveryDeps,
      webhookAttemptJob.parse(next.message),
      new Logger(new CapturedLog(), 'cid'),
    );
    await world.outbox.acknowledge(next.message);
    return result;
  };
  return { world, deps, partner, principal, saved, receiver, leadEvent, attempts, runNext };
}

describe('the webhook resource', () => {
  it('shows the secret once, keeps it unless rotated, and deletes with the audit events in the same batch', async () => {
    const { world, deps, partner, principal, saved } = await setup();
    expect(saved.created).toBe(true);
    expect(saved.value.secret).toMatch(/^whsec_/);
    const read = await getWebhook(deps, principal);
    expect(read.value).not.toHaveProperty('secret');
    const again = await putWebhook(
      deps,
      principal,
      { url: 'https://hooks.example.test/v2', events: ['lead.created'] },
      read.etag,
      requestContext(principal),
    );
    expect(again.value.secret).toBeUndefined();
    expect((await deps.webhooks.getSubscription(partner.id))!.value.secret).toBe(saved.value.secret);
    await deleteWebhook(deps, principal, undefined, requestContext(principal));
    await expect(getWebhook(deps, principal)).rejects.toMatchObject({ status: 404 });
    const audits = world.committedMessages({ partnerId: partner.id, queue: queues.auditEvents });
    expect(audits.map((m) => (m.payload.events as { action: string }[])[0]!.action)).toEqual([
      'webhook.created',
      'webhook.updated',
      'webhook.deleted',
    ]);
  });
});

describe('events from the audit trail', () => {
  it('creates one delivery per event id, whatever the replays, and none for events not subscribed to', async () => {
    const { world, deps, leadEvent, attempts } = await setup();
    const log = new SubscribedAuditLog(world.audit, world.clock, () => [webhookAuditSubscriber(deps)]);
    const event = leadEvent('evt_a');
    await log.write([event]);
    await log.write([event]);
    expect(await raise(deps, event)).toBe(false);
    await log.record({
      actor: { kind: 'system' },
      action: 'invitation.expired',
      target: { type: 'invitation', id: 'inv_x_1' },
      correlationId: 'c',
      tenants: [],
    });
    expect(attempts()).toHaveLength(1);
    expect(attempts()[0]!.message).toMatchObject({ kind: 'webhookAttempt', attempt: 1 });
  });
});

describe('delivery attempts', () => {
  it('retries after doubling delays with the same webhook-id and stops at the first success', async () => {
    const { deps, leadEvent, receiver, attempts, runNext, partner } = await setup([
      { status: 503 },
      { error: 'no answer within 5000 ms' },
    ]);
    await raise(deps, leadEvent('evt_b'));
    expect(await runNext()).toBe('retrying');
    expect(await runNext()).toBe('retrying');
    expect(await runNext()).toBe('delivered');
    expect(attempts().map((a) => a.delaySeconds)).toEqual([undefined, 30, 60]);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    const sub = (await deps.webhooks.getSubscription(partner.id))!.value;
    expect(sub).toMatchObject({ status: 'enabled', consecutiveFailures: 0, lastDelivery: { outcome: 'delivered' } });
    // The first attempt's message delivered again after the success: no second POST.
    const first = attempts()[0]!.message;
    expect(await processWebhookAttempt(deps, webhookAttemptJob.parse(first), new Logger(new CapturedLog(), 'c'))).toBe('skipped');
    expect(receiver.requests).toHaveLength(3);
  });

  it('disables the webhook after the run of failures, committing exactly one email job with it', async () => {
    const { world, deps, leadEvent, receiver, runNext, partner } = await setup([
      { status: 500 },
      { status: 500 },
      { status: 502 },
    ]);
    await raise(deps, leadEvent('evt_c'));
    expect(await runNext()).toBe('retrying');
    expect(await runNext()).toBe('retrying');
    expect(await runNext()).toBe('disabled');
    const sub = (await deps.webhooks.getSubscription(partner.id))!.value;
    expect(sub).toMatchObject({ status: 'disabled', disabledReason: 'failures', consecutiveFailures: 3 });
    const emails = world.committedMessages({ partnerId: partner.id, kind: 'webhookDisabled' });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.payload).toMatchObject({ subscriptionId: sub.subscriptionId, disabledAt: sub.disabledAt });
    // A new event while disabled is not raised.
    expect(await raise(deps, leadEvent('evt_d'))).toBe(false);
    expect(receiver.requests).toHaveLength(3);
  });

  it('a success between failures resets the run', async () => {
    const { deps, leadEvent, runNext, partner } = await setup([
      { status: 500 },
      { status: 500 },
      { status: 204 },
      { status: 500 },
    ]);
    await raise(deps, leadEvent('evt_e'));
    await raise(deps, leadEvent('evt_f'));
    expect(await runNext()).toBe('retrying'); // e: 1 failure
    expect(await runNext()).toBe('retrying'); // f: 2 failures
    expect(await runNext()).toBe('delivered'); // e's retry: run reset
    expect(await runNext()).toBe('retrying'); // f's retry: 1 failure
    expect((await deps.webhooks.getSubscription(partner.id))!.value).toMatchObject({ status: 'enabled', consecutiveFailures: 1 });
  });

  it('410 Gone disables at once', async () => {
    const { world, deps, leadEvent, runNext, partner } = await setup([{ status: 410 }]);
    await raise(deps, leadEvent('evt_g'));
    expect(await runNext()).toBe('disabled');
    expect((await deps.webhooks.getSubscription(partner.id))!.value).toMatchObject({
      status: 'disabled',
      disabledReason: 'gone',
    });
    expect(world.committedMessages({ partnerId: partner.id, kind: 'webhookDisabled' })).toHaveLength(1);
  });

  it('cancels what is still queued for a deleted webhook, sending nothing', async () => {
    const { deps, leadEvent, runNext, receiver, principal } = await setup();
    await raise(deps, leadEvent('evt_h'));
    await deleteWebhook(deps, principal, undefined, requestContext(principal));
    expect(await runNext()).toBe('cancelled');
    expect(receiver.requests).toHaveLength(0);
  });
});
