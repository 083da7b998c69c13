// The one place that reads process.env: every setting the app uses, validated with zod at start.
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** `scheme://host[:port]`, or `scheme://host:*` for any port of that host (local development). */
const ORIGIN_ENTRY = /^https?:\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:(\d{1,5}|\*))?$/;

/** A comma-separated list of browser origins, normalised to how browsers send `Origin` (lower case, no slash). */
const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim().toLowerCase().replace(/\/$/, ''))
      .filter((entry) => entry !== '');
    for (const entry of entries.filter((e) => !ORIGIN_ENTRY.test(e))) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not an origin: use scheme://host[:port] (no path), or scheme://host:* for any port`,
      });
    }
    return entries;
  });

/** Every app setting the code reads. Infra (Bicep) must set each required one — a test checks it. */
export const configSchema = z
  .object({
    COSMOS_ENDPOINT: z.url(),
    /** Only for the local Cosmos-protocol server; in Azure the managed identity is used (no keys). */
    COSMOS_KEY: optionalString,
    COSMOS_DATABASE: z.string().min(1).default('partner-relationships'),

    /** Queue service the app sends to, the same account the queue triggers listen on ("QueueStorage" connection). */
    QueueStorage: optionalString,
    QueueStorage__queueServiceUri: optionalString,

    /** ACS endpoint for managed identity in Azure; the connection string is for the local email sink only. */
    ACS_ENDPOINT: optionalString,
    ACS_CONNECTION_STRING: optionalString,
    ACS_ALLOW_INSECURE_CONNECTION: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    EMAIL_SENDER_ADDRESS: z.string().min(3),

    /** Client id of the user-assigned managed identity (Azure only). */
    AZURE_CLIENT_ID: optionalString,

    /** `{tenantid}` is replaced with the token's `tid` (multi-tenant Entra apps); a literal issuer is compared as is. */
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().min(1),
    AUTH_JWKS_URL: z.url(),
    AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(120),

    PORTAL_BASE_URL: z.url(),
    /**
     * Browser origins allowed to call the API (CORS), comma-separated: `https://portal.contoso.com`, or
     * `http://localhost:*` for any port. Empty: no browser page on another origin may call it. Not named
     * CORS_ALLOWED_ORIGINS: the Functions host reads that name itself (as a JSON array) on Flex Consumption.
     */
    APP_CORS_ALLOWED_ORIGINS: originList,
    CUSTOMER_AGREEMENT_VERSION: z.string().min(1).default('2024-01'),
    CUSTOMER_AGREEMENT_URL: z.url().default('https://www.microsoft.com/licensing/docs/customeragreement'),

    /**
     * HMAC-SHA256 key(s) that sign list continuation tokens (a Key Vault reference in Azure). Comma-separated to rotate:
     * the first signs, every one verifies. At least 32 characters each.
     */
    PAGING_TOKEN_KEY: z
      .string()
      .transform((v) => v.split(',').map((k) => k.trim()))
      .pipe(z.array(z.string().min(32, 'each key needs at least 32 characters')).min(1)),

    /** How long a request owns its Idempotency-Key record; a retry may take it over afterwards (the instance died). */
    IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),

    CONTACT_REQUESTS_PER_HOUR_PER_EMAIL: positiveInt(5),
    CONTACT_REQUESTS_PER_HOUR_PER_PARTNER: positiveInt(200),
    /** Per client address (as the platform reports it): one client cannot use up a partner's allowance for everyone. */
    CONTACT_REQUESTS_PER_HOUR_PER_CLIENT: positiveInt(20),
    /** Days an ended contact request (declined, closed, expired) keeps the customer's names, email and phone. */
    CONTACT_REQUEST_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Invitation emails (creates and resends) a partner may send per hour. */
    INVITATIONS_PER_HOUR_PER_PARTNER: positiveInt(100),
    /** Invitation emails one address may receive per day, from every partner together: the sender cannot be used to flood it. */
    INVITATIONS_PER_DAY_PER_RECIPIENT: positiveInt(10),
    /**
     * The pace of bulk operations, in items a minute, shared by every running bulk operation of every partner: each
     * item sends at least one email, and the Azure-managed email domain sends 30 a minute. 20 leaves room for the
     * interactive emails (leads, single invitations, notices).
     */
    BULK_INVITATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(60_000).default(20),

    /**
     * Webhook URLs must be https; plain http is accepted only for a loopback host (127.0.0.1, ::1, localhost), and
     * only when this is `true` — the local stack's receiver. Never set in Azure.
     */
    WEBHOOK_ALLOW_HTTP_LOOPBACK: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** Failed delivery attempts in a row (no success between) after which a partner's webhook is disabled. */
    WEBHOOK_MAX_CONSECUTIVE_FAILURES: z.coerce.number().int().min(1).max(100).default(12),
    /** The first retry's delay; each later one doubles it (capped at 6 hours). */
    WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** How long one delivery attempt may take (connect + answer) before it counts as failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(5000),
  })
  .superRefine((c, ctx) => {
    if (!c.QueueStorage && !c.QueueStorage__queueServiceUri) {
      ctx.addIssue({
        code: 'custom',
        path: ['QueueStorage__queueServiceUri'],
        message: 'set QueueStorage__queueServiceUri (Azure, managed identity) or QueueStorage (local connection string)',
      });
    }
    if (!c.ACS_ENDPOINT && !c.ACS_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['ACS_ENDPOINT'],
        message: 'set ACS_ENDPOINT (Azure, managed identity) or ACS_CONNECTION_STRING (local email sink)',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Settings that have no default and must therefore be provided by every deployment. */
export const requiredSettingNames: readonly string[] = Object.entries(configSchema.shape)
  .filter(([, schema]) => !schema.safeParse(undefined).success)
  .map(([name]) => name);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid app settings — ${problems.join('; ')}`);
  }
  return result.data;
}

let cached: Config | undefined;

/** The app's configuration, parsed once on first use. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
