// A lead's life as customer and partner see it: the customer's receipt in its language (the body's `locale`, else
// Accept-Language), the partner's move with a decline reason or a close outcome, the customer's decline notice.
import { contactRequestBody, sharedStack, uniqueEmail, waitFor } from '../../support/api.js';

const api = sharedStack();

const waitForEmails = (to: string, pattern: RegExp, count = 1) =>
  waitFor(async () => {
    const list = (await api.emails(to)).filter((e) => pattern.test(e.subject));
    return list.length >= count ? list : undefined;
  }, `${count} email(s) to ${to} matching ${pattern}`);

async function newLead(body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const partner = await api.createPartner();
  const email = uniqueEmail('lead');
  const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
    body: { ...contactRequestBody(email), ...body },
    headers,
  });
  expect(created.status).toBe(201);
  return { partner, email, id: created.body.id as string, path: `/partner/contact-requests/${created.body.id}` };
}

describe('Contact me: the customer’s receipt', () => {
  it('goes to the address entered, in the body’s language (Italian), once', async () => {
    const { partner, email, id, path } = await newLead({ locale: 'it' });
    const [receipt] = await waitForEmails(email, /Contattami/);
    expect(receipt!.subject).toBe(`La richiesta Contattami inviata a ${partner.name}`);
    expect(receipt!.html).toContain('<html lang="it">');
    expect(receipt!.text).toContain('Hai selezionato Contattami');
    expect(receipt!.text).toContain('Organizzazione: Contoso Retail (10-49 persone, Vendita al dettaglio)');
    expect(receipt!.text).toContain('Posizione: Paris, Île-de-France, Francia');
    expect((await api.get(path, partner.token)).body).toMatchObject({ id, locale: 'it' });
    // The partner's notice, in its own (default) language, names the customer's language.
    const [notice] = await waitForEmails(partner.contactEmail, /^New contact request/);
    expect(notice!.text).toContain('Language: Italian');
    expect((await api.emails(email)).filter((e) => /Contattami/.test(e.subject))).toHaveLength(1);
  });

  it('without a body language, follows Accept-Language (French); with neither, English', async () => {
    const french = await newLead({}, { 'accept-language': 'fr-BE,fr;q=0.9' });
    const [receipt] = await waitForEmails(french.email, /Me contacter/);
    expect(receipt!.subject).toBe(`Votre demande « Me contacter » à ${french.partner.name}`);
    expect(receipt!.text).toContain('Organisation : Contoso Retail (10-49 personnes, Commerce de détail)');
    const english = await newLead();
    const [plain] = await waitForEmails(english.email, /Contact me/);
    expect(plain!.subject).toBe(`Your “Contact me” request to ${english.partner.name}`);
    expect((await api.get(english.path, english.partner.token)).body.locale).toBe('en');
  });
});

describe('the partner moves a lead', () => {
  it('declines with a reason: stored, and the customer is told in its language, with the reason, once', async () => {
    const { partner, email, path } = await newLead({ locale: 'fr' });
    const declined = await api.call('PATCH', path, {
      token: partner.token,
      body: { status: 'declined', reason: 'Nous ne couvrons pas votre région.\nEssayez un partenaire local.' },
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      declineReason: 'Nous ne couvrons pas votre région.\nEssayez un partenaire local.',
    });
    expect(declined.body.endedAt).toBe(declined.body.updatedAt);

    const [notice] = await waitForEmails(email, /a refusé votre demande de contact/);
    expect(notice!.subject).toBe(`${partner.name} a refusé votre demande de contact`);
    expect(notice!.text).toContain('Motif indiqué par le partenaire : Nous ne couvrons pas votre région.');
    expect(notice!.text).toContain('sélectionnez Me contacter');
    await waitForEmails(email, /./, 2);
    expect((await api.emails(email)).filter((e) => /a refusé/.test(e.subject))).toHaveLength(1);
  });

  it('declines without a reason: the notice says nothing of one', async () => {
    const { partner, email, path } = await newLead();
    expect((await api.call('PATCH', path, { token: partner.token, body: { status: 'declined' } })).status).toBe(200);
    const [notice] = await waitForEmails(email, /declined your contact request/);
    expect(notice!.text).not.toContain('Reason given by the partner');
  });

  it('closes only with an outcome (won or lost), after accepting; the customer gets no notice', async () => {
    const { partner, email, path } = await newLead();
    expect((await api.call('PATCH', path, { token: partner.token, body: { status: 'accepted' } })).status).toBe(200);
    const withoutOutcome = await api.call('PATCH', path, { token: partner.token, body: { status: 'closed' } });
    expect(withoutOutcome.status).toBe(400);
    expect(withoutOutcome.body.errors.outcome).toBeDefined();
    const badOutcome = await api.call('PATCH', path, { token: partner.token, body: { status: 'closed', outcome: 'maybe' } });
    expect(badOutcome.status).toBe(400);
    const closed = await api.call('PATCH', path, { token: partner.token, body: { status: 'closed', outcome: 'lost' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'lost' });
    expect(closed.body.endedAt).toBeDefined();
    expect((await api.get(path, partner.token)).body.outcome).toBe('lost');
    await waitForEmails(email, /Contact me/);
    expect((await api.emails(email)).map((e) => e.subject)).toEqual([`Your “Contact me” request to ${partner.name}`]);
  });

  it('refuses a reason on anything but a decline, an outcome on anything but a close, and unsafe or long reasons; nothing changes', async () => {
    const { partner, path } = await newLead();
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'accepted', reason: 'x' }, 'reason'],
      [{ status: 'declined', outcome: 'won' }, 'outcome'],
      [{ status: 'declined', reason: 'x'.repeat(1001) }, 'reason'],
      [{ status: 'declined', reason: 'Fine\u202Eenil' }, 'reason'],
      [{ status: 'declined', reason: '   ' }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const refused = await api.call('PATCH', path, { token: partner.token, body });
      expect([body, refused.status, refused.body.code]).toEqual([body, 400, 'validation-failed']);
      expect([body, JSON.stringify(refused.body.errors ?? {})]).toEqual([body, expect.stringContaining(field)]);
    }
    const lead = (await api.get(path, partner.token)).body;
    expect(lead.status).toBe('new');
    expect(lead.declineReason).toBeUndefined();
    const longest = await api.call('PATCH', path, {
      token: partner.token,
      body: { status: 'declined', reason: 'x'.repeat(1000) },
    });
    expect(longest.status).toBe(200);
  });
});
