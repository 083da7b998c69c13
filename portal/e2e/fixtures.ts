// The browser suite's tools: the stack, the portal's own messages (so a test reads the page in its language), a
// check run on every page (a full-page screenshot kept as an artifact, and axe: no serious or critical violation),
// and the few API calls that arrange a test (a partner's profile, a lead) as a partner's own tools would.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, stackInfo, type StackInfo } from './stack.js';

export { expect };

export type Messages = Record<string, string>;

/** The portal's messages in `lang` (portal/src/i18n/messages/<lang>.json), to find what the page says. */
export function messages(lang: string): Messages {
  return JSON.parse(readFileSync(path.join(repoRoot, 'portal', 'src', 'i18n', 'messages', `${lang}.json`), 'utf8')) as Messages;
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The form control labelled exactly `label` (a required field's label ends with "(required)" in the page's language). */
export const field = (scope: Page | Locator, label: string): Locator =>
  scope.getByLabel(new RegExp(`^${escapeRe(label)}(\\s*\\([^)]*\\))?$`));

/** `text` with `{placeholders}` filled, as the page shows it. */
export const fill = (text: string | undefined, params: Record<string, string | number>): string =>
  (text ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A new browser context (its own cookies and storage: another person) whose browser speaks `locale`. */
export const person = (browser: Browser, locale: string): Promise<BrowserContext> =>
  browser.newContext({ locale, viewport: { width: 1280, height: 900 } });

interface Fixtures {
  stack: StackInfo;
  /** Screenshot (kept in the test's output folder) and accessibility check of the page as it is now. */
  checkPage: (page: Page, name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: this fixture needs no other
  stack: async ({}, use) => {
    await use(stackInfo());
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  checkPage: async ({}, use, testInfo) => {
    let count = 0;
    await use(async (page, name) => {
      count += 1;
      const file = testInfo.outputPath(`${String(count).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
      const results = await new AxeBuilder({ page }).analyze();
      const blocking = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(blocking, `accessibility of ${name} (${page.url()})`).toEqual([]);
    });
  },
});

// ---- arranging through the API (what partners' and customers' own tools would do) ----

export async function devToken(stack: StackInfo, claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${stack.origin}/.dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export interface TestPartner {
  id: string;
  tenantId: string;
  name: string;
  contactEmail: string;
}

/** A partner of its own for one test, listed in the directory (PUT /api/partner/profile). */
export async function createPartner(
  stack: StackInfo,
  options: { name: string; country: string; city: string; partnerTypes?: string[] },
): Promise<TestPartner> {
  const tenantId = randomUUID();
  const token = await devToken(stack, { tenantId, roles: ['Partner.AdminAgent'], name: 'Test setup' });
  const contactEmail = `sales-${tenantId.slice(0, 8)}@partners.test`;
  const response = await fetch(`${stack.apiBaseUrl}/partner/profile`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: options.name,
      description: 'Microsoft 365, security and GDAP administration for small and medium organizations.',
      website: `https://${tenantId.slice(0, 8)}.partners.test`,
      contactEmail,
      locations: [{ country: options.country, city: options.city }],
      industries: ['retail', 'professionalServices'],
      products: ['Microsoft 365', 'Microsoft Security'],
      organizationSizes: ['10-49', '50-249'],
      partnerTypes: options.partnerTypes ?? ['gdap', 'reseller'],
    }),
  });
  expect(response.status).toBe(201);
  const profile = (await response.json()) as { id: string };
  return { id: profile.id, tenantId, name: options.name, contactEmail };
}

/** A "Contact me" request to `partner` (POST /api/partners/{id}/contact-requests). */
export async function createLead(stack: StackInfo, partner: TestPartner, organization: string, email: string): Promise<string> {
  const response = await fetch(`${stack.apiBaseUrl}/partners/${partner.id}/contact-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      location: { country: 'IT', city: 'Milano' },
      contact: { firstName: 'Giulia', lastName: 'Rossi', email, phone: '+39 02 1234 5678' },
      organization: { name: organization, size: '10-49', industry: 'retail' },
      needs: 'Vorremmo passare a Microsoft 365.',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** What the API holds, read with a partner's token (to check that a click changed it, not just the page). */
export async function partnerGet<T>(stack: StackInfo, partner: TestPartner, apiPath: string): Promise<T> {
  const token = await devToken(stack, { tenantId: partner.tenantId, roles: ['Partner.AdminAgent'] });
  const response = await fetch(`${stack.apiBaseUrl}${apiPath}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

// ---- steps through the portal ----

/** Signs in through the portal's sign-in page (the stack's development identity provider). */
export async function signIn(
  page: Page,
  m: Messages,
  who: { as: 'customer' | 'partner'; tenantId: string; name: string; role?: string },
): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: m['signIn.title'] })).toBeVisible();
  await page.getByRole('radio', { name: m[who.as === 'customer' ? 'signIn.asCustomer' : 'signIn.asPartner'] }).check();
  await field(page, m[who.as === 'customer' ? 'signIn.organization' : 'signIn.tenant']!).fill(who.tenantId);
  if (who.role) await field(page, m['signIn.role']!).selectOption(who.role);
  await field(page, m['signIn.name']!).fill(who.name);
  await page.getByRole('button', { name: m['signIn.action'] }).click();
  await expect(page.getByRole('button', { name: m['account.signOut'] })).toBeVisible();
}

/**
 * The API names roles in the caller's language: the name a page in `lang` shows for a role known by its English name.
 * Read from `GET /api/roles` in English and in `lang`, matched by role id.
 */
export async function roleNamesIn(stack: StackInfo, lang: string): Promise<(english: string) => string> {
  type Role = { id: string; name: string };
  // The catalog answers a list, or a page of items: either way, the roles.
  const list = async (language: string): Promise<Role[]> => {
    const body = (await (await fetch(`${stack.origin}/api/roles`, { headers: { 'accept-language': language } })).json()) as
      Role[] | { items: Role[] };
    return Array.isArray(body) ? body : body.items;
  };
  const english = await list('en');
  const local = new Map((await list(lang)).map((r) => [r.id, r.name]));
  return (name) => {
    const id = english.find((r) => r.name === name)?.id;
    const localName = id ? local.get(id) : undefined;
    if (!localName) throw new Error(`no role named ${name}`);
    return localName;
  };
}
