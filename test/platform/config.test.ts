// Config: parsing, defaults, the settings every deployment needs, and the local sample.
import { parseConfig, requiredSettingNames } from '../../shared/platform/config.js';

const validEnv = {
  COSMOS_ENDPOINT: 'https://cosmos.example.com:443/',
  QueueStorage__queueServiceUri: 'https://st.queue.core.windows.net',
  ACS_ENDPOINT: 'https://acs.communication.azure.com',
  EMAIL_SENDER_ADDRESS: 'DoNotReply@example.com',
  AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
  AUTH_AUDIENCE: '11111111-2222-3333-4444-555555555555',
  AUTH_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
  PORTAL_BASE_URL: 'https://portal.example.com',
  PAGING_TOKEN_KEY: 'k'.repeat(32),
};

describe('config', () => {
  it('parses a complete environment and applies defaults', () => {
    const config = parseConfig(validEnv);
    expect(config.COSMOS_DATABASE).toBe('partner-relationships');
    expect(config.CONTACT_REQUESTS_PER_HOUR_PER_EMAIL).toBe(5);
    expect(config.ACS_ALLOW_INSECURE_CONNECTION).toBe(false);
    expect(config.IDEMPOTENCY_LEASE_SECONDS).toBe(60);
    expect(config.PAGING_TOKEN_KEY).toEqual(['k'.repeat(32)]);
    expect(parseConfig({ ...validEnv, PAGING_TOKEN_KEY: `${'a'.repeat(32)}, ${'b'.repeat(40)}` }).PAGING_TOKEN_KEY).toEqual([
      'a'.repeat(32),
      'b'.repeat(40),
    ]);
  });

  it('fails naming the bad setting', () => {
    expect(() => parseConfig({ ...validEnv, PORTAL_BASE_URL: 'not a url' })).toThrow(/PORTAL_BASE_URL/);
    expect(() => parseConfig({ ...validEnv, COSMOS_ENDPOINT: undefined })).toThrow(/COSMOS_ENDPOINT/);
    expect(() => parseConfig({ ...validEnv, ACS_ENDPOINT: undefined })).toThrow(/ACS_ENDPOINT/);
    expect(() => parseConfig({ ...validEnv, CONTACT_REQUESTS_PER_HOUR_PER_EMAIL: '-1' })).toThrow(
      /CONTACT_REQUESTS_PER_HOUR_PER_EMAIL/,
    );
    expect(() => parseConfig({ ...validEnv, PAGING_TOKEN_KEY: undefined })).toThrow(/PAGING_TOKEN_KEY/);
    expect(() => parseConfig({ ...validEnv, PAGING_TOKEN_KEY: 'short' })).toThrow(/PAGING_TOKEN_KEY/);
    expect(() => parseConfig({ ...validEnv, IDEMPOTENCY_LEASE_SECONDS: '1' })).toThrow(/IDEMPOTENCY_LEASE_SECONDS/);
  });

  it('lists the settings every deployment must provide', () => {
    expect(requiredSettingNames).toEqual(
      expect.arrayContaining([
        'COSMOS_ENDPOINT',
        'EMAIL_SENDER_ADDRESS',
        'AUTH_ISSUER',
        'AUTH_AUDIENCE',
        'AUTH_JWKS_URL',
        'PORTAL_BASE_URL',
        'PAGING_TOKEN_KEY',
      ]),
    );
    expect(requiredSettingNames).not.toContain('COSMOS_DATABASE');
  });
});

describe('local.settings.sample.json', () => {
  it('holds every setting the app reads, with working local values for the emulators of `npm run emulators`', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { configSchema } = await import('../../shared/platform/config.js');
    const { repoRoot } = await import('../support/stack-process.js');
    const { funcStartPorts, DEV_EMAIL_SINK_KEY, DEV_PAGING_TOKEN_KEY } = await import('../../scripts/local-stack/stack.js');
    const sample = JSON.parse(readFileSync(path.join(repoRoot, 'local.settings.sample.json'), 'utf8')) as {
      Values: Record<string, string>;
    };
    const config = parseConfig(sample.Values);
    const azureOnly = ['ACS_ENDPOINT', 'QueueStorage__queueServiceUri', 'AZURE_CLIENT_ID'];
    for (const name of Object.keys(configSchema.shape).filter((n) => !azureOnly.includes(n)))
      expect([name, name in sample.Values]).toEqual([name, true]);
    expect(config.COSMOS_ENDPOINT).toBe(`http://127.0.0.1:${funcStartPorts.cosmos}`);
    expect(sample.Values.ACS_CONNECTION_STRING).toBe(
      `endpoint=http://127.0.0.1:${funcStartPorts.emailSink}/;accesskey=${DEV_EMAIL_SINK_KEY}`,
    );
    expect(config.AUTH_JWKS_URL).toBe(`http://127.0.0.1:${funcStartPorts.devRoutes}/.dev/jwks`);
    expect(config.PAGING_TOKEN_KEY).toEqual([DEV_PAGING_TOKEN_KEY]);
    // The change-feed triggers' connection (read by the host, not the app): the same emulator, as a connection string.
    expect(sample.Values.CosmosDB).toMatch(
      new RegExp(`^AccountEndpoint=http://127\\.0\\.0\\.1:${funcStartPorts.cosmos}/;AccountKey=`),
    );
  });

  it('leaves CORS to the app under `func start`: local origins in the app setting, none in Core Tools', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { repoRoot } = await import('../support/stack-process.js');
    const { LOCAL_BROWSER_ORIGINS } = await import('../../scripts/local-stack/stack.js');
    const sample = JSON.parse(readFileSync(path.join(repoRoot, 'local.settings.sample.json'), 'utf8')) as {
      Values: Record<string, string>;
      Host?: Record<string, unknown>;
    };
    expect(sample.Values.APP_CORS_ALLOWED_ORIGINS).toBe(LOCAL_BROWSER_ORIGINS);
    expect(parseConfig(sample.Values).APP_CORS_ALLOWED_ORIGINS).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
    // With Host.CORS, Core Tools answers every preflight itself from its own list, and the app's setting stops
    // being the one that decides.
    expect(Object.keys(sample.Host ?? {}).filter((k) => /^cors/i.test(k))).toEqual([]);
  });
});
