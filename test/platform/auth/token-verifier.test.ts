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

describe('multi-tenant token verification', () => {
  it("accepts a token whose issuer is its own tenant's, and reads the claims the rules use", async () => {
    const token = await sign(
      { tid: 'tenant-a', oid: 'user-1', name: 'Ana', wids: ['w1'], roles: ['Partner.AdminAgent'] },
      'https://login.microsoftonline.com/tenant-a/v2.0',
    );
    await expect(verifier.verify(token)).resolves.toEqual({
      tenantId: 'tenant-a',
      userId: 'user-1',
      name: 'Ana',
      wids: ['w1'],
      roles: ['Partner.AdminAgent'],
    });
  });

  it('refuses a token issued by another tenant than the one it claims (tid)', async () => {
    const token = await sign({ tid: 'tenant-a', oid: 'user-1' }, 'https://login.microsoftonline.com/tenant-b/v2.0');
    await expect(verifier.verify(token)).rejects.toThrow(UnauthorizedError);
  });

  it('refuses a token without tid or oid, and one for another audience', async () => {
    await expect(
      verifier.verify(await sign({ oid: 'user-1' }, 'https://login.microsoftonline.com/tenant-a/v2.0')),
    ).rejects.toThrow(UnauthorizedError);
    await expect(
      verifier.verify(await sign({ tid: 'tenant-a' }, 'https://login.microsoftonline.com/tenant-a/v2.0')),
    ).rejects.toThrow(UnauthorizedError);
    const otherAudience = await sign(
      { tid: 'tenant-a', oid: 'u' },
      'https://login.microsoftonline.com/tenant-a/v2.0',
      'api://other',
    );
    await expect(verifier.verify(otherAudience)).rejects.toThrow(UnauthorizedError);
  });
});
