// Bad tokens on every endpoint that reads one (the contract list's signedIn and optionalUser endpoints): missing,
// malformed, signed by a key the API does not trust, tampered, expired, for another audience, unsigned (alg none),
// HMAC-signed with the public key (algorithm confusion) — each a 401 problem, never an anonymous fallback, and nothing
// changes although every forged token claims the owner's identity. A second stack trusts a key this test holds, so it
// can sign tokens that are wrong in one claim only: another issuer, another tenant's issuer, not yet valid, without
// exp/tid/oid, another RS algorithm, a key named by jku/jwk headers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { wellKnownRoles } from '../../shared/features/catalog/roles.js';
import type { EndpointContract } from '../../shared/platform/http/endpoint.js';
import { sharedStack, TestClient } from '../support/api.js';
import { startStackProcess, type StackProcess } from '../support/stack-process.js';
import {
  describeCall,
  inParallel,
  problemFinding,
  report,
  sideOf,
  Tally,
  tokenContracts,
  validRequest,
} from './attack-surface.js';
import { buildWorld, differences, paramsOf, settledSnapshot, type Snapshot, type World } from './world.js';

const api = sharedStack();
const badTokens = new Tally('bad-token', 'bad-token calls');
const issuerAttacks = new Tally('issuer', 'calls with tokens wrong in one claim, signed by a trusted key');

afterAll(() => report([badTokens, issuerAttacks]));

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A request the contract accepts, aimed at the owner's resources (when there is a world): a token bypass would act on them. */
function request(contract: EndpointContract, world: World | undefined) {
  const params = world
    ? paramsOf(world.owner)
    : {
        partnerId: 'ptn_x',
        customerTenantId: randomUUID(),
        invitationId: 'inv_x',
        contactRequestId: 'lead_x',
        roleTemplateId: 'rtpl_x',
        operationId: 'op_x',
        groupId: randomUUID(),
      };
  return validRequest(contract, params, world?.owner.pendingInvitation.code ?? 'code');
}

interface BadToken {
  name: string;
  /** The Authorization header, or undefined for none. */
  header: string | undefined;
  code: 'token-missing' | 'invalid-token';
}

/** Sends every bad token to every token endpoint; each must be a 401 problem with the stable code. */
async function attack(client: TestClient, tally: Tally, tokensFor: (c: EndpointContract) => BadToken[], world?: World) {
  await inParallel(
    tokenContracts.flatMap((contract) =>
      tokensFor(contract).map((bad) => async () => {
        const r = request(contract, world);
        const answer = await client.call(contract.method, r.path, {
          ...(bad.header !== undefined ? { headers: { authorization: bad.header } } : {}),
          ...(r.body ? { body: r.body } : {}),
        });
        tally.count();
        const what = `${describeCall(contract, r.path)} with ${bad.name}`;
        if (!tally.check(what, problemFinding(answer, [401]))) return;
        tally.check(what, answer.body.code === bad.code ? undefined : `code ${answer.body.code}, expected ${bad.code}`);
        if (bad.header && bad.header.length > 20) {
          const token = bad.header.replace(/^\S+\s+/, '');
          tally.check(what, answer.text.includes(token) ? 'the answer echoes the token' : undefined);
        }
      }),
    ),
    6,
  );
}

describe('bad tokens against the shared stack', () => {
  let world: World;
  let before: Snapshot;
  beforeAll(async () => {
    world = await buildWorld(api);
    before = await settledSnapshot(api, world);
  });

  it('every token endpoint answers 401 to a missing, malformed, forged, tampered, expired, foreign-audience, unsigned or HMAC-confused token', async () => {
    const issuer = api.stack.settings.AUTH_ISSUER!;
    const audience = api.stack.settings.AUTH_AUDIENCE!;
    const jwks = (await (await fetch(`${api.stack.origin}/.dev/jwks`)).json()) as { keys: (JWK & { kid: string })[] };
    const trustedKid = jwks.keys[0]!.kid;
    const { privateKey: untrusted } = await generateKeyPair('RS256');
    // Algorithm confusion: an HS256 token whose secret is the trusted public key, as a lax verifier would use it.
    const publicPem = new TextEncoder().encode(await exportSPKI((await importJWK(jwks.keys[0]!, 'RS256')) as CryptoKey));

    // Every forged token claims the owner's identity on its side: a bypass would act as the owner.
    const identities = {
      partner: { tid: world.owner.partner.tenantId, roles: ['Partner.AdminAgent'], wids: [] as string[] },
      customer: { tid: world.owner.customer.tenantId, roles: [] as string[], wids: [wellKnownRoles.globalAdministrator] },
    };
    const sign = (claims: JWTPayload, key: CryptoKey | Uint8Array, header: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key);

    // Tokens per side, minted once: the dev identity provider's real ones (then broken) and forged ones.
    const tokensBySide = new Map<string, BadToken[]>();
    for (const side of ['partner', 'customer'] as const) {
      const claims: JWTPayload = { ...identities[side], oid: randomUUID(), name: 'Forger' };
      const devClaims = { tenantId: identities[side].tid, roles: identities[side].roles, wids: identities[side].wids };
      const valid = await api.token(devClaims);
      const [header, payload, signature] = valid.split('.') as [string, string, string];
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;
      const other = await api.token({
        tenantId: randomUUID(),
        roles: ['Partner.AdminAgent'],
        wids: [wellKnownRoles.globalAdministrator],
      });
      const bearer = (t: string) => `Bearer ${t}`;
      const invalid = (name: string, header: string): BadToken => ({ name, header, code: 'invalid-token' });
      tokensBySide.set(side, [
        { name: 'no token', header: undefined, code: 'token-missing' },
        invalid('an empty Bearer', 'Bearer '),
        invalid('Basic credentials', 'Basic dXNlcjpwYXNzd29yZA=='),
        invalid('garbage', bearer('garbage')),
        invalid('three dots of garbage', bearer('a.b.c')),
        invalid('a token with a space and more', `Bearer ${valid} extra`),
        invalid('a 6 KiB token', bearer('A'.repeat(6 * 1024))),
        invalid('another key, with the trusted kid', bearer(await sign(claims, untrusted, { kid: trustedKid }))),
        invalid('another key, without a kid', bearer(await sign(claims, untrusted, {}))),
        invalid(
          'a tampered payload (roles widened)',
          bearer(
            `${header}.${b64({ ...decoded, roles: ['Partner.AdminAgent'], wids: [wellKnownRoles.globalAdministrator] })}.${signature}`,
          ),
        ),
        invalid('another tenant’s signature on this payload', bearer(`${header}.${payload}.${other.split('.')[2]}`)),
        invalid('the signature stripped', bearer(`${header}.${payload}.`)),
        invalid('alg none', bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...decoded })}.`)),
        invalid(
          'alg none with the old signature',
          bearer(`${b64({ alg: 'none', typ: 'JWT', kid: trustedKid })}.${payload}.${signature}`),
        ),
        invalid(
          'HS256 keyed with the trusted public key',
          bearer(await new SignJWT(decoded).setProtectedHeader({ alg: 'HS256', kid: trustedKid }).sign(publicPem)),
        ),
        invalid('expired', bearer(await api.token({ ...devClaims, expiresInSeconds: -3600 }))),
        invalid('another audience', bearer(await api.token({ ...devClaims, audience: 'api://someone-else' }))),
      ]);
    }
    await attack(
      api,
      badTokens,
      (c) => {
        const tokens = tokensBySide.get(sideOf(c) === 'customer' ? 'customer' : 'partner')!;
        // An optional token may be absent (the endpoint serves the public), but never wrong.
        return c.auth === 'optionalUser' ? tokens.filter((t) => t.header !== undefined) : tokens;
      },
      world,
    );
    expect(badTokens.findings).toEqual([]);
    expect(badTokens.calls).toBeGreaterThan(300);
  });

  it('nothing the forged tokens claimed to do happened', async () => {
    expect(differences(before, await settledSnapshot(api, world))).toEqual([]);
  });
});

describe('tokens wrong in one claim, signed by a key the API trusts', () => {
  let stack: StackProcess;
  let client: TestClient;
  let jwksServer: Server;
  let trusted: { privateKey: CryptoKey; rs384Key: CryptoKey; kid: string };
  let attacker: { privateKey: CryptoKey; publicJwk: JWK };
  let jwksBase: string;
  const ISSUER = 'https://login.security.test/{tenantid}/v2.0';
  const AUDIENCE = 'api://security-suite';

  beforeAll(async () => {
    const kid = randomUUID();
    const trustedPair = await generateKeyPair('RS256', { extractable: true });
    const attackerPair = await generateKeyPair('RS256', { extractable: true });
    // The same RSA key material, imported for RS384: a verifier that only checks the key, not the algorithm, would pass it.
    const rs384Key = (await importJWK({ ...(await exportJWK(trustedPair.privateKey)), alg: 'RS384' }, 'RS384')) as CryptoKey;
    trusted = { privateKey: trustedPair.privateKey, rs384Key, kid };
    attacker = {
      privateKey: attackerPair.privateKey,
      publicJwk: { ...(await exportJWK(attackerPair.publicKey)), kid: 'attacker', alg: 'RS256' },
    };
    const keys = {
      trusted: [{ ...(await exportJWK(trustedPair.publicKey)), kid, alg: 'RS256', use: 'sig' }],
      attacker: [attacker.publicJwk],
    };
    // The identity provider this stack trusts is this test: its JWKS, and an attacker's JWKS for jku to point at.
    jwksServer = createServer((req, res) => {
      const set = req.url === '/attacker/jwks' ? keys.attacker : keys.trusted;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: set }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksBase = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
    stack = await startStackProcess([
      ...['--setting', `AUTH_JWKS_URL=${jwksBase}/jwks`],
      ...['--setting', `AUTH_ISSUER=${ISSUER}`],
      ...['--setting', `AUTH_AUDIENCE=${AUDIENCE}`],
    ]);
    client = new TestClient(stack.info);
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  const issuerFor = (tid: string) => ISSUER.replace('{tenantid}', tid);

  /** A token right in every claim, then `change` applied: the one wrong thing about it. */
  async function token(
    change: {
      claims?: Record<string, unknown>;
      drop?: string[];
      header?: Record<string, unknown>;
      key?: CryptoKey;
      nbf?: number;
      exp?: number;
    } = {},
  ): Promise<string> {
    const tid = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      tid,
      oid: randomUUID(),
      wids: [wellKnownRoles.globalAdministrator],
      roles: ['Partner.AdminAgent'],
      iss: issuerFor(tid),
      aud: AUDIENCE,
      iat: now - 60,
      nbf: now - 60,
      exp: now + 600,
      ...change.claims,
      ...(change.nbf !== undefined ? { nbf: change.nbf } : {}),
      ...(change.exp !== undefined ? { exp: change.exp } : {}),
    };
    for (const name of change.drop ?? []) delete claims[name];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: trusted.kid, ...change.header })
      .sign(change.key ?? trusted.privateKey);
  }

  it('accepts the right token (the control: everything below is wrong in one claim only)', async () => {
    const answer = await client.get('/customer/agreements', await token());
    expect(answer.status).toBe(200);
  });

  it('every token endpoint answers 401 to another issuer, another tenant’s issuer, a token not yet valid or long expired, one without exp, tid or oid, RS384, or a key named by jku or an embedded jwk', async () => {
    const now = Math.floor(Date.now() / 1000);
    const other = randomUUID();
    const wrong: [string, string][] = [
      ['another issuer', await token({ claims: { iss: 'https://login.evil.test/v2.0' } })],
      ['another tenant’s issuer', await token({ claims: { iss: issuerFor(other) } })],
      ['the issuer template itself', await token({ claims: { iss: ISSUER } })],
      ['an issuer in another case', await token({ claims: { iss: issuerFor(randomUUID()).toUpperCase() } })],
      ['no issuer', await token({ drop: ['iss'] })],
      ['not valid for an hour yet', await token({ nbf: now + 3600 })],
      ['expired an hour ago', await token({ exp: now - 3600 })],
      ['no exp', await token({ drop: ['exp'] })],
      ['no tid', await token({ drop: ['tid'] })],
      ['no oid', await token({ drop: ['oid'] })],
      ['another audience', await token({ claims: { aud: 'api://another-app' } })],
      ['RS384 with the trusted key', await token({ header: { alg: 'RS384' }, key: trusted.rs384Key })],
      [
        'an attacker key named by jku',
        await token({ header: { kid: 'attacker', jku: `${jwksBase}/attacker/jwks` }, key: attacker.privateKey }),
      ],
      [
        'an attacker key embedded as jwk',
        await token({ header: { kid: undefined, jwk: attacker.publicJwk }, key: attacker.privateKey }),
      ],
    ];
    const bad = wrong.map(([name, t]): BadToken => ({ name, header: `Bearer ${t}`, code: 'invalid-token' }));
    await attack(client, issuerAttacks, () => bad);
    expect(issuerAttacks.findings).toEqual([]);
  });
});
