// "Accept agreement" on its own (in English, the portal's third language): a customer admin accepts the Microsoft
// Customer Agreement — the link, the box to tick, "Accept" — and the list of partners appears; the page then shows
// the acceptance, which the API holds.
import { randomUUID } from 'node:crypto';
import { devToken, expect, field, messages, person, signIn, test } from './fixtures.js';

const BILLING_ADMINISTRATOR = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';

test('Accept agreement, on its own page', async ({ browser, stack, checkPage }) => {
  const m = messages('en');
  const customerTenant = randomUUID();

  const context = await person(browser, 'en-GB');
  const page = await context.newPage();
  await page.goto(`${stack.portalUrl}/sign-in?as=customer`);
  // From the keyboard: the skip link comes first and takes focus to the page's content. The app renders it once its
  // script ran: a Tab pressed before that would go nowhere.
  const skipLink = page.getByRole('link', { name: m['app.skipToContent'] });
  await expect(skipLink).toBeAttached();
  await page.keyboard.press('Tab');
  await expect(skipLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await checkPage(page, 'sign-in');
  await signIn(page, m, { as: 'customer', tenantId: customerTenant, name: 'Sam', role: BILLING_ADMINISTRATOR });

  await page.getByRole('navigation', { name: m['app.navigation'] }).getByRole('link', { name: m['nav.agreement'] }).click();
  await expect(page.getByRole('heading', { level: 1, name: m['agreementPage.title'] })).toBeVisible();
  const agreementLink = page.getByRole('main').getByRole('link', { name: /Microsoft Customer Agreement/ });
  await expect(agreementLink).toHaveAttribute('href', /^https:\/\//);
  await expect(agreementLink).toHaveAttribute('target', '_blank');
  await checkPage(page, 'accept-agreement');

  // Not ticked: nothing is accepted, and the box says why.
  await page.getByRole('button', { name: m['agreementPage.action'], exact: true }).click();
  await expect(page.getByRole('checkbox', { name: m['accept.tick'] })).toHaveAccessibleDescription(m['accept.tickRequired']!);
  await checkPage(page, 'accept-agreement-not-ticked');
  const customerToken = await devToken(stack, { tenantId: customerTenant, wids: [BILLING_ADMINISTRATOR] });
  const readAgreement = async () =>
    (await (
      await fetch(`${stack.apiBaseUrl}/customer/agreements`, { headers: { authorization: `Bearer ${customerToken}` } })
    ).json()) as { accepted: boolean; acceptances: { via: string; acceptedBy: { name?: string } }[] };
  expect((await readAgreement()).accepted).toBe(false);
  // Ticked and sent from the keyboard: Space on the box, Enter on the button.
  const box = page.getByRole('checkbox', { name: m['accept.tick'] });
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await page.getByRole('button', { name: m['agreementPage.action'], exact: true }).focus();
  await page.keyboard.press('Enter');

  // The list of partners appears.
  await expect(page.getByRole('heading', { level: 1, name: m['relationships.title'] })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: m['relationships.agreementAccepted']! })).toBeVisible();
  await checkPage(page, 'partner-relationships-after-agreement');

  // The page now shows the acceptance, and the API holds it.
  await page.getByRole('link', { name: m['nav.agreement'] }).click();
  await expect(page.getByRole('status').filter({ hasText: /accepted version/ })).toContainText('Sam');
  await expect(field(page, m['accept.tick']!)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: m['agreementPage.history'] })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(m['agreementVia.agreementPage']!);
  await checkPage(page, 'accept-agreement-accepted');
  const agreement = await readAgreement();
  expect(agreement.accepted).toBe(true);
  expect(agreement.acceptances).toEqual([
    expect.objectContaining({ via: 'agreementPage', acceptedBy: expect.objectContaining({ name: 'Sam' }) }),
  ]);
  await context.close();
});
