// Windows Autopilot devices end to end: an OEM relationship (no roles) lets a partner register device
// hashes for a customer; a hash is registered once in the whole registry; the customer admin lists its devices.
import { randomBytes, randomUUID } from 'node:crypto';
import { sharedStack } from '../../support/api.js';
import { auditEvents } from '../../support/audit.js';
import { newCustomer, ROLE } from '../../support/invitations.js';
import { partnerWithCustomer, relate } from '../../support/relationships.js';
import { settled } from '../../support/cosmos-faults.js';

const api = sharedStack();

const newHash = () => randomBytes(3000).toString('base64');

const device = (hardwareHash = newHash(), overrides: Record<string, unknown> = {}) => ({
  hardwareHash,
  serialNumber: `SN-${randomUUID().slice(0, 8)}`,
  manufacturer: 'Contoso Devices',
  model: 'Contoso Book 14',
  ...overrides,
});

const register = (partner: { token: string }, customerTenantId: string, body: unknown, headers: Record<string, string> = {}) =>
  api.call('POST', `/partner/customers/${customerTenantId}/autopilot-devices`, { token: partner.token, body, headers });

/** The customer's device list, once the change feed has copied every registration so far into its view. */
const devicesOf = async (customer: { token: string }, query = '') => {
  await settled(api.stack);
  return api.get(`/customer/autopilot-devices${query}`, customer.token);
};

describe('Autopilot devices', () => {
  it('an OEM partner registers a device (201); the customer lists it; both tenants audit it', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'oem');
    const body = device();
    const registered = await register(partner, customer.tenantId, body);
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      id: expect.stringMatching(/^apd_/),
      customerTenantId: customer.tenantId,
      serialNumber: body.serialNumber,
      manufacturer: 'Contoso Devices',
      model: 'Contoso Book 14',
      registeredAt: expect.any(String),
      partner: { id: partner.id, name: partner.name },
    });
    // The relationship granted no roles: registering needs none.
    const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(relationship.body.roleGrants).toEqual([]);

    const list = await devicesOf(customer);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [registered.body], continuationToken: null });
    expect(list.text).not.toContain(body.hardwareHash.slice(0, 40));

    for (const tenant of [partner.tenantId, customer.tenantId]) {
      const events = await auditEvents(api.stack, tenant, 'device.registered');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: { kind: 'partner', tenantId: partner.tenantId },
        target: { type: 'autopilotDevice', id: registered.body.id },
      });
    }
  });

  it('refuses a hash registered already — the same bytes however written, by anyone, for any customer (409)', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'oem');
    const hash = newHash();
    expect((await register(partner, customer.tenantId, device(hash))).status).toBe(201);

    // Wrapped in lines, with spaces, without its padding: the same hash.
    const unpadded = hash.replace(/=+$/, '');
    const wrapped = ` ${unpadded.match(/.{1,76}/g)!.join('\r\n')} `;
    const again = await register(partner, customer.tenantId, device(wrapped));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('device-exists');

    // Another OEM partner, for another customer: still the same device.
    const { partner: otherOem, customer: otherCustomer } = await partnerWithCustomer(api, 'oem');
    const elsewhere = await register(otherOem, otherCustomer.tenantId, device(hash));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('device-exists');
    expect(elsewhere.text).not.toContain(customer.tenantId);
    expect((await devicesOf(otherCustomer)).body.items).toEqual([]);
    expect((await devicesOf(customer)).body.items).toHaveLength(1);
    expect(await auditEvents(api.stack, otherOem.tenantId, 'device.registered')).toHaveLength(0);
  });

  it('base64 is case-sensitive: a hash differing only in case is another device', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'oem');
    const hash = `abcdEFGH${newHash()}`;
    const other = `ABCDefgh${hash.slice(8)}`;
    expect((await register(partner, customer.tenantId, device(hash))).status).toBe(201);
    expect((await register(partner, customer.tenantId, device(other))).status).toBe(201);
    expect((await devicesOf(customer)).body.items).toHaveLength(2);
  });

  it('two partners racing with the same hash: exactly one registers it', async () => {
    const [first, second] = await Promise.all([partnerWithCustomer(api, 'oem'), partnerWithCustomer(api, 'oem')]);
    const hash = newHash();
    const answers = await Promise.all([
      register(first.partner, first.customer.tenantId, device(hash)),
      register(second.partner, second.customer.tenantId, device(hash)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const lists = await Promise.all([devicesOf(first.customer), devicesOf(second.customer)]);
    expect(lists.map((l) => l.body.items.length).sort()).toEqual([0, 1]);
  });

  it.each([
    ['reseller', {}],
    ['mpsa', {}],
    ['gdap (admin roles do not stand in for OEM)', { roles: [ROLE.globalAdministrator], durationDays: 30 }],
  ])('a %s relationship may not register: 403 oem-relationship-required, nothing stored', async (label, extra) => {
    const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
    await relate(api, partner, customer, label.split(' ')[0]!, extra);
    const refused = await register(partner, customer.tenantId, device());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('oem-relationship-required');
    expect((await devicesOf(customer)).body.items).toEqual([]);
  });

  it('isolation: no relationship → 404; a terminated OEM relationship → 404; nothing stored', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'oem');
    const stranger = await api.createPartner();
    const refused = await register(stranger, customer.tenantId, device());
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('not-found');
    expect((await register(partner, randomUUID(), device())).status).toBe(404);

    const terminated = await api.call('POST', `/partner/customers/${customer.tenantId}/terminate`, { token: partner.token });
    expect(terminated.status).toBe(200);
    expect((await register(partner, customer.tenantId, device())).status).toBe(404);
    expect((await devicesOf(customer)).body.items).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a hash that is not base64', { hardwareHash: 'not*base64!' }],
    ['a hash too short', { hardwareHash: 'QUJD' }],
    ['a hash too long', { hardwareHash: 'A'.repeat(8196) }],
    ['no serial number', { serialNumber: '' }],
    ['a serial number too long', { serialNumber: 'S'.repeat(65) }],
    ['no model', { model: '   ' }],
    ['an unknown field', { color: 'blue' }],
  ])('validates the device: %s → 400', async (_what, overrides) => {
    const { partner, customer } = await partnerWithCustomer(api, 'oem');
    const refused = await register(partner, customer.tenantId, device(undefined, overrides));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation-failed');
    expect((await devicesOf(customer)).body.items).toEqual([]);
  });

  it('honours Idempotency-Key: a retried registration replays its 201 instead of a 409', async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'oem');
    const body = device();
    const key = { 'idempotency-key': randomUUID() };
    const first = await register(partner, customer.tenantId, body, key);
    const replay = await register(partner, customer.tenantId, body, key);
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await register(partner, customer.tenantId, body)).status).toBe(409);
  });

  it("the customer's list: paged newest first, its own devices only, customer admins only", async () => {
    const { partner, customer } = await partnerWithCustomer(api, 'oem');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await register(partner, customer.tenantId, device())).body.id);
    const first = await devicesOf(customer, '?pageSize=2');
    expect(first.body.items.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
    const second = await devicesOf(customer, `?pageSize=2&continuationToken=${first.body.continuationToken}`);
    expect(second.body.items.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
    expect(second.body.continuationToken).toBeNull();

    const other = await newCustomer(api);
    expect((await devicesOf(other)).body.items).toEqual([]);
    const helpdesk = await api.customerAdminToken(customer.tenantId, [ROLE.helpdeskAdministrator]);
    expect((await devicesOf({ token: helpdesk })).body.code).toBe('customer-admin-required');
    expect((await devicesOf({ token: partner.token })).status).toBe(403);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await api.get('/openapi.json');
    expect(doc.body.paths['/partner/customers/{customerTenantId}/autopilot-devices'].post.operationId).toBe(
      'registerAutopilotDevice',
    );
    expect(doc.body.paths['/customer/autopilot-devices'].get.operationId).toBe('listCustomerAutopilotDevices');
    expect(doc.body.components.schemas).toHaveProperty('AutopilotDevice');
  });
});
