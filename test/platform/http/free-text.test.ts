// Free text people will read (profiles in the directory, leads, invitation messages in emails) refuses control,
// bidirectional-override and zero-width characters with a 400 naming the field, and stores nothing; line breaks stay
// allowed where the text is multi-line.
import { contactRequestBody, partnerProfileBody, sharedStack, uniqueEmail } from '../../support/api.js';
import { invite } from '../../support/invitations.js';

const api = sharedStack();

const hostile = {
  nul: 'Contoso\u0000 Ltd',
  rightToLeftOverride: 'Microsoft 365 \u202eytiruceS',
  zeroWidth: 'Micro\u200bsoft Security Team',
};

describe('free text with hidden characters', () => {
  it.each(Object.entries(hostile))('a lead whose needs hold %s: 400 on `needs`, nothing stored', async (_, text) => {
    const partner = await api.createPartner();
    const answer = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      body: { ...contactRequestBody(), needs: text },
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(['needs']);
    expect((await api.get('/partner/contact-requests', partner.token)).body.items).toEqual([]);
  });

  it.each(Object.entries(hostile))('a partner name holding %s: 400 on `name`', async (_, text) => {
    const partner = await api.createPartner();
    const answer = await api.call('PUT', '/partner/profile', {
      token: partner.token,
      body: { ...partnerProfileBody(partner.name, partner.contactEmail), name: text },
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(['name']);
    expect((await api.get('/partner/profile', partner.token)).body.name).toBe(partner.name);
  });

  it.each(Object.entries(hostile))('an invitation message holding %s: 400 on `message`, no invitation', async (_, text) => {
    const partner = await api.createPartner();
    const answer = await invite(api, partner, { customerEmail: uniqueEmail('ft'), partnerType: 'reseller', message: text });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(['message']);
    expect((await api.get('/partner/invitations', partner.token)).body.items).toEqual([]);
  });

  it('keeps line breaks and tabs in multi-line text, and accented letters everywhere', async () => {
    const partner = await api.createPartner();
    const answer = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      body: { ...contactRequestBody(), needs: 'Migrer vers Microsoft 365 :\n\t- messagerie\n\t- Teams (déjà évalué)' },
    });
    expect(answer.status).toBe(201);
  });
});
