// Invitations in the customers' languages, end to end through the stack: the email in the invitation's language
// (the body's `locale`, else the request's Accept-Language, else English), the accept page and the problems a customer
// admin meets in the language of the request, the customer named to the partner, the acceptance confirmation.
import { randomUUID } from 'node:crypto';
import { BILLING_ADMIN, sharedStack, uniqueEmail, waitFor } from '../../support/api.js';
import {
  accept,
  invite,
  newCustomer,
  review,
  ROLE,
  waitForInvitationEmail,
  type TestPartner,
} from '../../support/invitations.js';

const api = sharedStack();

const gdapBody = (customerEmail: string, extra: Record<string, unknown> = {}) => ({
  customerEmail,
  partnerType: 'gdap',
  roles: [ROLE.helpdeskAdministrator, ROLE.userAdministrator],
  durationDays: 90,
  ...extra,
});

async function invited(partner: TestPartner, body: Record<string, unknown> & { customerEmail: string }, headers = {}) {
  const created = await invite(api, partner, body, headers);
  expect(created.status).toBe(202);
  const { email, link } = await waitForInvitationEmail(api, body.customerEmail, 1, created.body.id);
  return { created, email, link };
}

/** Emails to `to` whose subject matches, once at least `count` arrived. */
const waitForEmails = (to: string, pattern: RegExp, count = 1) =>
  waitFor(async () => {
    const list = (await api.emails(to)).filter((e) => pattern.test(e.subject));
    return list.length >= count ? list : undefined;
  }, `${count} email(s) to ${to} matching ${pattern}`);

describe('the invitation email in the customer’s language', () => {
  it('locale "fr": subject, body, partner type, roles and dates in French', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('fr');
    const { created, email } = await invited(partner, gdapBody(customerEmail, { locale: 'fr' }));
    expect(created.body.locale).toBe('fr');

    expect(email.subject).toBe(`${partner.name} vous invite à établir une relation de partenaire (Associer avec l’accès GDAP)`);
    expect(email.html).toContain('<html lang="fr">');
    expect(email.text).toContain('Type de partenaire : Associer avec l’accès GDAP');
    expect(email.text).toContain('Rôles d’administrateur : Administrateur du support technique et Administrateur d’utilisateurs');
    expect(email.text).toContain('Durée : 90 jours à compter de l’acceptation');
    expect(email.text).toMatch(
      /Invitation valable jusqu’au : \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4} à \d{2}:\d{2} UTC/,
    );
    expect(email.text).toMatch(/Contrat client Microsoft : Version \S+ : https:\/\/\S+/);
    expect(email.text).toContain('Ouvrir « Accepter le contrat & autoriser le partenaire » : http');
    for (const english of [
      'Partner type',
      'Admin roles',
      'Helpdesk Administrator',
      'days from acceptance',
      'Valid until',
      'invites you',
    ]) {
      expect([english, email.text.includes(english) || email.subject.includes(english)]).toEqual([english, false]);
    }
  });

  it('no locale: the request’s Accept-Language (Italian), and the advisor invitation warns of a standing Global Administrator', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('it');
    const { created, email } = await invited(
      partner,
      { customerEmail, partnerType: 'advisor' },
      { 'accept-language': 'it-IT,it;q=0.9,en;q=0.5' },
    );
    expect(created.body.locale).toBe('it');
    expect(created.body.roles.map((r: { name: string }) => r.name)).toEqual([
      'Amministratore globale',
      'Amministratore helpdesk',
    ]);
    expect(email.subject).toBe(`${partner.name} invita l’organizzazione a una relazione con i partner (Advisor)`);
    expect(email.html).toContain('<html lang="it">');
    expect(email.text).toContain('Ruoli di amministratore: Amministratore globale e Amministratore helpdesk');
    expect(email.text).toContain('Importante: accettando, si assegna a');
    expect(email.text).toContain('senza data di fine');
    expect(email.html).toContain('role="note"');
    expect(email.text).toMatch(/Contratto del cliente Microsoft: Versione \S+: https:\/\/\S+/);
  });

  it('a language the service does not speak, or none: English', async () => {
    const partner = await api.createPartner();
    for (const headers of [{ 'accept-language': 'de-DE,de;q=0.9' }, {}]) {
      const customerEmail = uniqueEmail('en');
      const { created, email } = await invited(partner, { customerEmail, partnerType: 'reseller' }, headers);
      expect(created.body.locale).toBe('en');
      expect(email.subject).toBe(`${partner.name} invites you to a partner relationship (Reseller)`);
      expect(email.html).toContain('<html lang="en">');
      expect(email.text).toMatch(/Microsoft Customer Agreement: Version \S+: https:\/\/\S+/);
      expect(email.text).not.toContain('no end date');
    }
  });

  it('refuses a language it does not speak in the body (400) and changes nothing', async () => {
    const partner = await api.createPartner();
    const customerEmail = uniqueEmail('de');
    const refused = await invite(api, partner, gdapBody(customerEmail, { locale: 'de' }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors.locale).toBeDefined();
    expect((await api.get('/partner/invitations', partner.token)).body.items).toHaveLength(0);
  });
});

describe('acceptance: the customer named, the accepting admin’s confirmation', () => {
  it('the partner sees the organization’s name; the customer gets one confirmation in its language; the partner one notice in its own', async () => {
    const partner = await api.createPartner({ preferredLanguage: 'it' });
    const customer = await newCustomer(api);
    const { link } = await invited(partner, gdapBody(customer.email, { locale: 'fr', customerDisplayName: 'Contoso (Lyon)' }));
    const listed = (await api.get('/partner/invitations', partner.token)).body.items[0];
    expect(listed.customerName).toBe('Contoso (Lyon)');

    const accepted = await api.call('POST', `/customer/invitations/${link.invitationId}/accept`, {
      token: customer.token,
      body: { code: link.code, acceptAgreement: true, organizationName: 'Contoso SA' },
      headers: { 'accept-language': 'fr' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.roleGrants.map((g: { roleName: string }) => g.roleName).sort()).toEqual(
      ['Administrateur du support technique', 'Administrateur d’utilisateurs'].sort(),
    );

    const [confirmation] = await waitForEmails(customer.email, /^Vous avez autorisé/);
    expect(confirmation!.subject).toBe(`Vous avez autorisé ${partner.name} (« Associer avec l’accès GDAP »)`);
    expect(confirmation!.text).toContain(
      'Rôles d’administrateur attribués : Administrateur du support technique et Administrateur d’utilisateurs',
    );
    expect(confirmation!.text).toMatch(/Jusqu’au : \d{1,2} \S+ \d{4} à \d{2}:\d{2} UTC/);
    expect(confirmation!.text).toContain('Paramètres > Relations partenaires');
    expect(confirmation!.text).toContain('Supprimer les rôles');
    expect(confirmation!.text).toMatch(/Contrat client Microsoft : Accepté \(version \S+\)/);

    const [notice] = await waitForEmails(partner.contactEmail, /ha accettato/);
    expect(notice!.subject).toBe(
      `Contoso SA (tenant ${customer.tenantId}) ha accettato l’invito (Collaborare con l’accesso GDAP)`,
    );
    expect(notice!.html).toContain('<html lang="it">');
    expect(notice!.text).toContain('Cliente: Contoso SA');

    const customerView = await api.get(`/partner/customers/${customer.tenantId}`, partner.token);
    expect(customerView.body).toMatchObject({
      customerName: 'Contoso SA',
      customerOrganizationName: 'Contoso SA',
      customerDisplayName: 'Contoso (Lyon)',
    });
    const invitationView = await api.get(`/partner/invitations/${link.invitationId}`, partner.token);
    expect(invitationView.body).toMatchObject({ organizationName: 'Contoso SA', customerName: 'Contoso SA' });
    const list = await api.get('/partner/customers', partner.token);
    expect(list.body.items.map((c: { customerName?: string }) => c.customerName)).toEqual(['Contoso SA']);

    // Exactly one of each, whatever the queue did.
    await waitFor(async () => (await api.emails(customer.email)).length >= 2, 'invitation and confirmation');
    expect((await api.emails(customer.email)).filter((e) => /^Vous avez autorisé/.test(e.subject))).toHaveLength(1);
    expect((await api.emails(partner.contactEmail)).filter((e) => /ha accettato/.test(e.subject))).toHaveLength(1);
  });

  it('a relationship that grants no roles is confirmed too, saying so', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await invited(partner, { customerEmail: customer.email, partnerType: 'reseller', locale: 'it' });
    expect((await accept(api, customer, link)).status).toBe(200);
    const [confirmation] = await waitForEmails(customer.email, /^Hai autorizzato/);
    expect(confirmation!.text).toContain('Ruoli di amministratore assegnati: Nessuno');
    expect(confirmation!.text).toContain(`Questa relazione non assegna a ${partner.name} alcun ruolo di amministratore`);
  });
});

describe('the accept page and a customer admin’s problems in the request’s language', () => {
  it('review: partner type, roles and who may accept in Italian', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await invited(partner, gdapBody(customer.email));
    const page = await api.call('GET', `/customer/invitations/${link.invitationId}?code=${encodeURIComponent(link.code)}`, {
      token: customer.token,
      headers: { 'accept-language': 'it' },
    });
    expect(page.status).toBe(200);
    expect(page.body.partnerType.name).toBe('Collaborare con l’accesso GDAP');
    expect(page.body.roles.map((r: { name: string }) => r.name)).toEqual(['Amministratore helpdesk', 'Amministratore utenti']);
    expect(page.body.acceptance.rolesAllowed.map((r: { name: string }) => r.name)).toEqual([
      'Amministratore globale',
      'Amministratore dei ruoli con privilegi',
    ]);
    // The same page without a language stays English.
    expect((await review(api, customer, link)).body.partnerType.name).toBe('Partner with GDAP access');
  });

  it('problems: French title and detail, the code unchanged', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const billing = { token: await api.customerAdminToken(customer.tenantId, [BILLING_ADMIN]) };
    const { link } = await invited(partner, gdapBody(customer.email));
    const fr = { 'accept-language': 'fr-FR' };

    const notFound = await api.call('GET', `/customer/invitations/${link.invitationId}?code=wrong`, {
      token: customer.token,
      headers: fr,
    });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({ code: 'not-found', title: 'Introuvable', detail: 'L’invitation est introuvable.' });
    expect(notFound.headers.get('content-language')).toBe('fr');

    const needsRole = await api.call('POST', `/customer/invitations/${link.invitationId}/accept`, {
      token: billing.token,
      body: { code: link.code, acceptAgreement: true },
      headers: fr,
    });
    expect(needsRole.status).toBe(403);
    expect(needsRole.body.code).toBe('role-required-to-grant');
    expect(needsRole.body.title).toBe('Accès refusé');
    expect(needsRole.body.detail).toContain('Administrateur général ou Administrateur de rôle privilégié');

    const noAgreement = await api.call('POST', `/customer/invitations/${link.invitationId}/accept`, {
      token: customer.token,
      body: { code: link.code },
      headers: { 'accept-language': 'it' },
    });
    expect(noAgreement.status).toBe(400);
    expect(noAgreement.body.code).toBe('agreement-required');
    expect(noAgreement.body.title).toBe('Richiesta non valida');
    expect(noAgreement.body.detail).toMatch(/Contratto del cliente Microsoft \(versione \S+\)/);

    const invalid = await api.call('POST', `/customer/invitations/${link.invitationId}/accept`, {
      token: customer.token,
      body: { code: link.code, acceptAgreement: 'yes' },
      headers: fr,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('validation-failed');
    expect(invalid.body.detail).toBe('Le corps de la requête n’est pas valide : acceptAgreement.');
    expect(invalid.body.errors.acceptAgreement[0]).toMatch(/booléen/);

    const notAdmin = await api.call('GET', '/customer/partner-relationships', {
      token: await api.token({ tenantId: customer.tenantId, wids: [] }),
      headers: fr,
    });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body).toMatchObject({ code: 'customer-admin-required' });
    expect(notAdmin.body.detail).toContain('Administrateur de facturation');

    // No language asked for: English, as before.
    const english = await api.call('GET', `/customer/invitations/${link.invitationId}?code=wrong`, { token: customer.token });
    expect(english.body).toMatchObject({ code: 'not-found', title: 'Not found', detail: 'The invitation was not found.' });
  });

  it('the relationship’s problems: no-admin-roles and contact-partner in Italian', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await invited(partner, { customerEmail: customer.email, partnerType: 'reseller' });
    expect((await accept(api, customer, link)).status).toBe(200);
    const it = { 'accept-language': 'it' };
    const removal = await api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`, {
      token: customer.token,
      headers: it,
    });
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe('no-admin-roles');
    expect(removal.body.detail).toContain('Centro per i partner');
    const deletion = await api.call('DELETE', `/customer/partner-relationships/${partner.id}`, {
      token: customer.token,
      headers: it,
    });
    expect(deletion.status).toBe(409);
    expect(deletion.body.code).toBe('contact-partner');
    expect(deletion.body.detail).toContain(`contattare ${partner.name} (${partner.contactEmail})`);
    const unknownPartner = await api.call('GET', `/customer/partner-relationships/ptn_${randomUUID().replaceAll('-', '')}`, {
      token: customer.token,
      headers: it,
    });
    expect(unknownPartner.body).toMatchObject({ code: 'not-found', detail: 'La relazione con questo partner non esiste.' });
  });
});
