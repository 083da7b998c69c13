// The seeds' whole journey, clicked through in a real browser, once in French and once in Italian: a customer finds
// a partner and selects "Contact me"; the partner accepts the request and invites the customer (GDAP); the customer
// opens the email's link from the local inbox, ticks the agreement box and selects "Accept & authorize" (as a Global
// Administrator), sees the list of partners and the partner's details, removes the roles ("Remove roles?" → Yes);
// the partner sees the roles removed. Every page is screenshotted and checked with axe.
import { randomUUID } from 'node:crypto';
import {
  createPartner,
  expect,
  field,
  fill,
  messages,
  partnerGet,
  person,
  roleNamesIn,
  signIn,
  test,
  type Messages,
} from './fixtures.js';
import type { Page } from '@playwright/test';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const BILLING_ADMINISTRATOR = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';

/** Words the seeds use for the steps, checked literally: the pages must say them, in each language. */
const seedWords = {
  fr: {
    contactMe: 'Me contacter',
    acceptPage: 'Accepter le contrat & autoriser le partenaire',
    acceptAndAuthorize: 'Accepter & Autoriser',
    removeRoles: 'Supprimer les rôles',
    removeRolesDialog: 'Supprimer les rôles ?',
    yes: 'Oui',
    gdapRoles: 'Avec GDAP, vous acceptez de donner aux partenaires des rôles spécifiés dans leur demande.',
  },
  it: {
    contactMe: 'Contattami',
    acceptPage: 'Accetta contratto & autorizza il partner',
    acceptAndAuthorize: 'Accetta & Autorizza',
    removeRoles: 'Rimuovi ruoli',
    removeRolesDialog: 'Rimuovi ruoli?',
    yes: 'Sì',
    gdapRoles: 'Con GDAP si accetta di assegnare ai partner i ruoli specificati nella richiesta.',
  },
} as const;

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

for (const lang of ['fr', 'it'] as const) {
  test(`the seeds' journey, ${lang === 'fr' ? 'en français' : 'in italiano'}`, async ({ browser, stack, checkPage }) => {
    const m: Messages = messages(lang);
    const words = seedWords[lang];
    // Role names as the API gives them in this language.
    const role = await roleNamesIn(stack, lang);
    const short = randomUUID().slice(0, 8);
    const partner = await createPartner(stack, {
      name: `${lang === 'fr' ? 'Lumière Conseil' : 'Aurora Servizi'} ${short}`,
      country: lang === 'fr' ? 'FR' : 'IT',
      city: lang === 'fr' ? 'Lyon' : 'Torino',
    });
    const customerTenant = randomUUID();
    const customerEmail = `admin-${short}@contoso.test`;
    const organization = `${lang === 'fr' ? 'Boulangerie Martin' : 'Panificio Rossi'} ${short}`;

    // ---- 1. A customer finds the partner and selects "Contact me" ----
    // French: the browser's language picks it. Italian: a browser in English, switched with the language switcher.
    const visitor = await person(browser, lang === 'fr' ? 'fr-FR' : 'en-US');
    const page = await visitor.newPage();
    await page.goto(`${stack.portalUrl}/`);
    if (lang === 'it') {
      await expect(heading(page, messages('en')['home.title']!)).toBeVisible();
      await page.getByLabel(messages('en')['app.language']!).selectOption('it');
    }
    await expect(heading(page, m['home.title']!)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkPage(page, 'home');

    await page.getByRole('navigation', { name: m['app.navigation'] }).getByRole('link', { name: m['nav.findPartner'] }).click();
    await expect(heading(page, m['directory.title']!)).toBeVisible();
    // The whole directory (36 demo partners and more) comes a page at a time.
    const cards = page.getByRole('article');
    await expect(cards).toHaveCount(12);
    const firstPage = await cards.first().getAttribute('aria-labelledby');
    const pager = page.getByRole('navigation', { name: m['directory.pages'] });
    await pager.getByRole('button', { name: m['common.nextPage'] }).click();
    await expect(cards.first()).not.toHaveAttribute('aria-labelledby', firstPage!);
    await pager.getByRole('button', { name: m['common.previousPage'] }).click();
    await expect(cards.first()).toHaveAttribute('aria-labelledby', firstPage!);
    await field(page, m['directory.q']!).fill(partner.name);
    await field(page, m['directory.country']!).selectOption(lang === 'fr' ? 'FR' : 'IT');
    await field(page, m['directory.partnerType']!).selectOption('gdap');
    await field(page, m['directory.product']!).selectOption('Microsoft 365');
    await page.getByRole('button', { name: m['directory.search'], exact: true }).click();
    const card = page.getByRole('article', { name: partner.name });
    await expect(card).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(1);
    await checkPage(page, 'directory');

    await card.getByRole('link', { name: new RegExp(`^${words.contactMe}`) }).click();
    await expect(heading(page, partner.name)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: words.contactMe })).toBeVisible();
    // First with a mistake the browser lets through (the form leaves checking to the API): the API's field
    // errors appear beside the fields.
    await field(page, m['contact.country']!).selectOption(lang === 'fr' ? 'FR' : 'IT');
    await field(page, m['contact.firstName']!).fill(lang === 'fr' ? 'Camille' : 'Giulia');
    await field(page, m['contact.lastName']!).fill(lang === 'fr' ? 'Martin' : 'Rossi');
    await field(page, m['contact.email']!).fill(`camille.martin.at.${short}`);
    await field(page, m['contact.phone']!).fill('+33 4 72 00 00 00');
    await field(page, m['contact.size']!).selectOption('10-49');
    await field(page, m['contact.organizationName']!).fill(organization);
    await field(page, m['contact.industry']!).selectOption('retail');
    await field(page, m['contact.needs']!).fill(lang === 'fr' ? 'Passer à Microsoft 365.' : 'Passare a Microsoft 365.');
    await page.getByRole('button', { name: words.contactMe, exact: true }).click();
    await expect(page.getByRole('alert')).toContainText(m['contact.fixFields']!);
    for (const label of [m['contact.email']!, m['contact.city']!]) {
      await expect(field(page, label)).toHaveAttribute('aria-invalid', 'true');
      await expect(field(page, label)).toHaveAccessibleDescription(/\S/);
    }
    await expect(field(page, m['contact.phone']!)).not.toHaveAttribute('aria-invalid', 'true');
    await checkPage(page, 'contact-me-field-errors');
    await field(page, m['contact.email']!).fill(customerEmail);
    await field(page, m['contact.city']!).fill(lang === 'fr' ? 'Lyon' : 'Torino');
    await page.getByRole('button', { name: words.contactMe, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: fill(m['contact.sent'], { partner: partner.name }) })).toBeVisible();
    await checkPage(page, 'contact-me-sent');

    // ---- 2. The partner accepts the request and invites the customer (GDAP) ----
    const agent = await person(browser, lang === 'fr' ? 'fr-FR' : 'it-IT');
    const partnerPage = await agent.newPage();
    await partnerPage.goto(`${stack.portalUrl}/partner/leads`);
    await expect(partnerPage.getByRole('heading', { level: 1, name: m['leads.title'] })).toBeVisible();
    await partnerPage.getByRole('main').getByRole('link', { name: m['signIn.action'] }).click();
    await signIn(partnerPage, m, { as: 'partner', tenantId: partner.tenantId, name: 'Alex' });
    await expect(partnerPage.getByRole('heading', { level: 1, name: m['leads.title'] })).toBeVisible();
    const lead = partnerPage.getByRole('article', { name: new RegExp(`^${organization}`) });
    await expect(lead).toContainText(customerEmail);
    await checkPage(partnerPage, 'partner-leads');
    await lead.getByRole('button', { name: m['leads.accept'], exact: true }).click();
    await expect(lead).toContainText(m['leadStatus.accepted']!);

    await partnerPage.getByRole('link', { name: m['nav.invitations'] }).click();
    await partnerPage.getByRole('link', { name: m['invitations.new'] }).click();
    await expect(partnerPage.getByRole('heading', { level: 1, name: m['invite.title'] })).toBeVisible();
    await field(partnerPage, m['invite.email']!).fill(customerEmail);
    await field(partnerPage, m['invite.type']!).selectOption('gdap');
    await partnerPage.getByRole('checkbox', { name: role('Helpdesk Administrator'), exact: true }).check();
    await field(partnerPage, m['invite.roleFilter']!).fill(role('User Administrator'));
    await partnerPage.getByRole('checkbox', { name: role('User Administrator'), exact: true }).check();
    await field(partnerPage, m['invite.duration']!).fill('365');
    await partnerPage.getByRole('checkbox', { name: m['invite.autoExtend'] }).check();
    await checkPage(partnerPage, 'partner-new-invitation');
    await partnerPage.getByRole('button', { name: m['invite.send'] }).click();
    await expect(
      partnerPage.getByRole('status').filter({ hasText: fill(m['invitations.sent'], { email: customerEmail }) }),
    ).toBeVisible();
    const invitationRow = partnerPage.getByRole('row', { name: new RegExp(customerEmail) });
    await expect(invitationRow).toContainText(m['invitationStatus.pending']!);
    await checkPage(partnerPage, 'partner-invitations');

    // ---- 3. The customer opens the email's link from the inbox and accepts, as a Global Administrator ----
    const admin = await person(browser, lang === 'fr' ? 'fr-FR' : 'it-IT');
    const adminPage = await admin.newPage();
    const email = adminPage.locator('article').filter({ hasText: customerEmail }).filter({ hasText: partner.name });
    // The email is sent from a queue: the inbox is read again until it is there.
    await expect(async () => {
      // The inbox shows the newest email to this address in full (search by recipient).
      await adminPage.goto(`${stack.origin}/.dev/inbox?q=${encodeURIComponent(customerEmail)}`);
      await expect(email.first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 60_000 });
    const acceptLink = email
      .first()
      .getByRole('navigation', { name: 'Links in this email' })
      .locator('a[href*="/partners/invitations/"]');
    await expect(acceptLink).toHaveAttribute('href', new RegExp(`^${stack.portalUrl}/partners/invitations/[^?]+\\?code=`));
    // Once in a dozen runs here, headless Chromium dropped a click on the inbox page (which holds a
    // sandboxed frame per email) without starting any navigation: the click is made again until the page leaves.
    await expect(async () => {
      if (!adminPage.url().startsWith(stack.portalUrl)) await acceptLink.click({ timeout: 5000 });
      await expect(adminPage).toHaveURL(new RegExp(`^${stack.portalUrl}/partners/invitations/`), { timeout: 5000 });
    }).toPass({ timeout: 60_000 });
    await expect(heading(adminPage, words.acceptPage)).toBeVisible();
    await adminPage.getByRole('main').getByRole('link', { name: m['signIn.action'] }).click();

    if (lang === 'it') {
      // A Billing Administrator may review the invitation but not grant admin roles: the page says who may.
      await signIn(adminPage, m, { as: 'customer', tenantId: customerTenant, name: 'Bruno', role: BILLING_ADMINISTRATOR });
      await expect(heading(adminPage, words.acceptPage)).toBeVisible();
      // Helpdesk and User Administrator: Global Administrator, or Privileged Role Administrator (Global
      // Administrator is not among the roles), as the API's `acceptance.rolesAllowed` says.
      const roles = new Intl.ListFormat(lang, { type: 'disjunction' }).format([
        role('Global Administrator'),
        role('Privileged Role Administrator'),
      ]);
      await expect(adminPage.getByText(fill(m['accept.notAllowed'], { roles }))).toBeVisible();
      await expect(adminPage.getByRole('button', { name: words.acceptAndAuthorize })).toBeDisabled();
      await checkPage(adminPage, 'accept-as-billing-administrator');
      await adminPage.getByRole('button', { name: m['account.signOut'] }).click();
      await adminPage.getByRole('main').getByRole('link', { name: m['signIn.action'] }).click();
    }
    await signIn(adminPage, m, { as: 'customer', tenantId: customerTenant, name: 'Dominique', role: GLOBAL_ADMINISTRATOR });
    await expect(heading(adminPage, words.acceptPage)).toBeVisible();
    const main = adminPage.getByRole('main');
    await expect(main).toContainText(partner.name);
    await expect(main).toContainText(m['partnerType.gdap']!);
    await expect(main).toContainText(role('Helpdesk Administrator'));
    await expect(main).toContainText(role('User Administrator'));
    await expect(main).toContainText(fill(m['common.days.other'], { count: 365 }));
    await expect(main).toContainText(words.gdapRoles);
    await expect(main.getByRole('link', { name: new RegExp(m['agreement.name']!) })).toHaveAttribute('href', /^https:\/\//);
    await checkPage(adminPage, 'accept-agreement-and-authorize');
    // Not ticked: the page says what is missing, and nothing is accepted.
    await adminPage.getByRole('button', { name: words.acceptAndAuthorize }).click();
    await expect(adminPage.getByText(m['accept.tickRequired']!)).toBeVisible();
    await adminPage.getByRole('checkbox', { name: m['accept.tick'] }).check();
    await adminPage.getByRole('button', { name: words.acceptAndAuthorize }).click();

    // The list of partners you work with appears; select the partner for its details.
    await expect(heading(adminPage, m['relationships.title']!)).toBeVisible();
    await expect(
      adminPage.getByRole('status').filter({ hasText: fill(m['relationships.accepted'], { partner: partner.name }) }),
    ).toBeVisible();
    const row = adminPage.getByRole('row', { name: new RegExp(partner.name) });
    await expect(row).toContainText(role('Helpdesk Administrator'));
    await checkPage(adminPage, 'partner-relationships');
    await row.getByRole('link', { name: partner.name }).click();
    await expect(heading(adminPage, partner.name)).toBeVisible();
    const grants = adminPage.getByRole('table', { name: m['details.grantsCaption'] });
    await expect(grants.getByRole('row', { name: new RegExp(escapeRegExp(role('Helpdesk Administrator'))) })).toContainText(
      m['grantStatus.active']!,
    );
    await expect(adminPage.getByRole('main')).toContainText(m['details.endText']!);
    await checkPage(adminPage, 'partner-details');

    // "Remove roles" → "Remove roles?": Escape closes it and changes nothing; then Yes.
    const removeRoles = adminPage.getByRole('button', { name: words.removeRoles, exact: true });
    await removeRoles.click();
    const dialog = adminPage.getByRole('dialog', { name: words.removeRolesDialog });
    await expect(dialog).toBeVisible();
    await adminPage.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(grants.getByRole('row', { name: new RegExp(escapeRegExp(role('Helpdesk Administrator'))) })).toContainText(
      m['grantStatus.active']!,
    );
    await removeRoles.click();
    await expect(dialog).toBeVisible();
    // The safe answer has the focus.
    await expect(dialog.getByRole('button', { name: m['common.no'], exact: true })).toBeFocused();
    await checkPage(adminPage, 'remove-roles-dialog');
    // Sent with If-Match: the ETag of the relationship the page shows.
    const removal = adminPage.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/remove-roles'));
    await dialog.getByRole('button', { name: words.yes, exact: true }).click();
    expect((await removal).headers()['if-match']).toMatch(/^".+"$/);
    await expect(dialog).toBeHidden();
    await expect(
      adminPage.getByRole('status').filter({ hasText: fill(m['details.removed'], { partner: partner.name }) }),
    ).toBeVisible();
    for (const grant of [role('Helpdesk Administrator'), role('User Administrator')]) {
      await expect(grants.getByRole('row', { name: new RegExp(escapeRegExp(grant)) })).toContainText(m['grantStatus.removed']!);
    }
    await expect(adminPage.getByRole('button', { name: words.removeRoles, exact: true })).toHaveCount(0);
    await checkPage(adminPage, 'partner-details-roles-removed');

    // ---- 4. The partner sees the change ----
    await partnerPage.getByRole('link', { name: m['nav.customers'] }).click();
    const customer = partnerPage.getByRole('article', { name: customerTenant });
    await expect(customer).toBeVisible();
    for (const grant of [role('Helpdesk Administrator'), role('User Administrator')]) {
      await expect(customer.getByRole('row', { name: new RegExp(escapeRegExp(grant)) })).toContainText(m['grantStatus.removed']!);
    }
    await checkPage(partnerPage, 'partner-customers');
    // And the API agrees with what the pages showed.
    const held = await partnerGet<{ status: string; roleGrants: { status: string }[] }>(
      stack,
      partner,
      `/partner/customers/${customerTenant}`,
    );
    expect(held.status).toBe('active');
    expect(held.roleGrants.map((g) => g.status)).toEqual(['removed', 'removed']);

    await Promise.all([visitor.close(), agent.close(), admin.close()]);
  });
}
