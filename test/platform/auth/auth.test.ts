// Access tokens: missing, malformed, forged, expired, wrong audience or issuer are 401; wrong roles are 403.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { sharedStack } from '../../support/api.js';

const api = sharedStack();

describe('token verification', () => {
  let partner: Awaited<ReturnType<typeof api.createPartner>>;
  beforeAll(async () => {
    partner = await api.createPartner();
  });

  const expect401 = async (headers: Record<string, string>, code: string) => {
    const response = await api.call('GET', '/partner/contact-requests', { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
    expect(response.text).not.toMatch(/at .*\.js:\d+/);
  };

  it('refuses a missing token', async () => {
    await expect401({}, 'token-missing');
  });

  it('refuses a malformed header or token', async () => {
    await expect401({ authorization: 'Basic abc' }, 'invalid-token');
    await expect401({ authorization: 'Bearer not.a.jwt' }, 'invalid-token');
  });

  it('refuses a token signed by another key (forged)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = await exportJWK(publicKey);
    const jwks = (await (await fetch(`${api.stack.origin}/.dev/jwks`)).json()) as { keys: { kid: string }[] };
    const forged = await new SignJWT({ tid: partner.tenantId, oid: randomUUID(), roles: ['Partner.AdminAgent'] })
      .setProtectedHeader({ alg: 'RS256', kid: jwks.keys[0]!.kid })
      .setIssuer(api.stack.settings.AUTH_ISSUER!)
      .setAudience(api.stack.settings.AUTH_AUDIENCE!)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    expect(jwk.kty).toBe('RSA');
    await expect401({ authorization: `Bearer ${forged}` }, 'invalid-token');
  });

  it('refuses a tampered token', async () => {
    const token = await api.partnerToken(partner.tenantId);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, tid: randomUUID() })).toString('base64url');
    await expect401({ authorization: `Bearer ${header}.${tampered}.${signature}` }, 'invalid-token');
  });

  it('refuses an expired token, a wrong audience and an alg=none token', async () => {
    const expired = await api.token({ tenantId: partner.tenantId, roles: ['Partner.AdminAgent'], expiresInSeconds: -600 });
    const response = await api.call('GET', '/partner/contact-requests', { token: expired });
    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(/expired/);
    const otherAudience = await api.token({
      tenantId: partner.tenantId,
      roles: ['Partner.AdminAgent'],
      audience: 'api://someone-else',
    });
    await expect401({ authorization: `Bearer ${otherAudience}` }, 'invalid-token');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ tid: partner.tenantId, oid: 'x', exp: 9999999999 })).toString('base64url')}.`;
    await expect401({ authorization: `Bearer ${none}` }, 'invalid-token');
  });

  it('accepts a valid token and applies roles (403 when the role is missing)', async () => {
    expect((await api.get('/partner/contact-requests', partner.token)).status).toBe(200);
    const customerAdmin = await api.customerAdminToken(partner.tenantId);
    const forbidden = await api.get('/partner/contact-requests', customerAdmin);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('partner-role-required');
  });

  it('ignores an invalid token on a public endpoint only when none is needed, but never accepts a bad one where used', async () => {
    expect((await api.call('GET', '/partners?pageSize=1', { headers: { authorization: 'Bearer garbage' } })).status).toBe(200);
    const contact = await api.call('POST', `/partners/${partner.id}/contact-requests`, {
      headers: { authorization: 'Bearer garbage' },
      body: {},
    });
    expect(contact.status).toBe(401);
  });
});
