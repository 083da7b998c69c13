// Another tenant (BOLA): every route that names a resource — an invitation, a lead, a partner relationship, a customer
// tenant with its orders, devices and access — answers a second tenant's valid request for the owner's resource with
// 404, exactly as it answers an id that names nothing; what each side can list never shows the other's ids; and
// nothing the attacker tried changed anything the owner (or the attacker) can see.
import { randomUUID } from 'node:crypto';
import { allContracts } from '../../shared/app/contracts.js';
import type { EndpointContract } from '../../shared/platform/http/endpoint.js';
import { sharedStack, uniqueEmail, type ApiResponse } from '../support/api.js';
import { invite } from '../support/invitations.js';
import {
  brief,
  describeCall,
  inParallel,
  missingIdFor,
  problemFinding,
  report,
  routeParamNames,
  sideOf,
  Tally,
  validRequest,
} from './attack-surface.js';
import { buildWorld, differences, paramsOf, settledSnapshot, type Snapshot, type Tenants, type World } from './world.js';

const api = sharedStack();
const crossTenant = new Tally('cross-tenant', 'cross-tenant (BOLA) calls');
const leaks = new Tally('leaks', 'searches of one side’s lists for the other side’s ids');

let world: World;
let before: Snapshot;

beforeAll(async () => {
  world = await buildWorld(api);
  before = await settledSnapshot(api, world);
});
afterAll(() => report([crossTenant, leaks]));

/** Routes that name a resource of a signed-in side: the attack surface of this file. */
const resourceRoutes = allContracts.filter((c) => sideOf(c) !== 'public' && routeParamNames(c).length > 0);

const send = (
  contract: EndpointContract,
  token: string,
  r: { path: string; body: unknown },
  headers: Record<string, string> = {},
): Promise<ApiResponse> =>
  api.call(contract.method, r.path, { token, headers, ...(r.body !== undefined ? { body: r.body } : {}) });

const attackerOf = (contract: EndpointContract, t: Tenants) => (sideOf(contract) === 'partner' ? t.partner : t.customer);

describe('another tenant’s resources', () => {
  it('covers every resource route of the contract list', () => {
    // Guards the filter above: if it ever selected nothing, every check below would pass vacuously.
    expect(resourceRoutes.map((c) => c.name)).toEqual(
      expect.arrayContaining(['getInvitation', 'acceptInvitation', 'getContactRequest', 'listOrders', 'registerAutopilotDevice']),
    );
  });

  it('answers 404 — exactly like a missing id — to a second tenant naming the owner’s resource, with valid requests, the owner’s own invitation code, ids in upper case and If-Match: *', async () => {
    const ownerParams = paramsOf(world.owner);
    const code = world.owner.pendingInvitation.code;
    const upperCased = Object.fromEntries(Object.entries(ownerParams).map(([k, v]) => [k, v.toUpperCase()]));
    const variants: { name: string; params: Record<string, string>; headers: Record<string, string> }[] = [
      { name: 'as is', params: ownerParams, headers: {} },
      { name: 'upper case', params: upperCased, headers: {} },
      { name: 'If-Match *', params: ownerParams, headers: { 'if-match': '*' } },
    ];
    await inParallel(
      resourceRoutes.flatMap((contract) =>
        variants.map((variant) => async () => {
          const attacker = attackerOf(contract, world.other);
          const missingParams = Object.fromEntries(routeParamNames(contract).map((p) => [p, missingIdFor(p)]));
          const stolenRequest = validRequest(contract, variant.params, code);
          const stolen = await send(contract, attacker.token, stolenRequest, variant.headers);
          const missing = await send(contract, attacker.token, validRequest(contract, missingParams, code), variant.headers);
          crossTenant.count(2);
          const what = `${describeCall(contract, stolenRequest.path)} [${variant.name}]`;
          if (!crossTenant.check(what, problemFinding(stolen, [404]))) return;
          crossTenant.check(what, problemFinding(missing, [404]));
          const shape = (r: ApiResponse) => JSON.stringify({ status: r.status, code: r.body?.code, detail: r.body?.detail });
          if (shape(stolen) !== shape(missing)) {
            crossTenant.check(what, `differs from a missing id: ${brief(stolen)} vs ${brief(missing)}`);
          }
        }),
      ),
      4,
    );
    expect(crossTenant.findings).toEqual([]);
  });

  it('each side lists only its own: no list the other pair can read names an owner’s id, and the other way round', async () => {
    const after = await settledSnapshot(api, world);
    const idsOf = (t: World['owner'] | Tenants) => [
      t.partner.id,
      t.partner.tenantId,
      t.customer.tenantId,
      t.pendingInvitation.id,
      t.leadId,
      ...('orderId' in t ? [t.orderId, t.deviceId] : []),
    ];
    const scan = (reader: string, seen: unknown, foreignIds: string[]) => {
      const text = JSON.stringify(seen);
      for (const id of foreignIds) {
        leaks.count();
        leaks.check(reader, text.includes(id) ? `shows ${id}` : undefined);
      }
    };
    scan('the other pair', after.other, idsOf(world.owner));
    scan('the owner pair', after.owner, idsOf(world.other));
    expect(leaks.findings).toEqual([]);
    // Nothing the attacker tried changed what either side can read.
    expect(differences(before, after)).toEqual([]);
  });

  it('idempotency keys are per caller: another tenant reusing the owner’s key and body gets its own answer, never the owner’s', async () => {
    const [owner, attacker] = await Promise.all([api.createPartner(), api.createPartner()]);
    const key = randomUUID();
    const body = { customerEmail: uniqueEmail('idem'), partnerType: 'reseller' };
    const first = await invite(api, owner, body, { 'idempotency-key': key });
    const replay = await invite(api, attacker, body, { 'idempotency-key': key });
    crossTenant.count(2);
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.body.id).not.toBe(first.body.id);
    expect((await api.get(`/partner/invitations/${first.body.id}`, attacker.token)).status).toBe(404);
  });

  // Last, because it changes the owner's state: the very requests the attacker sent, sent by the owner, find the
  // resource — so the 404s above were about the tenant, not about a request that could never have worked.
  it('the same requests by the owner reach the resource (reads answer, conditional writes meet If-Match, others act or conflict)', async () => {
    const ownerParams = paramsOf(world.owner);
    const code = world.owner.pendingInvitation.code;
    const ordered = [...resourceRoutes].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
    const control = new Tally('control', 'owner calls');
    for (const contract of ordered) {
      const r = validRequest(contract, ownerParams, code);
      const answer = await send(
        contract,
        attackerOf(contract, world.owner).token,
        r,
        contract.conditional ? { 'if-match': '"0-stale"' } : {},
      );
      const expected = contract.method === 'GET' ? [200] : contract.conditional ? [412] : [200, 201, 202, 409];
      control.check(describeCall(contract, r.path), problemFinding(answer, expected));
    }
    expect(control.findings).toEqual([]);
  });
});
