// Continuation tokens and tenant ids: a paging token is signed and bound to the caller and
// the query, so a tampered one, one issued to another caller, or one replayed with another filter or on another list is
// a 400 problem; a token's `tid` must be a GUID (401 otherwise), and is normalised once, so a tid in upper (or mixed)
// case acts as that very tenant — the same answers on every read, the same records on writes — never as another.
// Every list and every read comes from the contract list.
import { randomUUID } from 'node:crypto';
import { allContracts } from '../../shared/app/contracts.js';
import { wellKnownRoles } from '../../shared/features/catalog/roles.js';
import type { EndpointContract } from '../../shared/platform/http/endpoint.js';
import { contactRequestBody, partnerProfileBody, sharedStack, type ApiResponse } from '../support/api.js';
import { accept, inviteAndReceive, newCustomer, type TestCustomer, type TestPartner } from '../support/invitations.js';
import { settled } from '../support/cosmos-faults.js';
import { relate } from '../support/relationships.js';
import {
  apiPath,
  brief,
  describeCall,
  inParallel,
  problemFinding,
  report,
  routeParamNames,
  sideOf,
  Tally,
  tokenContracts,
  validBody,
  validQuery,
} from './attack-surface.js';

const api = sharedStack();
const paging = new Tally('paging', 'tampered, foreign or replayed continuation tokens');
const tids = new Tally('tid', 'calls with a tid that is not a GUID, or not in lower case');

afterAll(() => report([paging, tids]));

/** Lists: every endpoint whose query pages with a continuation token. */
const lists = allContracts.filter(
  (c) => c.method === 'GET' && c.query !== undefined && 'continuationToken' in (c.query as unknown as { shape: object }).shape,
);

interface Fixture {
  partner: TestPartner;
  otherPartner: TestPartner;
  customer: TestCustomer;
  otherCustomer: TestCustomer;
  /** A pending invitation bound to `customer`, for the review by an upper-case tid. */
  pending: { invitationId: string; code: string };
  leadId: string;
  roleTemplateId: string;
  operationId: string;
  /** A security group of `partner` (no assignment names it). */
  groupId: string;
}

let fx: Fixture;

/**
 * Two of everything for `partner` and `customer`, so every list has a second page at pageSize=1: two customers (one
 * with reseller and OEM, for orders and devices), two partners of the customer, two leads, pending invitations.
 */
beforeAll(async () => {
  const [partner, otherPartner, customer, otherCustomer] = await Promise.all([
    api.createPartner(),
    api.createPartner(),
    newCustomer(api),
    newCustomer(api),
  ]);
  await relate(api, partner, customer, 'reseller');
  await relate(api, partner, customer, 'oem');
  await Promise.all([
    relate(api, partner, otherCustomer, 'reseller'),
    relate(api, otherPartner, customer, 'reseller'),
    relate(api, otherPartner, otherCustomer, 'reseller'),
  ]);
  const leadIds: string[] = [];
  for (const i of [1, 2]) {
    const order = await api.call('POST', `/partner/customers/${customer.tenantId}/orders`, {
      token: partner.token,
      body: { offerId: `offer-${i}`, quantity: i },
    });
    const device = await api.call('POST', `/partner/customers/${customer.tenantId}/autopilot-devices`, {
      token: partner.token,
      body: {
        hardwareHash: Buffer.from(randomUUID() + randomUUID()).toString('base64'),
        serialNumber: `SN-${i}`,
        manufacturer: 'Contoso',
        model: 'One',
      },
    });
    const lead = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    if (order.status !== 201 || device.status !== 201 || lead.status !== 201)
      throw new Error('fixture: order, device or lead failed');
    leadIds.push(lead.body.id as string);
  }
  const templateIds: string[] = [];
  for (const name of ['Helpdesk', 'Users']) {
    const template = await api.call('POST', '/partner/role-templates', {
      token: partner.token,
      body: { name, partnerType: 'reseller' },
    });
    if (template.status !== 201) throw new Error(`fixture: role template failed: ${template.status}`);
    templateIds.push(template.body.id as string);
  }
  // A bulk operation of a tenant that is no customer: its one item fails, nothing else changes.
  const operation = await api.call('POST', '/partner/bulk-terminations', {
    token: partner.token,
    body: { customerTenantIds: [randomUUID()] },
  });
  if (operation.status !== 202) throw new Error(`fixture: bulk operation failed: ${operation.status}`);
  const { link } = await inviteAndReceive(api, partner, {
    customerEmail: customer.email,
    customerTenantId: customer.tenantId,
    partnerType: 'isv',
  });
  fx = {
    partner,
    otherPartner,
    customer,
    otherCustomer,
    pending: { invitationId: link.invitationId, code: link.code },
    leadId: leadIds[0]!,
    roleTemplateId: templateIds[0]!,
    operationId: operation.body.id as string,
    groupId: randomUUID(),
  };
});

const ownerToken = (c: EndpointContract) =>
  sideOf(c) === 'partner' ? fx.partner.token : sideOf(c) === 'customer' ? fx.customer.token : undefined;
const foreignToken = (c: EndpointContract) =>
  sideOf(c) === 'partner' ? fx.otherPartner.token : sideOf(c) === 'customer' ? fx.otherCustomer.token : undefined;
const paramsFor = (customerTenantId = fx.customer.tenantId) => ({
  customerTenantId,
  partnerId: fx.partner.id,
  invitationId: fx.pending.invitationId,
  contactRequestId: fx.leadId,
  roleTemplateId: fx.roleTemplateId,
  operationId: fx.operationId,
  // A group no assignment names: the lists answer empty, the reads 200.
  groupId: fx.groupId,
});

const listPath = (c: EndpointContract, extra: Record<string, string>, params = paramsFor()) =>
  apiPath(c, params, { ...validQuery(c), pageSize: '1', ...extra });

async function firstPageToken(c: EndpointContract): Promise<string> {
  const page = await api.call('GET', listPath(c, {}), { ...(ownerToken(c) ? { token: ownerToken(c) } : {}) });
  if (page.status !== 200 || !page.body.continuationToken) {
    throw new Error(`${c.name}: no second page to take a continuation token from (${brief(page)}): give the fixture data for it`);
  }
  return page.body.continuationToken as string;
}

/** The ids of every item of the owner's list (every page). */
async function allIds(c: EndpointContract, token: string): Promise<string[]> {
  const ids: string[] = [];
  let continuation: string | null = null;
  do {
    const page: ApiResponse = await api.call(
      'GET',
      apiPath(c, paramsFor(), {
        ...validQuery(c),
        pageSize: '100',
        ...(continuation ? { continuationToken: continuation } : {}),
      }),
      { token },
    );
    ids.push(...(page.body.items as { id: string }[]).map((i) => i.id));
    continuation = page.body.continuationToken as string | null;
  } while (continuation);
  return ids;
}

/** Variations of a token that the API did not issue. */
function tampered(token: string): [string, string][] {
  const flip = (s: string, i: number) => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
  const out: [string, string][] = [
    ['one character changed at the start', flip(token, 0)],
    ['one character changed in the middle', flip(token, Math.floor(token.length / 2))],
    ['one character changed at the end', flip(token, token.length - 1)],
    ['cut short', token.slice(0, Math.max(1, token.length - 4))],
    ['lengthened', `${token}AAAA`],
    ['an empty JSON object', Buffer.from('{}').toString('base64url')],
    ['a JSON array', Buffer.from('[]').toString('base64url')],
    [
      'a forged storage token',
      Buffer.from(JSON.stringify({ token: '+RID:~AAAAAAAAAAA=#RT:1#TRC:1', range: { min: '', max: 'FF' } })).toString(
        'base64url',
      ),
    ],
  ];
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    out.push([
      'decoded, re-encoded with a field added',
      Buffer.from(JSON.stringify({ ...(decoded as object), extra: 1 })).toString('base64url'),
    ]);
  } catch {
    // Not plain base64url JSON (a signed token may not be): the byte-level tampering above is enough.
  }
  return out;
}

function expect400(tally: Tally, what: string, answer: ApiResponse): void {
  if (!tally.check(what, problemFinding(answer, [400]))) return;
  tally.check(
    what,
    'continuationToken' in (answer.body.errors ?? {}) ? undefined : `does not name continuationToken: ${brief(answer)}`,
  );
}

describe('continuation tokens', () => {
  it('covers every list of the contract list, each with a second page', async () => {
    expect(lists.map((c) => c.name)).toEqual(
      expect.arrayContaining(['listInvitations', 'listOrders', 'listCustomerAuditEvents', 'searchPartners']),
    );
    for (const c of lists) {
      const token = await firstPageToken(c);
      const next = await api.call('GET', listPath(c, { continuationToken: token }), {
        ...(ownerToken(c) ? { token: ownerToken(c) } : {}),
      });
      expect(next.status).toBe(200); // the control: the genuine token works for its own caller and query
    }
  });

  it('refuses a tampered token with a 400 problem naming it', async () => {
    await inParallel(
      lists.flatMap((c) => [
        async () => {
          const token = await firstPageToken(c);
          for (const [name, bad] of tampered(token)) {
            const path = listPath(c, { continuationToken: bad });
            const answer = await api.call('GET', path, { ...(ownerToken(c) ? { token: ownerToken(c) } : {}) });
            paging.count();
            expect400(paging, `${describeCall(c, path.slice(0, 120))}: ${name}`, answer);
          }
        },
      ]),
      3,
    );
    expect(paging.findings).toEqual([]);
  });

  it('refuses a token issued to another caller of the same list', async () => {
    const findings = new Tally('foreign', '');
    for (const c of lists.filter((l) => sideOf(l) !== 'public')) {
      const token = await firstPageToken(c);
      // The other caller's own view of the list (for orders: its own customer), with the owner's token.
      const params = sideOf(c) === 'partner' ? paramsFor(fx.otherCustomer.tenantId) : paramsFor();
      const path = listPath(c, { continuationToken: token }, params);
      const answer = await api.call('GET', path, { token: foreignToken(c)! });
      paging.count();
      const what = `${describeCall(c, path.slice(0, 120))} by another tenant`;
      expect400(findings, what, answer);
      // Whatever the answer, it must never hold the owner's items: that would be a cross-tenant leak, not a hardening.
      const ownerIds = new Set(await allIds(c, ownerToken(c)!));
      const leaked = ((answer.body?.items ?? []) as { id?: string }[]).filter((i) => i.id !== undefined && ownerIds.has(i.id));
      findings.check(what, leaked.length === 0 ? undefined : `LEAK: answers the owner's ${leaked.map((i) => i.id).join(', ')}`);
    }
    paging.findings.push(...findings.findings);
    expect(findings.findings).toEqual([]);
  });

  it('refuses a token replayed with another filter, another path, or on another list of the same caller', async () => {
    const findings = new Tally('replay', '');
    for (const c of lists) {
      const token = await firstPageToken(c);
      const shape = (
        c.query as unknown as { shape: Record<string, { options?: string[]; unwrap?: () => { options?: string[] } }> }
      ).shape;
      // Another filter: the first value of an enum filter the query offers.
      for (const [key, schema] of Object.entries(shape)) {
        const options = schema.options ?? schema.unwrap?.().options;
        if (!options?.length) continue;
        const path = listPath(c, { continuationToken: token, [key]: options[0]! });
        paging.count();
        expect400(
          findings,
          `${describeCall(c, path.slice(0, 120))} with ${key}=${options[0]}`,
          await api.call('GET', path, { ...(ownerToken(c) ? { token: ownerToken(c) } : {}) }),
        );
      }
      // Another path: the same list for the partner's other customer.
      if (routeParamNames(c).includes('customerTenantId')) {
        const path = listPath(c, { continuationToken: token }, paramsFor(fx.otherCustomer.tenantId));
        paging.count();
        expect400(
          findings,
          `${describeCall(c, path.slice(0, 120))} for another customer`,
          await api.call('GET', path, { token: ownerToken(c)! }),
        );
      }
      // Another list of the same side.
      for (const other of lists.filter((l) => l !== c && sideOf(l) === sideOf(c))) {
        const path = listPath(other, { continuationToken: token });
        paging.count();
        expect400(
          findings,
          `${describeCall(other, path.slice(0, 120))} with ${c.name}'s token`,
          await api.call('GET', path, { ...(ownerToken(other) ? { token: ownerToken(other) } : {}) }),
        );
      }
    }
    paging.findings.push(...findings.findings);
    expect(findings.findings).toEqual([]);
  });
});

describe('tenant ids in tokens', () => {
  const NOT_GUIDS = [
    'not-a-guid',
    'contoso.onmicrosoft.com',
    '3f2b8c1e5d4a4b6f9e8d7c6b5a4f3e2d',
    '{3f2b8c1e-5d4a-4b6f-9e8d-7c6b5a4f3e2d}',
    '3f2b8c1e-5d4a-4b6f-9e8d-7c6b5a4f3e2g',
    ' 3f2b8c1e-5d4a-4b6f-9e8d-7c6b5a4f3e2d',
    '../../x',
  ];

  it('every token endpoint answers 401 to a token whose tid is not a GUID', async () => {
    const findings = new Tally('tid', '');
    const tokens = await Promise.all(
      NOT_GUIDS.map(async (tid) => ({
        tid,
        token: await api.token({ tenantId: tid, roles: ['Partner.AdminAgent'], wids: [wellKnownRoles.globalAdministrator] }),
      })),
    );
    await inParallel(
      tokenContracts.flatMap((c) =>
        tokens.map(({ tid, token }) => async () => {
          const body = validBody(c) as Record<string, unknown> | undefined;
          const path = apiPath(c, paramsFor(), validQuery(c, { code: fx.pending.code }));
          const answer = await api.call(c.method, path, { token, ...(body ? { body } : {}) });
          tids.count();
          const what = `${describeCall(c, path)} with tid ${JSON.stringify(tid)}`;
          if (!findings.check(what, problemFinding(answer, [401]))) return;
          findings.check(what, answer.body.code === 'invalid-token' ? undefined : `code ${answer.body.code}`);
        }),
      ),
      6,
    );
    tids.findings.push(...findings.findings);
    expect(findings.findings).toEqual([]);
  });

  /** The owner's token with its tid in `casing`: the same tenant, spelled differently. */
  const recased = (c: EndpointContract, casing: (s: string) => string) => {
    const customer = sideOf(c) === 'customer';
    const tenantId = casing(customer ? fx.customer.tenantId : fx.partner.tenantId);
    return customer
      ? api.token({ tenantId, wids: [wellKnownRoles.globalAdministrator], name: 'Customer admin' })
      : api.token({ tenantId, roles: ['Partner.AdminAgent'], name: 'Partner agent' });
  };
  const mixedCase = (s: string) => [...s].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch)).join('');

  it('a tid in upper or mixed case reads exactly what the tenant reads, on every signed-in read', async () => {
    const findings = new Tally('tid-case', '');
    const reads = tokenContracts.filter((c) => c.method === 'GET' && sideOf(c) !== 'public');
    for (const c of reads) {
      const path = apiPath(c, paramsFor(), validQuery(c, { code: fx.pending.code }));
      const strip = (a: ApiResponse) => JSON.stringify({ status: a.status, body: a.status < 400 ? a.body : a.body?.code });
      const canonical = await api.call('GET', path, { token: ownerToken(c)! });
      for (const [name, casing] of [
        ['upper case', (s: string) => s.toUpperCase()],
        ['mixed case', mixedCase],
      ] as const) {
        const answer = await api.call('GET', path, { token: await recased(c, casing) });
        tids.count();
        const what = `${describeCall(c, path)} with the tid in ${name}`;
        findings.check(
          what,
          strip(answer) === strip(canonical) ? undefined : `${brief(answer)} — the tenant itself reads ${brief(canonical)}`,
        );
      }
    }
    tids.findings.push(...findings.findings);
    expect(findings.findings).toEqual([]);
  });

  it('a tid in upper case writes as the tenant: the profile save updates the same profile, an acceptance lands on the same relationship and audit trail', async () => {
    const partner = await api.createPartner();
    const upperPartner = await api.token({ tenantId: partner.tenantId.toUpperCase(), roles: ['Partner.AdminAgent'] });
    const saved = await api.call('PUT', '/partner/profile', {
      token: upperPartner,
      body: { ...partnerProfileBody(partner.name, partner.contactEmail), description: 'Saved by an upper-case tid.' },
    });
    tids.count();
    expect(saved.status).toBe(200); // an update of the tenant's profile, not a second profile (201)
    expect(saved.body.id).toBe(partner.id);

    const customer = await newCustomer(api);
    const templateIds: string[] = [];
    for (const name of ['Helpdesk', 'Users']) {
      const template = await api.call('POST', '/partner/role-templates', {
        token: partner.token,
        body: { name, partnerType: 'reseller' },
      });
      if (template.status !== 201) throw new Error(`fixture: role template failed: ${template.status}`);
      templateIds.push(template.body.id as string);
    }
    // A bulk operation of a tenant that is no customer: its one item fails, nothing else changes.
    const operation = await api.call('POST', '/partner/bulk-terminations', {
      token: partner.token,
      body: { customerTenantIds: [randomUUID()] },
    });
    if (operation.status !== 202) throw new Error(`fixture: bulk operation failed: ${operation.status}`);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const upperCustomer = {
      token: await api.token({ tenantId: customer.tenantId.toUpperCase(), wids: [wellKnownRoles.globalAdministrator] }),
    };
    const accepted = await accept(api, upperCustomer, link);
    tids.count();
    expect(accepted.status).toBe(200);
    // The tenant, in the case it usually has, sees the relationship, the agreement and the audit events.
    const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(relationship.status).toBe(200);
    expect(relationship.body.id).toBe(accepted.body.id);
    expect((await api.get('/customer/agreements', customer.token)).body.accepted).toBe(true);
    // The audit events are written by the audit-events queue's job, off the request.
    await settled(api.stack);
    const audit = (await api.get('/customer/audit-events?pageSize=100', customer.token)).body.items as { action: string }[];
    expect(audit.map((e) => e.action)).toContain('invitation.accepted');
    const customers = (await api.get('/partner/customers?pageSize=100', partner.token)).body.items as {
      customerTenantId: string;
    }[];
    expect(customers.map((c) => c.customerTenantId)).toEqual([customer.tenantId]);
  });
});
