// The multi-tenant issuer rule with real signed JWTs and a real JWKS endpoint: `iss` must name the token's own tenant.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwksTokenVerifier, type TokenVerifier } from '../../../shared/platform/auth/token-verifier.js';
import { UnauthorizedError } from '../../../shared/platform/core/errors.js';

const ISSUER_TEMPLATE = 'https://login.microsoftonline.com/{tenantid}/v2.0';
const AUDIENCE = '11111111-2222-3333-4444-555555555555';
let server: http.Server;
let privateKey: CryptoKey;
let verifier: TokenVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  verifier = createJwksTokenVerifier({
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    issuer: ISSUER_TEMPLATE,
    audience: AUDIENCE,
    clockSkewSeconds: 60,
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const sign = (claims: Record<string, unknown>, issuer: string, audience = AUDIENCE) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

const TENANT_A = 'a1b2c3d4-0000-4000-8000-00000000000a';
const TENANT_B = 'b1b2c3d4-0000-4000-8000-00000000000b';
const issuerOf = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;

describe('multi-tenant token verification', () => {
  it("accepts a token whose issuer is its own tenant's, and reads the claims the rules use", async () => {
    const token = await sign(
      { tid: TENANT_A, oid: 'user-1', name: 'Ana', wids: ['w1'], roles: ['Partner.AdminAgent'] },
      issuerOf(TENANT_A),
    );
    await expect(verifier.verify(token)).resolves.toEqual({
      tenantId: TENANT_A,
      userId: 'user-1',
      name: 'Ana',
      wids: ['w1'],
      roles: ['Partner.AdminAgent'],
      groups: [],
    });
  });

  it('reads the groups claim as object ids, lower-cased and deduplicated; refuses anything else there, or over 200', async () => {
    const group = 'c0ffee00-0000-4000-8000-0000000000aa';
    const token = await sign(
      { tid: TENANT_A, oid: 'user-2', roles: ['Partner.AdminAgent'], groups: [group.toUpperCase(), group] },
      issuerOf(TENANT_A),
    );
    await expect(verifier.verify(token)).resolves.toMatchObject({ groups: [group] });
    for (const groups of [
      ['Helpdesk agents'],
      'not-a-list',
      Array.from({ length: 201 }, (_, i) => `${group.slice(0, -3)}${String(i).padStart(3, '0')}`),
    ]) {
      const bad = await sign({ tid: TENANT_A, oid: 'user-2', groups }, issuerOf(TENANT_A));
      await expect(verifier.verify(bad)).rejects.toThrow(UnauthorizedError);
    }
  });

  it('refuses a token issued by another tenant than the one it claims (tid)', async () => {
    const token = await sign({ tid: TENANT_A, oid: 'user-1' }, issuerOf(TENANT_B));
    await expect(verifier.verify(token)).rejects.toThrow(UnauthorizedError);
    const upper = await sign({ tid: TENANT_A.toUpperCase(), oid: 'user-1' }, issuerOf(TENANT_B));
    await expect(verifier.verify(upper)).rejects.toThrow(UnauthorizedError);
  });

  it('refuses a token without tid or oid, and one for another audience', async () => {
    await expect(verifier.verify(await sign({ oid: 'user-1' }, issuerOf(TENANT_A)))).rejects.toThrow(UnauthorizedError);
    await expect(verifier.verify(await sign({ tid: TENANT_A }, issuerOf(TENANT_A)))).rejects.toThrow(UnauthorizedError);
    const otherAudience = await sign({ tid: TENANT_A, oid: 'u' }, issuerOf(TENANT_A), 'api://other');
    await expect(verifier.verify(otherAudience)).rejects.toThrow(UnauthorizedError);
  });

  it('requires tid to be a GUID (401 otherwise), even when the issuer names the same string', async () => {
    for (const tid of ['tenant-a', 'contoso.onmicrosoft.com', `${TENANT_A}x`, TENANT_A.replaceAll('-', '')]) {
      const token = await sign({ tid, oid: 'user-1' }, issuerOf(tid));
      await expect(verifier.verify(token)).rejects.toThrow(/not a tenant id/);
    }
  });

  it('lower-cases tid once, here: an upper-cased tid is the same tenant, with its issuer written either way', async () => {
    const upper = TENANT_A.toUpperCase();
    for (const issuer of [issuerOf(upper), issuerOf(TENANT_A)]) {
      const principal = await verifier.verify(await sign({ tid: upper, oid: 'user-1' }, issuer));
      expect(principal.tenantId).toBe(TENANT_A);
    }
  });
});

describe('a token verified before', () => {
  it('is remembered only while valid: refused once expired, and a token altered in any way is checked afresh', async () => {
    let now = new Date();
    const remembering = createJwksTokenVerifier({
      jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`,
      issuer: ISSUER_TEMPLATE,
      audience: AUDIENCE,
      clockSkewSeconds: 60,
      currentTime: () => now,
    });
    const token = await sign({ tid: TENANT_A, oid: 'user-2' }, issuerOf(TENANT_A));
    expect((await remembering.verify(token)).userId).toBe('user-2');
    expect((await remembering.verify(token)).userId).toBe('user-2');
    // The same signature on other claims is another token: verified afresh, and refused.
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ tid: TENANT_A, oid: 'admin', iss: issuerOf(TENANT_A), aud: AUDIENCE, exp: 9999999999 })).toString('base64url')}.${signature}`;
    await expect(remembering.verify(forged)).rejects.toBeInstanceOf(UnauthorizedError);
    // Past its expiry (5 minutes, plus the 60 s of skew): refused, although it was remembered.
    now = new Date(now.getTime() + 6 * 60_000 + 1000);
    await expect(remembering.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
