// The development identity provider: an RSA key the local API trusts, its JWKS, and POST /.dev/token.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const DEV_AUDIENCE = 'api://partner-relationships';

export const devTokenRequestSchema = z
  .object({
    tenantId: z.string().min(1).max(100),
    userId: z.string().min(1).max(100).optional(),
    name: z.string().max(200).optional(),
    wids: z.array(z.string()).max(50).default([]),
    roles: z.array(z.string()).max(50).default([]),
    /** Security group object ids (GUIDs) the user belongs to: what access assignments give roles to. */
    groups: z.array(z.string()).max(250).default([]),
    /** Negative values mint already-expired tokens, for tests. */
    expiresInSeconds: z.number().int().min(-86400).max(86400).default(3600),
    audience: z.string().optional(),
  })
  .strict();

export type DevTokenRequest = z.input<typeof devTokenRequestSchema>;

export interface DevIdentityProvider {
  issuer: string;
  audience: string;
  jwks(): { keys: JWK[] };
  issueToken(request: DevTokenRequest, now?: Date): Promise<string>;
}

export async function createDevIdentityProvider(issuer: string): Promise<DevIdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    issuer,
    audience: DEV_AUDIENCE,
    jwks: () => ({ keys: [publicJwk] }),
    async issueToken(raw, now = new Date()) {
      const request = devTokenRequestSchema.parse(raw);
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({
        tid: request.tenantId,
        oid: request.userId ?? randomUUID(),
        ...(request.name ? { name: request.name } : {}),
        wids: request.wids,
        roles: request.roles,
        ...(request.groups.length > 0 ? { groups: request.groups } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(request.audience ?? DEV_AUDIENCE)
        .setIssuedAt(Math.min(iat, iat + request.expiresInSeconds - 60))
        .setNotBefore(Math.min(iat, iat + request.expiresInSeconds - 60))
        .setExpirationTime(iat + request.expiresInSeconds)
        .sign(privateKey);
    },
  };
}
