// The partner directory through the local host: partners manage their listing; anyone searches it with every filter.
import { randomUUID } from 'node:crypto';
import { partnerProfileBody, sharedStack } from '../../support/api.js';
import { settled } from '../../support/cosmos-faults.js';

const api = sharedStack();

describe('partner profile (partner side)', () => {
  it('creates the profile with 201, updates it with 200, and honours If-Match', async () => {
    const tenantId = randomUUID();
    const token = await api.partnerToken(tenantId);
    const body = partnerProfileBody('Profile Co', 'sales@profile.test');
    const created = await api.call('PUT', '/partner/profile', { token, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Profile Co', partnerTenantId: tenantId });
    expect(created.body.id).toMatch(/^ptn_/);
    const etag = created.headers.get('etag')!;

    const updated = await api.call('PUT', '/partner/profile', {
      token,
      body: { ...body, name: 'Profile Co Renamed' },
      headers: { 'if-match': etag },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.id).toBe(created.body.id);
    expect(updated.body.createdAt).toBe(created.body.createdAt);

    const stale = await api.call('PUT', '/partner/profile', {
      token,
      body: { ...body, name: 'Lost update' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const own = await api.get('/partner/profile', token);
    expect(own.status).toBe(200);
    expect(own.body.name).toBe('Profile Co Renamed');
    expect((await api.get(`/partners/${created.body.id}`)).body.name).toBe('Profile Co Renamed');
  });

  it('answers 404 for a partner tenant without a profile, 403 without Partner.AdminAgent', async () => {
    const tenantId = randomUUID();
    expect((await api.get('/partner/profile', await api.partnerToken(tenantId))).status).toBe(404);
    const sales = await api.call('PUT', '/partner/profile', {
      token: await api.partnerToken(tenantId, ['Partner.SalesAgent']),
      body: partnerProfileBody('Nope', 'x@y.test'),
    });
    expect(sales.status).toBe(403);
    expect((await api.get('/partner/profile', await api.partnerToken(tenantId))).status).toBe(404);
  });

  it('rejects invalid profiles field by field and stores nothing', async () => {
    const tenantId = randomUUID();
    const token = await api.partnerToken(tenantId);
    const bad = await api.call('PUT', '/partner/profile', {
      token,
      body: {
        ...partnerProfileBody('', 'not-an-email'),
        website: 'ftp://x',
        locations: [{ country: 'FRA' }],
        partnerTypes: ['reseller', 'reseller'],
        organizationSizes: ['2-3'],
        unknownField: true,
      },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(
      expect.arrayContaining(['name', 'contactEmail', 'website', 'locations.0.country', 'partnerTypes', 'organizationSizes.0']),
    );
    expect((await api.get('/partner/profile', token)).status).toBe(404);
  });
});

describe('directory search (public)', () => {
  const marker = `zq${randomUUID().slice(0, 8)}`;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const variants = {
      alpha: {
        locations: [{ country: 'IT', city: 'Milano' }],
        industries: ['healthcare'],
        products: ['Azure'],
        organizationSizes: ['1000+'],
        partnerTypes: ['gdap'],
      },
      beta: {
        locations: [{ country: 'DE', city: 'Berlin' }],
        industries: ['retail'],
        products: ['Dynamics 365'],
        organizationSizes: ['1-9'],
        partnerTypes: ['oem', 'isv'],
      },
      gamma: {
        locations: [
          { country: 'IT', city: 'Roma' },
          { country: 'ES', city: 'Madrid' },
        ],
        industries: ['retail', 'education'],
        products: ['Microsoft 365'],
        organizationSizes: ['10-49'],
        partnerTypes: ['reseller'],
      },
    };
    for (const [key, overrides] of Object.entries(variants)) {
      const partner = await api.createPartner({
        name: `${key} ${marker} Services`,
        description: `Listing ${key} for ${marker.toUpperCase()}`,
        ...overrides,
      });
      ids[key] = partner.id;
    }
    // Searches read the directory listing, which the change feed of partners keeps: wait until it carried these.
    await settled(api.stack);
  });

  const search = async (query: string) => {
    const response = await api.get(`/partners?q=${marker}&${query}`);
    expect(response.status).toBe(200);
    return (response.body.items as { id: string }[]).map((p) => p.id).sort();
  };

  it('finds by text in name or description, case-insensitively', async () => {
    expect(await search('')).toEqual([ids.alpha, ids.beta, ids.gamma].sort());
    const upper = await api.get(`/partners?q=${marker.toUpperCase()}`);
    expect(upper.body.items).toHaveLength(3);
    expect((await api.get(`/partners?q=${marker}-absent`)).body.items).toHaveLength(0);
  });

  it.each([
    ['country=IT', ['alpha', 'gamma']],
    ['country=it', ['alpha', 'gamma']],
    ['country=ES', ['gamma']],
    ['industry=retail', ['beta', 'gamma']],
    ['product=Azure', ['alpha']],
    ['product=Microsoft%20365', ['gamma']],
    ['organizationSize=1-9', ['beta']],
    ['partnerType=oem', ['beta']],
    ['country=IT&industry=retail', ['gamma']],
    ['country=DE&partnerType=gdap', []],
  ])('filters by %s', async (query, expected) => {
    expect(await search(query)).toEqual(expected.map((k) => ids[k]).sort());
  });

  it('shows a changed profile in searches once the change feed carried it; its own page at once', async () => {
    const partner = await api.createPartner({ name: `delta ${marker} Listing`, description: 'Before the change' });
    await settled(api.stack);
    expect(await search('')).toContain(partner.id);
    const renamed = await api.call('PUT', '/partner/profile', {
      token: partner.token,
      body: {
        ...partnerProfileBody(`renamed ${randomUUID().slice(0, 8)}`, partner.contactEmail),
        description: 'After the change',
      },
    });
    expect(renamed.status).toBe(200);
    // Its own page reads the profile itself: the new name at once.
    expect((await api.get(`/partners/${partner.id}`)).body.description).toBe('After the change');
    await settled(api.stack);
    expect(await search('')).not.toContain(partner.id);
    expect(await search('')).toEqual([ids.alpha, ids.beta, ids.gamma].sort());
  });

  it('pages results with an opaque continuation token', async () => {
    const first = await api.get(`/partners?q=${marker}&pageSize=2`);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.continuationToken).toBe('string');
    const second = await api.get(
      `/partners?q=${marker}&pageSize=2&continuationToken=${encodeURIComponent(first.body.continuationToken)}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.continuationToken).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((p: { id: string }) => p.id).sort();
    expect(all).toEqual([ids.alpha, ids.beta, ids.gamma].sort());
  });

  it('rejects bad filters and paging with 400 problems', async () => {
    for (const query of [
      'pageSize=0',
      'pageSize=101',
      'pageSize=abc',
      'country=France',
      'industry=space',
      'partnerType=friend',
      'continuationToken=%%%garbage',
    ]) {
      const response = await api.get(`/partners?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.body.code).toBe('validation-failed');
    }
  });

  it('returns one profile by id, 404 for an unknown or malformed id', async () => {
    const one = await api.get(`/partners/${ids.alpha}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids.alpha, locations: [{ country: 'IT', city: 'Milano' }] });
    expect(one.headers.get('etag')).toBeTruthy();
    expect((await api.get('/partners/ptn_unknown')).status).toBe(404);
    expect((await api.get('/partners/not%20an%20id')).status).toBe(400);
  });
});
