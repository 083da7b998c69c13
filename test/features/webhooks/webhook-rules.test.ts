// The pure rules of webhooks: which audited action is which event, whose partner an event is (from the ids the event
// carries), which URLs are accepted, how retries back off, and the id that makes an event arrive once.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { isPublicAddress } from '../../../shared/platform/webhooks/public-address.js';
import { HttpWebhookSender } from '../../../shared/platform/webhooks/webhook-sender.js';
import {
  partnerOfEvent,
  retryDelaySeconds,
  MAX_RETRY_DELAY_SECONDS,
  webhookEventOf,
  webhookEventTypes,
  webhookMessageId,
  webhookUrlProblem,
} from '../../../shared/features/webhooks/webhook.js';
import { partnerIdForTenant } from '../../../shared/features/directory/partner-profile.js';
import { relationshipIdFor } from '../../../shared/features/relationships/relationship.js';
import type { AuditRecord } from '../../../shared/platform/audit/audit-log.js';
import { newWebhookSecret, signedHeaders } from '../../../shared/platform/webhooks/webhook-sender.js';

const record = (overrides: Partial<AuditRecord>): AuditRecord => ({
  eventId: 'evt_1',
  occurredAt: '2025-03-03T09:00:00.000Z',
  actor: { kind: 'system' },
  action: 'grant.expired',
  target: { type: 'roleGrant', id: 'grant_1' },
  outcome: 'success',
  correlationId: 'cid-1',
  tenants: [],
  ...overrides,
});

describe('events', () => {
  it('maps each of the eight events from exactly one audited action, and nothing else', () => {
    const actions = [
      'contactRequest.created',
      'invitation.accepted',
      'invitation.declined',
      'invitation.expired',
      'relationship.rolesRemoved',
      'grant.expiryNoticeQueued',
      'grant.expired',
      'relationship.terminated',
    ];
    expect(actions.map(webhookEventOf).sort()).toEqual([...webhookEventTypes].sort());
    for (const other of ['invitation.created', 'grant.removed', 'grant.extended', 'webhook.disabled', 'toString', '__proto__'])
      expect(webhookEventOf(other)).toBeUndefined();
  });

  it('finds the partner of a relationship or grant event among its tenants, whichever order they come in', () => {
    const partnerTenant = randomUUID();
    const customerTenant = randomUUID();
    const partnerId = partnerIdForTenant(partnerTenant);
    const relationshipId = relationshipIdFor(partnerId, customerTenant);
    for (const tenants of [
      [partnerTenant, customerTenant],
      [customerTenant, partnerTenant],
    ]) {
      expect(partnerOfEvent(record({ target: { type: 'relationship', id: relationshipId }, tenants }))).toEqual({
        partnerId,
        customerTenantId: customerTenant,
      });
      expect(partnerOfEvent(record({ details: { relationshipId }, tenants }))).toEqual({
        partnerId,
        customerTenantId: customerTenant,
      });
    }
    // A tenant that is a partner elsewhere but not in this relationship is never taken for its partner.
    expect(partnerOfEvent(record({ details: { relationshipId }, tenants: [randomUUID(), customerTenant] }))).toBeUndefined();
  });

  it('reads the partner of an invitation from its id and of a lead from its details', () => {
    const partnerTenant = randomUUID();
    const partnerId = partnerIdForTenant(partnerTenant);
    const customer = randomUUID();
    expect(
      partnerOfEvent(
        record({ target: { type: 'invitation', id: `inv_${partnerId}_${'a'.repeat(32)}` }, tenants: [partnerTenant, customer] }),
      ),
    ).toEqual({ partnerId, customerTenantId: customer });
    expect(
      partnerOfEvent(
        record({ target: { type: 'contactRequest', id: 'lead_1' }, details: { partnerId }, tenants: [partnerTenant] }),
      ),
    ).toEqual({
      partnerId,
    });
    expect(partnerOfEvent(record({ target: { type: 'invitation', id: 'not-an-invitation-id' } }))).toBeUndefined();
  });

  it('gives one webhook-id per event and subscription', () => {
    expect(webhookMessageId('evt_1', 'whk_a')).toBe(webhookMessageId('evt_1', 'whk_a'));
    expect(webhookMessageId('evt_1', 'whk_a')).not.toBe(webhookMessageId('evt_2', 'whk_a'));
    expect(webhookMessageId('evt_1', 'whk_a')).not.toBe(webhookMessageId('evt_1', 'whk_b'));
    expect(webhookMessageId('evt_1', 'whk_a')).toMatch(/^msg_[0-9a-f]{32}$/);
  });
});

describe('URLs', () => {
  it('accepts https, and plain http to loopback only when allowed', () => {
    expect(webhookUrlProblem('https://hooks.example.com/in?x=1', false)).toBeUndefined();
    expect(webhookUrlProblem('http://hooks.example.com/in', true)).toBeDefined();
    for (const loopback of ['http://127.0.0.1:7071/.dev/webhooks', 'http://localhost/x', 'http://[::1]:8080/x']) {
      expect(webhookUrlProblem(loopback, false)).toBeDefined();
      expect(webhookUrlProblem(loopback, true)).toBeUndefined();
    }
    // Not loopback though it reads like it.
    expect(webhookUrlProblem('http://127.0.0.1.example.com/x', true)).toBeDefined();
    expect(webhookUrlProblem('https://u:p@hooks.example.com/x', false)).toBeDefined();
    expect(webhookUrlProblem('https://hooks.example.com/x#frag', false)).toBeDefined();
  });

  it("refuses a URL naming the app's own network: private, loopback, link-local, metadata addresses", () => {
    for (const inside of [
      'https://10.1.2.3/x',
      'https://172.16.0.9/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/metadata/instance',
      'https://127.0.0.1/x',
      'https://0.0.0.0/x',
      'https://100.64.0.1/x',
      'https://[::1]/x',
      'https://[fd00::1]/x',
      'https://[fe80::1]/x',
      'https://[::ffff:10.0.0.1]/x',
      'https://localhost/x',
      'https://api.localhost/x',
    ]) {
      expect([inside, webhookUrlProblem(inside, false)]).toEqual([inside, 'must name a public host']);
    }
    expect(webhookUrlProblem('https://20.50.2.1/x', false)).toBeUndefined();
    expect(webhookUrlProblem('https://[2603:1030::1]/x', false)).toBeUndefined();
  });
});

describe('the address a delivery connects to', () => {
  it('is public, loopback only where allowed; anything else is refused before a byte is sent', () => {
    for (const inside of ['10.0.0.1', '169.254.169.254', '127.0.0.1', '::1', 'fd12::3', '::ffff:192.168.0.1', 'not an ip']) {
      expect([inside, isPublicAddress(inside)]).toEqual([inside, false]);
    }
    for (const outside of ['20.50.2.1', '8.8.8.8', '2603:1030::1'])
      expect([outside, isPublicAddress(outside)]).toEqual([outside, true]);
    expect(isPublicAddress('127.0.0.1', true)).toBe(true);
    expect(isPublicAddress('::1', true)).toBe(true);
    expect(isPublicAddress('10.0.0.1', true)).toBe(false);
  });

  it('a host name that resolves inside ends the attempt with an error, the receiver never called', async () => {
    let called = 0;
    const server = http.createServer((_req, res) => {
      called++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const request = { secret: newWebhookSecret(), messageId: 'msg_1', timestamp: new Date(), body: '{}' };
      // "localhost" is a name: it passes no literal check, and resolves to loopback when the delivery connects.
      const refused = await new HttpWebhookSender(5000, false).send({ ...request, url: `http://localhost:${port}/x` });
      expect(refused).toEqual({ error: expect.stringMatching(/not a public address/) });
      expect(called).toBe(0);
      // Where loopback is allowed (the local stack), the same delivery goes through: the check is what refused it.
      expect(await new HttpWebhookSender(5000, true).send({ ...request, url: `http://localhost:${port}/x` })).toEqual({
        status: 204,
      });
      expect(called).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('retries', () => {
  it('double from the base delay, capped', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a, 30))).toEqual([30, 60, 120, 240, 480]);
    expect(retryDelaySeconds(40, 30)).toBe(MAX_RETRY_DELAY_SECONDS);
  });
});

describe('signature', () => {
  it('is the Standard Webhooks one: the library verifies it, and refuses another body, id or secret', async () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    const body = JSON.stringify({ type: 'lead.created', timestamp: '2025-03-03T09:00:00.000Z', data: { partnerId: 'ptn_1' } });
    const headers = await signedHeaders({ secret, messageId: 'msg_1', timestamp: new Date(), body });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_2' })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });
});
