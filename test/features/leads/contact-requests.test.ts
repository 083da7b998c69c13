// "Contact me" end to end through the local host: lead stored, partner emailed via queue + ACS sink, dedupe, throttle.
import { contactRequestBody, sharedStack, uniqueEmail, waitFor } from '../../support/api.js';

const api = sharedStack();

describe('contact requests', () => {
  it('stores the lead, answers 201 and emails the partner through the queue within seconds', async () => {
    const partner = await api.createPartner();
    const body = contactRequestBody();
    const response = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body });
    expect(response.status).toBe(201);
    expect(response.body.id).toMatch(/^lead_/);
    expect(response.headers.get('etag')).toBeTruthy();

    const emails = await waitFor(async () => {
      const list = await api.emails(partner.contactEmail);
      return list.length > 0 ? list : undefined;
    }, 'the lead email');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain('Contoso Retail');
    expect(emails[0]!.text).toContain(body.needs);
    expect(emails[0]!.text).toContain(body.contact.email);
    expect(emails[0]!.html).toContain('Contoso Retail');

    const lead = await waitFor(async () => {
      const r = await api.get(`/partner/contact-requests/${response.body.id}`, partner.token);
      return r.body.notificationStatus === 'sent' ? r : undefined;
    }, 'notificationStatus sent');
    expect(lead.body).toMatchObject({ id: response.body.id, status: 'new', partnerId: partner.id, needs: body.needs });
  });

  it('gives the same email asking the same partner again the existing lead (200), with no second email', async () => {
    const partner = await api.createPartner();
    const body = contactRequestBody();
    const first = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body });
    const again = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      body: { ...body, contact: { ...body.contact, email: body.contact.email.toUpperCase() }, needs: 'Second try' },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    await waitFor(async () => (await api.emails(partner.contactEmail)).length === 1, 'first email');
    const list = await api.get('/partner/contact-requests', partner.token);
    expect(list.body.items).toHaveLength(1);
    expect(await api.emails(partner.contactEmail)).toHaveLength(1);
  });

  it('lets identical concurrent requests create one lead only', async () => {
    const partner = await api.createPartner();
    const body = contactRequestBody();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.call('POST', `/partners/${partner.id}/contact-requests`, { body })),
    );
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    const list = await api.get('/partner/contact-requests', partner.token);
    expect(list.body.items).toHaveLength(1);
  });

  it('throttles one email address asking many partners (429 + Retry-After) and stores nothing more', async () => {
    const email = uniqueEmail('busy');
    const partners = await Promise.all(Array.from({ length: 4 }, () => api.createPartner()));
    const statuses: number[] = [];
    for (const partner of partners) {
      const r = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody(email) });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(r.body.code).toBe('throttled');
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    const throttled = partners[3]!;
    expect((await api.get('/partner/contact-requests', throttled.token)).body.items).toHaveLength(0);
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const partner = await api.createPartner();
    const body = contactRequestBody();
    const key = `key-${Date.now()}`;
    const first = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      body,
      headers: { 'idempotency-key': key },
    });
    const replay = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const other = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      body: contactRequestBody(),
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency-key-reused');
    expect((await api.get('/partner/contact-requests', partner.token)).body.items).toHaveLength(1);
  });

  it('answers 404 for an unknown partner and validates every field', async () => {
    const missing = await api.call('POST', '/partners/ptn_doesnotexist/contact-requests', { body: contactRequestBody() });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not-found');

    const partner = await api.createPartner();
    const bad = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      body: {
        ...contactRequestBody('not-an-email'),
        needs: 'x'.repeat(2001),
        organization: { name: 'A', size: '7', industry: 'retail' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(Object.keys(bad.body.errors)).toEqual(expect.arrayContaining(['contact.email', 'needs', 'organization.size']));
    expect((await api.get('/partner/contact-requests', partner.token)).body.items).toHaveLength(0);
  });

  it('lets the partner move a lead new → accepted → closed, refuses other moves (409) and stale If-Match (412)', async () => {
    const partner = await api.createPartner();
    const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    const path = `/partner/contact-requests/${created.body.id}`;
    // The email worker updates the lead once the notice is sent; take the ETag after that.
    const current = await waitFor(async () => {
      const r = await api.get(path, partner.token);
      return r.body.notificationStatus === 'sent' ? r : undefined;
    }, 'notice sent');
    const etag = current.headers.get('etag')!;

    const closedTooEarly = await api.call('PATCH', path, { token: partner.token, body: { status: 'closed', outcome: 'lost' } });
    expect(closedTooEarly.status).toBe(409);
    expect(closedTooEarly.body.code).toBe('invalid-transition');

    const accepted = await api.call('PATCH', path, {
      token: partner.token,
      body: { status: 'accepted' },
      headers: { 'if-match': etag },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');

    const stale = await api.call('PATCH', path, {
      token: partner.token,
      body: { status: 'closed', outcome: 'won' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition-failed');

    const closed = await api.call('PATCH', path, {
      token: partner.token,
      body: { status: 'closed', outcome: 'won' },
      headers: { 'if-match': accepted.headers.get('etag')! },
    });
    expect(closed.status).toBe(200);
    const declined = await api.call('PATCH', path, { token: partner.token, body: { status: 'declined' } });
    expect(declined.status).toBe(409);

    const byStatus = await api.get('/partner/contact-requests?status=closed', partner.token);
    expect(byStatus.body.items.map((l: { id: string }) => l.id)).toEqual([created.body.id]);
    expect((await api.get('/partner/contact-requests?status=new', partner.token)).body.items).toHaveLength(0);
  });

  it("hides one partner's leads from another partner (404) and changes nothing", async () => {
    const owner = await api.createPartner();
    const other = await api.createPartner();
    const created = await api.call('POST', `/partners/${owner.id}/contact-requests`, { body: contactRequestBody() });
    const path = `/partner/contact-requests/${created.body.id}`;
    expect((await api.get(path, other.token)).status).toBe(404);
    const patch = await api.call('PATCH', path, { token: other.token, body: { status: 'declined' } });
    expect(patch.status).toBe(404);
    expect((await api.get('/partner/contact-requests', other.token)).body.items).toHaveLength(0);
    expect((await api.get(path, owner.token)).body.status).toBe('new');
  });

  it('lets a sales agent read and move leads but not manage the profile', async () => {
    const partner = await api.createPartner();
    const sales = await api.partnerToken(partner.tenantId, ['Partner.SalesAgent']);
    const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
    expect((await api.get('/partner/contact-requests', sales)).body.items).toHaveLength(1);
    expect(
      (await api.call('PATCH', `/partner/contact-requests/${created.body.id}`, { token: sales, body: { status: 'declined' } }))
        .status,
    ).toBe(200);
    const profile = await api.get('/partner/profile', sales);
    expect(profile.status).toBe(403);
    expect(profile.body.code).toBe('partner-role-required');
    const noRole = await api.get('/partner/contact-requests', await api.partnerToken(partner.tenantId, []));
    expect(noRole.status).toBe(403);
  });

  it("pages a partner's leads with continuation tokens, newest first", async () => {
    const partner = await api.createPartner();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() })).body.id);
    }
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; continuationToken: string | null } } = await api.get(
        `/partner/contact-requests?pageSize=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
        partner.token,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((l) => l.id));
      token = page.body.continuationToken;
    } while (token);
    expect(seen).toEqual([...ids].reverse());
  });
});
