// Verifies RS256 access tokens against a JWKS, issuer (optionally per-tenant) and audience.
import type * as JoseModule from 'jose';
import type { JWTPayload } from 'jose';
import { z } from 'zod';
import { UnauthorizedError } from '../core/errors.js';
import { TENANT_ID_PATTERN, type Principal } from '../core/principal.js';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface TokenVerifierOptions {
  jwksUrl: string;
  /** A literal issuer, or one containing `{tenantid}` that must equal the token's own `tid` (multi-tenant apps). */
  issuer: string;
  audience: string;
  clockSkewSeconds: number;
  /** Seconds since the epoch; injected so the local stack's adjustable clock also moves token expiry. */
  currentTime?: () => Date;
}

/** The most `groups` a token may list (Entra's own limit for JWTs). */
export const MAX_TOKEN_GROUPS = 200;

const claimsSchema = z.object({
  tid: z.string().min(1).max(100),
  oid: z.string().min(1).max(100),
  name: z.string().max(300).optional(),
  wids: z.array(z.string()).max(200).default([]),
  roles: z.array(z.string()).max(200).default([]),
  // Entra lists at most 200 groups in a token (beyond that it sends an overage claim instead, which this API does not
  // follow: such an agent holds no role through groups). Each must be an object id: anything else is not a group.
  groups: z.array(z.string().regex(TENANT_ID_PATTERN)).max(MAX_TOKEN_GROUPS).default([]),
});

const TENANT_PLACEHOLDER = /\{tenantid\}/i;

/** Tokens remembered as verified (the oldest forgotten first): bounded, whatever the number of callers. */
const REMEMBERED_TOKENS = 1000;

type Jose = typeof JoseModule;

export function createJwksTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const perTenantIssuer = TENANT_PLACEHOLDER.test(options.issuer);
  // jose is imported with the first token to verify, not when the functions are registered (cold start); the key set
  // it builds caches the JWKS for every later call.
  let loaded: Promise<{ jose: Jose; jwks: ReturnType<Jose['createRemoteJWKSet']> }> | undefined;
  const load = () =>
    (loaded ??= import('jose').then((jose) => ({
      jose,
      jwks: jose.createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 3_600_000 }),
    })));

  // A client sends the same token with every request for up to an hour: a token verified once is remembered (by its
  // exact text, signature included) until it expires, so later requests skip the signature check — the costliest
  // part of a request that reads one item. The time checks still run on every request, against the current time.
  const verified = new Map<string, { principal: Principal; notBefore: number; expires: number }>();
  const now = () => (options.currentTime?.() ?? new Date()).getTime() / 1000;

  return {
    async verify(token: string): Promise<Principal> {
      const remembered = verified.get(token);
      if (remembered) {
        const at = now();
        if (at >= remembered.notBefore - options.clockSkewSeconds && at < remembered.expires + options.clockSkewSeconds) {
          return remembered.principal;
        }
        verified.delete(token);
      }
      const { jose, jwks } = await load();
      const { jwtVerify, errors: joseErrors } = jose;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          algorithms: ['RS256'],
          audience: options.audience,
          issuer: perTenantIssuer ? undefined : options.issuer,
          clockTolerance: options.clockSkewSeconds,
          requiredClaims: ['exp', 'iss', 'tid', 'oid'],
          currentDate: options.currentTime?.(),
        }));
      } catch (error) {
        throw new UnauthorizedError(describeJoseFailure(joseErrors, error), 'invalid-token');
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) {
        throw new UnauthorizedError(
          'The access token lacks the tid/oid claims, or its other claims are malformed.',
          'invalid-token',
        );
      }
      if (!TENANT_ID_PATTERN.test(claims.data.tid)) {
        throw new UnauthorizedError('The access token\'s "tid" claim is not a tenant id (a GUID).', 'invalid-token');
      }
      // Normalised once, here: every comparison and lookup after this sees the lower-case id.
      const tenantId = claims.data.tid.toLowerCase();
      if (perTenantIssuer) {
        const issuers = [claims.data.tid, tenantId].map((tid) => options.issuer.replace(TENANT_PLACEHOLDER, tid));
        if (!issuers.includes(String(payload.iss))) {
          throw new UnauthorizedError('The token issuer does not match its tenant.', 'invalid-token');
        }
      }
      const principal: Principal = {
        tenantId,
        userId: claims.data.oid,
        name: claims.data.name,
        wids: claims.data.wids,
        roles: claims.data.roles,
        // Normalised once, here, like the tenant id: group ids are compared in lower case only.
        groups: [...new Set(claims.data.groups.map((g) => g.toLowerCase()))],
      };
      if (verified.size >= REMEMBERED_TOKENS) verified.delete(verified.keys().next().value!);
      verified.set(token, { principal, notBefore: payload.nbf ?? 0, expires: payload.exp! });
      return principal;
    },
  };
}

function describeJoseFailure(joseErrors: Jose['errors'], error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The access token's "${error.claim}" claim is not acceptable.`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The access token signature is invalid.';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The access token was not signed by a trusted key.';
  if (error instanceof joseErrors.JOSEError) return 'The access token is not valid.';
  return 'The access token could not be verified.';
}
