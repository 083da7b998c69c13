// A partner's side, in Italian: contact requests (accept, decline, close) and invitations (resend: a new link, the
// old one stops working; revoke). Each click is checked against what the API then holds.
import { randomUUID } from 'node:crypto';
import {
  createLead,
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
} from './fixtures.js';

test('a partner handles its contact requests and invitations, in italiano', async ({ browser, stack, checkPage }) => {
  const m = messages('it');
  const short = randomUUID().slice(0, 8);
  const partner = await createPartner(stack, { name: `Adatum Consulenza ${short}`, country: 'IT', city: 'Roma' });
  const declined = await createLead(stack, partner, `Ferramenta Bianchi ${short}`, `bianchi-${short}@fabrikam.test`);
  const closed = await createLead(stack, partner, `Libreria Verdi ${short}`, `verdi-${short}@fabrikam.test`);

  const context = await person(browser, 'it-IT');
  const page = await context.newPage();
  await page.goto(`${stack.portalUrl}/sign-in?as=partner&returnTo=%2Fpartner%2Fleads`);
  await signIn(page, m, { as: 'partner', tenantId: partner.tenantId, name: 'Marco' });
  await expect(page.getByRole('heading', { level: 1, name: m['leads.title'] })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(2);

  // Decline one: "Rifiuta" → the dialog → "Rifiuta".
  const first = page.getByRole('article', { name: new RegExp(`^Ferramenta Bianchi ${short}`) });
  await first.getByRole('button', { name: m['leads.decline'], exact: true }).click();
  const declineDialog = page.getByRole('dialog', {
    name: fill(m['leads.declineTitle'], { organization: `Ferramenta Bianchi ${short}` }),
  });
  await expect(declineDialog).toBeVisible();
  await checkPage(page, 'lead-decline-dialog');
  await declineDialog.getByRole('button', { name: m['leads.decline'], exact: true }).click();
  await expect(declineDialog).toBeHidden();
  await expect(first).toContainText(m['leadStatus.declined']!);

  // Accept the other, then close it.
  const second = page.getByRole('article', { name: new RegExp(`^Libreria Verdi ${short}`) });
  await second.getByRole('button', { name: m['leads.accept'], exact: true }).click();
  await expect(second).toContainText(m['leadStatus.accepted']!);
  await second.getByRole('button', { name: m['leads.close'], exact: true }).click();
  const closeDialog = page.getByRole('dialog', {
    name: fill(m['leads.closeTitle'], { organization: `Libreria Verdi ${short}` }),
  });
  await closeDialog.getByRole('button', { name: m['leads.close'], exact: true }).click();
  await expect(second).toContainText(m['leadStatus.closed']!);
  await checkPage(page, 'leads-handled');

  // Every request, whatever its state.
  await field(page, m['leads.filter']!).selectOption('');
  await expect(page.getByRole('article')).toHaveCount(2);
  const leads = await partnerGet<{ items: { id: string; status: string }[] }>(stack, partner, '/partner/contact-requests');
  expect(Object.fromEntries(leads.items.map((l) => [l.id, l.status]))).toEqual({ [declined]: 'declined', [closed]: 'closed' });

  // Invitations: two customers invited as resellers (no roles), one resent, the other revoked.
  const [resent, revoked] = [`rinnovo-${short}@contoso.test`, `ritiro-${short}@contoso.test`];
  for (const email of [resent, revoked]) {
    await page.getByRole('link', { name: m['nav.invitations'] }).click();
    await page.getByRole('link', { name: m['invitations.new'] }).click();
    await field(page, m['invite.email']!).fill(email);
    await field(page, m['invite.type']!).selectOption('reseller');
    await expect(page.getByRole('group', { name: m['invite.roles'] })).toContainText(m['roles.none']!);
    await page.getByRole('button', { name: m['invite.send'] }).click();
    await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText(m['invitationStatus.pending']!);
  }
  await checkPage(page, 'invitations');
  await page.getByRole('button', { name: `${m['invitations.resend']}: ${resent}` }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(m['invitations.resent'], { email: resent }) })).toBeVisible();
  await page.getByRole('button', { name: `${m['invitations.revoke']}: ${revoked}` }).click();
  const revokeDialog = page.getByRole('dialog', { name: m['invitations.revokeTitle'] });
  await checkPage(page, 'invitation-revoke-dialog');
  await revokeDialog.getByRole('button', { name: m['common.yes'], exact: true }).click();
  await expect(page.getByRole('row', { name: new RegExp(revoked) })).toContainText(m['invitationStatus.revoked']!);
  await expect(page.getByRole('row', { name: new RegExp(resent) })).toContainText(m['invitationStatus.pending']!);
  const invitations = await partnerGet<{ items: { customerEmail: string; status: string; resendCount: number }[] }>(
    stack,
    partner,
    '/partner/invitations',
  );
  expect(
    invitations.items
      .map(({ customerEmail, status, resendCount }) => ({ customerEmail, status, resendCount }))
      .sort((a, b) => a.customerEmail.localeCompare(b.customerEmail)),
  ).toEqual([
    { customerEmail: resent, status: 'pending', resendCount: 1 },
    { customerEmail: revoked, status: 'revoked', resendCount: 0 },
  ]);

  // The invitation form follows the partner types: an advisor always gets the same two roles.
  await page.getByRole('link', { name: m['invitations.new'] }).click();
  await field(page, m['invite.type']!).selectOption('advisor');
  const roles = page.getByRole('group', { name: m['invite.roles'] });
  await expect(roles).toContainText(m['invite.fixedRoles']!);
  const role = await roleNamesIn(stack, 'it');
  await expect(roles).toContainText(role('Global Administrator'));
  await expect(roles).toContainText(role('Helpdesk Administrator'));
  await field(page, m['invite.type']!).selectOption('lineOfBusiness');
  await expect(roles).toContainText(m['roles.notAssignable']!);
  await checkPage(page, 'new-invitation-line-of-business');
  await context.close();
});
