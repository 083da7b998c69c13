// The catalogs as callers read them: the whole Entra built-in role catalog with GDAP eligibility, the partner types and
// the admin center's Billing pages, named in the request's language (Accept-Language) where a translation exists.
import { randomUUID } from 'node:crypto';
import { sharedStack } from '../../support/api.js';
import { entraBuiltInRoles } from '../../../shared/features/catalog/entra-built-in-roles.js';
import { wellKnownRoles } from '../../../shared/features/catalog/roles.js';

const api = sharedStack();

const roles = (acceptLanguage?: string) =>
  api.call('GET', '/roles', { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });
const byId = (items: { id: string; name: string; gdapAllowed: boolean }[]) => new Map(items.map((r) => [r.id, r]));

describe('GET /api/roles', () => {
  it('lists every Entra built-in role once, with Microsoft’s template ids', async () => {
    const answer = await roles();
    expect(answer.status).toBe(200);
    const items = answer.body.items as { id: string; name: string; gdapAllowed: boolean; privileged: boolean }[];
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(new Set(items.map((r) => r.id)).size).toBe(items.length);
    expect(items.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(r.id))).toBe(true);
    const catalog = byId(items);
    expect(catalog.get('0526716b-113d-4c15-b2c8-68e3c22b9f80')?.name).toBe('Authentication Policy Administrator');
    expect(catalog.get('9360feb5-f418-4baa-8175-e2a00bac4301')).toMatchObject({ name: 'Directory Writers', gdapAllowed: true });
    // Microsoft's "do not use" roles and the sync service's own role are in the catalog, but not for GDAP.
    expect(catalog.get('4ba39ca4-527c-499a-b93d-d9b492c50246')).toMatchObject({
      name: 'Partner Tier1 Support',
      gdapAllowed: false,
    });
    expect(catalog.get('d29b2b05-8046-44ba-8758-1e26182fcf32')?.gdapAllowed).toBe(false);
    for (const id of Object.values(wellKnownRoles)) expect([id, catalog.has(id)]).toEqual([id, true]);
    // Sorted by name, as a picker shows them.
    const names = items.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('names roles in Italian and French where Microsoft publishes the names (every role the catalog held before)', async () => {
    const [it, fr, en] = await Promise.all([roles('it'), roles('fr-CH, fr;q=0.9'), roles('de')]);
    const itRoles = byId(it.body.items);
    const frRoles = byId(fr.body.items);
    expect(itRoles.get(wellKnownRoles.globalAdministrator)?.name).toBe('Amministratore globale');
    expect(itRoles.get(wellKnownRoles.billingAdministrator)?.name).toBe('Amministratore fatturazione');
    expect(itRoles.get(wellKnownRoles.helpdeskAdministrator)?.name).toBe('Amministratore helpdesk');
    expect(frRoles.get(wellKnownRoles.globalAdministrator)?.name).toBe('Administrateur général');
    expect(frRoles.get(wellKnownRoles.helpdeskAdministrator)?.name).toBe('Administrateur du support technique');
    expect(frRoles.get(wellKnownRoles.domainNameAdministrator)?.name).toBe('Administrateur de nom de domaine');
    expect(byId(en.body.items).get(wellKnownRoles.globalAdministrator)?.name).toBe('Global Administrator');

    const heldBefore = [
      ...Object.values(wellKnownRoles),
      'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
      '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
      '9360feb5-f418-4baa-8175-e2a00bac4301',
      '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
      'f023fd81-a637-4b56-95fd-791ac0226033',
      '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
      '29232cdf-9323-42fd-ade2-1d097af3e4de',
      'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
      '69091246-20e8-4a56-aa4d-066075b2a7a8',
      '3a2c62db-5318-420d-8d74-23affee5d9d5',
      '194ae4cb-b126-40b2-bd5b-6091b380977d',
      '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
      '7698a772-787b-4ac8-901f-60d6b08affd2',
    ];
    const english = new Map(entraBuiltInRoles.map((r) => [r.id, r.name.en]));
    for (const id of heldBefore) {
      expect([id, itRoles.get(id)?.name === english.get(id)]).toEqual([id, false]);
      expect([id, frRoles.get(id)?.name === english.get(id)]).toEqual([id, false]);
    }
    // A role Microsoft names in English only stays English.
    expect(itRoles.get('d2562ede-74db-457e-a7b6-544e236ebb61')?.name).toBe('AI Administrator');
  });
});

describe('GET /api/partner-types and the Billing pages', () => {
  it('names the nine partner types as the admin center does in each language', async () => {
    const fr = await api.call('GET', '/partner-types', { headers: { 'accept-language': 'fr' } });
    const it = await api.call('GET', '/partner-types', { headers: { 'accept-language': 'it' } });
    const names = (r: typeof fr) =>
      Object.fromEntries((r.body.items as { id: string; name: string }[]).map((t) => [t.id, t.name]));
    expect(names(fr)).toMatchObject({
      advisor: 'Conseiller',
      indirectReseller: 'Revendeur indirect',
      lineOfBusiness: 'Partenaire métier',
      reseller: 'Revendeur',
    });
    expect(names(it)).toMatchObject({
      isv: 'Fornitore di software indipendente',
      indirectReseller: 'Rivenditore indiretto',
      reseller: 'Rivenditore',
    });
    expect((await api.get('/partner-types')).body.items[0].name).toBe('Advisor');
  });

  it('names the Billing pages and says why one is closed, in the language', async () => {
    const tenantId = randomUUID();
    const token = await api.token({ tenantId, wids: [] });
    const it = await api.call('GET', '/customer/admin-center-access', { token, headers: { 'accept-language': 'it' } });
    expect(it.status).toBe(200);
    const pages = Object.fromEntries(
      (it.body.pages as { page: string; name: string; reason?: string }[]).map((p) => [p.page, p]),
    );
    expect(pages.billsAndPayments!.name).toBe('Fatture & pagamenti');
    expect(pages.licenses!.reason).toBe('Richiede il ruolo Amministratore fatturazione o Amministratore globale.');
    const en = await api.call('GET', '/customer/admin-center-access', { token });
    expect(en.body.pages.find((p: { page: string }) => p.page === 'purchaseServices').name).toBe('Purchase services');
  });
});
