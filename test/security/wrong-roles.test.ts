// Wrong roles, on every signed-in endpoint of the contract list: partner endpoints refuse a token without the
// Partner.AdminAgent app role (a sales agent passes only where leads are), customer endpoints refuse a partner's token
// and a customer user who is neither Billing nor Global Administrator — with 403 and the stable code, and without
// changing anything. Accepting an invitation that grants admin roles needs more than a Billing Administrator
// (403 role-required-to-grant, for every role-granting partner type the catalog lists).
import { randomUUID } from 'node:crypto';
import { allContracts } from '../../shared/app/contracts.js';
import { wellKnownRoles } from '../../shared/features/catalog/roles.js';
import type { EndpointContract } from '../../shared/platform/http/endpoint.js';
import { sharedStack, uniqueEmail } from '../support/api.js';
import { accept, review, ROLE, waitForInvitationEmail } from '../support/invitations.js';
import { describeCall, inParallel, problemFinding, report, sideOf, Tally, validRequest } from './attack-surface.js';
import { buildWorld, differences, paramsOf, settledSnapshot, type Snapshot, type World } from './world.js';

const api = sharedStack();
const wrongRole = new Tally('wrong-role', 'wrong-role calls');
const grants = new Tally('grant', 'role-granting accepts by too weak a role');

let world: World;
let before: Snapshot;

beforeAll(async () => {
  world = await buildWorld(api);
  before = await settledSnapshot(api, world);
});
afterAll(() => report([wrongRole, grants]));

/** Partner endpoints a Partner.SalesAgent may use too: the leads ("Contact me" requests). Every other one needs AdminAgent. */
const openToSalesAgents = (c: EndpointContract) => c.route.startsWith('partner/contact-requests');

/**
 * Customer endpoints any signed-in user of the tenant may call, each with why. Every other customer endpoint needs a
 * Billing or Global Administrator: a new one that does not is a finding until it is listed here.
 */
const openToAnyCustomerUser: Record<string, string> = {
  getCustomerAdminCenterAccess: 'answers which Billing pages the caller’s own roles open (all closed without an admin role)',
};

interface Caller {
  name: string;
  claims: { tenantId: string; wids?: string[]; roles?: string[] };
  /** Passes the role check of lead endpoints (sales agents). */
  salesAgent?: boolean;
}

function partnerSideCallers(w: World): Caller[] {
  const tenantId = w.owner.partner.tenantId;
  return [
    { name: 'no app role', claims: { tenantId } },
    { name: 'Partner.SalesAgent', claims: { tenantId, roles: ['Partner.SalesAgent'] }, salesAgent: true },
    { name: 'app role in another case', claims: { tenantId, roles: ['partner.adminagent', 'PARTNER.ADMINAGENT'] } },
    { name: 'look-alike app roles', claims: { tenantId, roles: ['Partner.AdminAgent ', 'Partner.Admin', 'AdminAgent'] } },
    { name: 'app role in wids', claims: { tenantId, wids: ['Partner.AdminAgent'] } },
    {
      name: 'Global Administrator of the partner tenant',
      claims: { tenantId, wids: [wellKnownRoles.globalAdministrator] },
    },
  ];
}

function customerSideCallers(w: World): Caller[] {
  const tenantId = w.owner.customer.tenantId;
  return [
    { name: 'the partner’s own agent token', claims: { tenantId: w.owner.partner.tenantId, roles: ['Partner.AdminAgent'] } },
    {
      name: 'partner app roles in the customer tenant',
      claims: { tenantId, roles: ['Partner.AdminAgent', 'Partner.SalesAgent'] },
    },
    { name: 'no directory role', claims: { tenantId } },
    {
      name: 'Helpdesk, User and Privileged Role Administrator',
      claims: {
        tenantId,
        wids: [ROLE.helpdeskAdministrator, ROLE.userAdministrator, wellKnownRoles.privilegedRoleAdministrator],
      },
    },
    { name: 'Billing Administrator in roles, not wids', claims: { tenantId, roles: [wellKnownRoles.billingAdministrator] } },
    { name: 'a look-alike role id', claims: { tenantId, wids: [wellKnownRoles.billingAdministrator.replace(/e$/, 'f')] } },
  ];
}

const request = (contract: EndpointContract, w: World) =>
  validRequest(contract, paramsOf(w.owner), w.owner.pendingInvitation.code);

describe('wrong roles', () => {
  it('every partner endpoint refuses a token without Partner.AdminAgent (403 partner-role-required); a sales agent passes only on leads', async () => {
    const contracts = allContracts.filter((c) => sideOf(c) === 'partner');
    expect(contracts.length).toBeGreaterThan(10);
    const callers = partnerSideCallers(world);
    const tokens = await Promise.all(callers.map((c) => api.token({ ...c.claims, name: c.name })));
    await inParallel(
      contracts.flatMap((contract) =>
        callers.map((caller, i) => async () => {
          const r = request(contract, world);
          const allowed = caller.salesAgent === true && openToSalesAgents(contract);
          // Where the role check passes, a stale If-Match stops the change after it: the check is proven, nothing moves.
          const headers: Record<string, string> = allowed && contract.conditional ? { 'if-match': '"0-stale"' } : {};
          if (allowed && contract.method !== 'GET' && !contract.conditional) return;
          const answer = await api.call(contract.method, r.path, {
            token: tokens[i],
            headers,
            ...(r.body ? { body: r.body } : {}),
          });
          wrongRole.count();
          const what = `${describeCall(contract, r.path)} as ${caller.name}`;
          if (allowed) {
            wrongRole.check(what, problemFinding(answer, contract.method === 'GET' ? [200] : [412]));
            return;
          }
          if (!wrongRole.check(what, problemFinding(answer, [403]))) return;
          wrongRole.check(what, answer.body.code === 'partner-role-required' ? undefined : `code ${answer.body.code}`);
        }),
      ),
      4,
    );
    expect(wrongRole.findings).toEqual([]);
  });

  it('every customer endpoint refuses a partner token and a user who is neither Billing nor Global Administrator (403 customer-admin-required)', async () => {
    const contracts = allContracts.filter((c) => sideOf(c) === 'customer');
    expect(contracts.length).toBeGreaterThan(8);
    const callers = customerSideCallers(world);
    const tokens = await Promise.all(callers.map((c) => api.token({ ...c.claims, name: c.name })));
    await inParallel(
      contracts.flatMap((contract) =>
        callers.map((caller, i) => async () => {
          const r = request(contract, world);
          const answer = await api.call(contract.method, r.path, { token: tokens[i], ...(r.body ? { body: r.body } : {}) });
          wrongRole.count();
          const what = `${describeCall(contract, r.path)} as ${caller.name}`;
          if (contract.name in openToAnyCustomerUser) {
            if (!wrongRole.check(what, problemFinding(answer, [200]))) return;
            const pages = answer.body.pages as { available: boolean }[];
            wrongRole.check(what, pages.some((p) => p.available) ? 'opens a page to a user without an admin role' : undefined);
            return;
          }
          if (!wrongRole.check(what, problemFinding(answer, [403]))) return;
          wrongRole.check(what, answer.body.code === 'customer-admin-required' ? undefined : `code ${answer.body.code}`);
        }),
      ),
      4,
    );
    expect(wrongRole.findings).toEqual([]);
  });

  it('nothing the wrong roles tried changed anything', async () => {
    expect(differences(before, await settledSnapshot(api, world))).toEqual([]);
  });

  it('an invitation that grants roles is refused to a Billing Administrator (and one granting Global Administrator to a Privileged Role Administrator): 403 role-required-to-grant, still pending, nothing granted', async () => {
    const types = (await api.get('/partner-types')).body.items as { id: string; rolePolicy: string; fixedRoles: string[] }[];
    const roles = (await api.get('/roles')).body.items as { id: string; gdapAllowed: boolean }[];
    const granting = types.filter((t) => t.rolePolicy === 'fixed' || t.rolePolicy === 'requested');
    expect(granting.map((t) => t.id).sort()).toEqual(['advisor', 'gdap', 'userAccount']);
    const gdapRole = roles.find((r) => r.gdapAllowed && r.id !== wellKnownRoles.globalAdministrator)!.id;
    // Each granting type, and a requested set that includes Global Administrator where the type allows it.
    const cases = granting.flatMap((t) => {
      const body = (extra: Record<string, unknown>) => ({
        partnerType: t.id,
        ...(t.id === 'gdap' ? { durationDays: 30 } : {}),
        ...extra,
      });
      if (t.rolePolicy === 'fixed')
        return [{ type: t.id, body: body({}), grantsGlobalAdmin: t.fixedRoles.includes(wellKnownRoles.globalAdministrator) }];
      return [
        { type: t.id, body: body({ roles: [gdapRole] }), grantsGlobalAdmin: false },
        {
          type: `${t.id} with Global Administrator`,
          body: body({ roles: [wellKnownRoles.globalAdministrator] }),
          grantsGlobalAdmin: true,
        },
      ];
    });
    const partner = await api.createPartner();
    await inParallel(
      cases.map((c) => async () => {
        const customerTenantId = randomUUID();
        const customerEmail = uniqueEmail('grant');
        const created = await api.call('POST', '/partner/invitations', {
          token: partner.token,
          body: { customerEmail, customerTenantId, ...c.body },
        });
        if (created.status !== 202) {
          // GDAP refuses Global Administrator by policy: nothing to accept, and that refusal is the protection.
          const refusedByPolicy = c.type.startsWith('gdap with') && created.status === 400;
          grants.check(c.type, refusedByPolicy ? undefined : `invite: ${created.status} ${created.text}`);
          return;
        }
        const { link } = await waitForInvitationEmail(api, customerEmail, 1, created.body.id);
        const weak = [
          { name: 'Billing Administrator', wids: [wellKnownRoles.billingAdministrator] },
          ...(c.grantsGlobalAdmin
            ? [
                {
                  name: 'Privileged Role Administrator',
                  wids: [wellKnownRoles.billingAdministrator, wellKnownRoles.privilegedRoleAdministrator],
                },
              ]
            : []),
        ];
        for (const role of weak) {
          const token = await api.token({ tenantId: customerTenantId, wids: role.wids });
          const answer = await accept(api, { token }, link);
          grants.count();
          const what = `accept ${c.type} as ${role.name}`;
          if (!grants.check(what, problemFinding(answer, [403]))) continue;
          grants.check(what, answer.body.code === 'role-required-to-grant' ? undefined : `code ${answer.body.code}`);
          if (c.grantsGlobalAdmin)
            grants.check(what, /Global Administrator/.test(answer.body.detail) ? undefined : 'detail does not name the role');
          // Still pending and reviewable; no relationship, no agreement acceptance.
          grants.check(
            what,
            (await review(api, { token }, link)).body.agreement?.acceptedByTenant === false ? undefined : 'agreement recorded',
          );
          const relationship = await api.get(`/customer/partner-relationships/${partner.id}`, token);
          grants.check(what, relationship.status === 404 ? undefined : `relationship: ${relationship.status}`);
        }
        // The control: the role that may grant them does, so the 403s were about the role and nothing else.
        const globalAdmin = await api.token({ tenantId: customerTenantId, wids: [wellKnownRoles.globalAdministrator] });
        const byGlobalAdmin = await accept(api, { token: globalAdmin }, link);
        grants.check(`accept ${c.type} as Global Administrator`, problemFinding(byGlobalAdmin, [200]));
      }),
      3,
    );
    expect(grants.findings).toEqual([]);
    expect(grants.calls).toBeGreaterThanOrEqual(4);
  });
});
