// Changes to an active GDAP relationship over HTTP on the shared stack: the partner gives up Global Administrator
// (the other grants stay) and turns auto-extension on and off, with If-Match; the customer is emailed once per change
// in its invitation's language, and both sides' audit trails record it.
import { sharedStack, waitFor } from '../../support/api.js';
import { auditEvents } from '../../support/audit.js';
import { queuesDrained } from '../../support/cosmos-faults.js';
import { newCustomer, ROLE } from '../../support/invitations.js';
import { relate } from '../../support/relationships.js';

const api = sharedStack();

async function gdapWithGlobalAdmin() {
  const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
  await relate(api, partner, customer, 'gdap', {
    roles: [ROLE.globalAdministrator, ROLE.helpdeskAdministrator],
    durationDays: 90,
    locale: 'fr',
  });
  const view = await api.get(`/partner/customers/${customer.tenantId}`, partner.token);
  return { partner, customer, etag: view.headers.get('etag')! };
}

const patchGdap = (token: string, customerTenantId: string, body: unknown, headers: Record<string, string> = {}) =>
  api.call('PATCH', `/partner/customers/${customerTenantId}/gdap`, { token, body, headers });
const removeGlobalAdmin = (token: string, customerTenantId: string, headers: Record<string, string> = {}) =>
  api.call('POST', `/partner/customers/${customerTenantId}/gdap/remove-global-admin`, { token, headers });

/** The emails `to` received whose subject matches: once `atLeast` arrived and every queued job has run (no more come). */
async function emailsMatching(to: string, pattern: RegExp, atLeast: number) {
  const matching = async () => (await api.emails(to)).filter((e) => pattern.test(e.subject));
  await waitFor(async () => (await matching()).length >= atLeast, `${atLeast} email(s) to ${to} matching ${pattern}`);
  await queuesDrained(api.stack);
  return matching();
}

describe('changing an active GDAP relationship', () => {
  it('gives up Global Administrator alone (If-Match), then turns auto-extension on and off; the customer is told each time', async () => {
    const { partner, customer, etag } = await gdapWithGlobalAdmin();

    // Never auto-extend with Global Administrator in force.
    const refused = await patchGdap(partner.token, customer.tenantId, { autoExtend: true }, { 'if-match': etag });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('auto-extend-not-allowed');

    expect((await removeGlobalAdmin(partner.token, customer.tenantId, { 'if-match': '"stale"' })).status).toBe(412);
    const removed = await removeGlobalAdmin(partner.token, customer.tenantId, { 'if-match': etag });
    expect(removed.status).toBe(200);
    const grants = removed.body.roleGrants.map((g: { roleId: string; status: string }) => [g.roleId, g.status]);
    expect(grants).toEqual([
      [ROLE.globalAdministrator, 'removed'],
      [ROLE.helpdeskAdministrator, 'active'],
    ]);
    expect(removed.body.partnerTypes).toEqual(['gdap']);
    const removedEtag = removed.headers.get('etag')!;
    expect(removedEtag).not.toBe(etag);
    expect(removed.body.history.at(-1)).toMatchObject({ event: 'globalAdminRemoved' });
    const again = await removeGlobalAdmin(partner.token, customer.tenantId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('no-global-admin');

    // Now auto-extension is allowed; a stale ETag is refused.
    expect((await patchGdap(partner.token, customer.tenantId, { autoExtend: true }, { 'if-match': etag })).status).toBe(412);
    const on = await patchGdap(partner.token, customer.tenantId, { autoExtend: true }, { 'if-match': removedEtag });
    expect(on.status).toBe(200);
    const helpdesk = (r: typeof on) => r.body.roleGrants.find((g: { roleId: string }) => g.roleId === ROLE.helpdeskAdministrator);
    expect(helpdesk(on).autoExtend).toBe(true);
    // The same again changes nothing (same ETag, no email).
    const same = await patchGdap(partner.token, customer.tenantId, { autoExtend: true });
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe(on.headers.get('etag'));
    const off = await patchGdap(partner.token, customer.tenantId, { autoExtend: false }, { 'if-match': on.headers.get('etag')! });
    expect(off.status).toBe(200);
    expect(helpdesk(off).autoExtend).toBe(false);
    // The customer's view follows.
    const customerView = await api.get(`/customer/partner-relationships/${partner.id}`, customer.token);
    expect(customerView.body.roleGrants.map((g: { status: string }) => g.status)).toEqual(['removed', 'active']);

    // One email per change, in French (the invitation's language), each exactly once.
    expect(await emailsMatching(customer.email, /a renoncé au rôle d’administrateur général/, 1)).toHaveLength(1);
    expect(await emailsMatching(customer.email, /a activé le renouvellement automatique/, 1)).toHaveLength(1);
    const [disabled] = await emailsMatching(customer.email, /a désactivé le renouvellement automatique/, 1);
    expect(disabled!.text).toContain('Administrateur du support technique');
    expect(disabled!.text).toContain(partner.name);
    expect(await emailsMatching(customer.email, /renouvellement automatique|administrateur général/, 3)).toHaveLength(3);

    for (const tenantId of [customer.tenantId, partner.tenantId]) {
      const actions = (await auditEvents(api.stack, tenantId)).map((e) => e.action);
      expect(actions.filter((a) => a.startsWith('gdap.')).sort()).toEqual([
        'gdap.autoExtendDisabled',
        'gdap.autoExtendEnabled',
        'gdap.globalAdminRemoved',
      ]);
      expect(actions.filter((a) => a === 'grant.removed')).toHaveLength(1);
    }
  });

  it('refuses bad bodies (400), other partners (404), relationships without GDAP roles (409)', async () => {
    const { partner, customer } = await gdapWithGlobalAdmin();
    for (const body of [{ autoExtend: 'yes' }, {}, { autoExtend: true, extra: 1 }]) {
      const r = await patchGdap(partner.token, customer.tenantId, body);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const other = await api.createPartner();
    expect((await patchGdap(other.token, customer.tenantId, { autoExtend: false })).status).toBe(404);
    expect((await removeGlobalAdmin(other.token, customer.tenantId)).status).toBe(404);

    const reseller = await newCustomer(api);
    await relate(api, partner, reseller, 'reseller');
    const none = await patchGdap(partner.token, reseller.tenantId, { autoExtend: true }, { 'accept-language': 'it' });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('no-gdap-roles');
    expect(none.body.detail).toMatch(/Non hai ruoli GDAP/);
    expect((await removeGlobalAdmin(partner.token, reseller.tenantId)).body.code).toBe('no-global-admin');
  });
});
