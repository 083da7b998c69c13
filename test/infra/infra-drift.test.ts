// Fails when infra (azure.yaml, infra/**/*.bicep) drifts from the code: app settings, Cosmos containers, queues, keyless auth.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, requiredSettingNames } from '../../shared/platform/config.js';
import { allContainers } from '../../shared/platform/persistence/containers.js';
import { allQueueNames, queueConnectionSetting } from '../../shared/platform/queue/queues.js';
import { cosmosTriggerConnection } from '../../shared/platform/persistence/change-feed.js';

// ---------------------------------------------------------------------------------------------
// Locating the repository (the test runs compiled, from dist/test/infra/).
// ---------------------------------------------------------------------------------------------

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

// ---------------------------------------------------------------------------------------------
// A deliberately small Bicep reader: enough lexing to skip comments and strings, then regexes.
// ---------------------------------------------------------------------------------------------

interface BicepText {
  readonly file: string;
  /** Source with comments blanked (same length, strings intact): for reading values. */
  readonly noComments: string;
  /** Source with comments and string contents blanked (same length): for matching brackets. */
  readonly code: string;
}

/** Index just past the string literal that opens at `start` (handles escapes and `${...}` interpolation). */
function skipString(src: string, start: number): number {
  if (src.startsWith("'''", start)) {
    const end = src.indexOf("'''", start + 3);
    return end < 0 ? src.length : end + 3;
  }
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === "'") return i + 1;
    else if (c === '$' && src[i + 1] === '{') i = skipInterpolation(src, i + 2);
    else i += 1;
  }
  return src.length;
}

/** Index just past the `}` closing an interpolation whose expression starts at `start`. */
function skipInterpolation(src: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === "'") {
      i = skipString(src, i);
      continue;
    }
    if (c === '{') depth += 1;
    if (c === '}') {
      if (depth === 0) return i + 1;
      depth -= 1;
    }
    i += 1;
  }
  return src.length;
}

const blank = (text: string): string => text.replace(/[^\n]/g, ' ');

function lexBicep(file: string, src: string): BicepText {
  let noComments = '';
  let code = '';
  let i = 0;
  while (i < src.length) {
    if (src.startsWith('//', i)) {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      noComments += blank(src.slice(i, stop));
      code += blank(src.slice(i, stop));
      i = stop;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      noComments += blank(src.slice(i, stop));
      code += blank(src.slice(i, stop));
      i = stop;
    } else if (src[i] === "'") {
      const stop = skipString(src, i);
      const literal = src.slice(i, stop);
      noComments += literal;
      code += literal.length >= 2 ? `'${blank(literal.slice(1, -1))}'` : literal;
      i = stop;
    } else {
      noComments += src[i];
      code += src[i];
      i += 1;
    }
  }
  return { file, noComments, code };
}

/** Text of the bracketed block whose opening bracket is at `open` (inclusive of both brackets). */
function blockAt(text: BicepText, open: number): string {
  const opener = text.code[open];
  const closer = opener === '[' ? ']' : opener === '{' ? '}' : undefined;
  if (!closer) throw new Error(`${text.file}: expected a bracket at offset ${open}`);
  let depth = 0;
  for (let i = open; i < text.code.length; i += 1) {
    if (text.code[i] === opener) depth += 1;
    else if (text.code[i] === closer) {
      depth -= 1;
      if (depth === 0) return text.noComments.slice(open, i + 1);
    }
  }
  throw new Error(`${text.file}: unbalanced ${opener} at offset ${open}`);
}

/** Every block introduced by `pattern`, whose match must end with the opening bracket. */
function blocksAfter(text: BicepText, pattern: RegExp): string[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const blocks: string[] = [];
  for (const match of text.noComments.matchAll(global)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    // A match inside a string literal has its bracket blanked in `code`; skip it.
    if (text.code[open] === '[' || text.code[open] === '{') blocks.push(blockAt(text, open));
  }
  return blocks;
}

/** Body of each resource of the given type this file declares (`existing` references are not declarations). */
function resourceBlocks(text: BicepText, type: string): string[] {
  const escaped = type.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const loop = '(?:\\[\\s*for\\s+[^:]+:\\s*)?';
  const condition = '(?:if\\s*\\([^)]*\\)\\s*)?';
  return blocksAfter(text, new RegExp(`resource\\s+\\w+\\s+'${escaped}@[^']+'\\s*=\\s*${loop}${condition}\\{`));
}

/** App setting names: `name: '...'` entries of every `appSettings: [ ... ]` array. */
function appSettingNames(text: BicepText): string[] {
  return blocksAfter(text, /\bappSettings\s*:\s*\[/).flatMap((block) =>
    [...block.matchAll(/\bname\s*:\s*'([^'$]+)'/g)].map((m) => m[1] ?? ''),
  );
}

interface BicepContainer {
  readonly id: string;
  readonly partitionKeyPath: string | undefined;
  /** `null` in Bicep (TTL off) is `undefined` here, matching ContainerDefinition.defaultTtlSeconds. */
  readonly defaultTtl: number | undefined | 'missing';
}

function parseContainers(block: string): BicepContainer[] {
  return [...block.matchAll(/\{[^{}]*\}/g)].map(([entry]) => {
    const ttl = /\bdefaultTtl\s*:\s*(null|-?\d+)\b/.exec(entry)?.[1];
    return {
      id: /\bid\s*:\s*'([^']*)'/.exec(entry)?.[1] ?? '(no id)',
      partitionKeyPath: /\bpartitionKeyPath\s*:\s*'([^']*)'/.exec(entry)?.[1],
      defaultTtl: ttl === undefined ? 'missing' : ttl === 'null' ? undefined : Number(ttl),
    };
  });
}

function parseStringArray(block: string): string[] {
  return [...block.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
}

/** Differences between what the code declares and what Bicep declares, as readable lines. */
function setDrift(what: string, inCode: readonly string[], inInfra: readonly string[]): string[] {
  const infra = new Set(inInfra);
  const code = new Set(inCode);
  return [
    ...inCode.filter((n) => !infra.has(n)).map((n) => `${what} "${n}" is in the code but not in infra`),
    ...inInfra.filter((n) => !code.has(n)).map((n) => `${what} "${n}" is in infra but not in the code`),
  ];
}

/** Minimal azure.yaml reader: the keys directly under services.<name>. */
function azureYamlService(yaml: string, service: string): Record<string, string> | undefined {
  const lines = yaml.split(/\r?\n/).map((l) => l.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, ''));
  const servicesAt = lines.findIndex((l) => /^services:\s*$/.test(l));
  if (servicesAt < 0) return undefined;
  let serviceIndent = -1;
  const keys: Record<string, string> = {};
  let inService = false;
  for (const line of lines.slice(servicesAt + 1)) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) break;
    const key = /^\s*([\w-]+):\s*(.*)$/.exec(line);
    if (!key) continue;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent === serviceIndent) {
      inService = key[1] === service;
      continue;
    }
    if (inService && indent > serviceIndent) keys[key[1] ?? ''] = (key[2] ?? '').trim().replace(/^['"]|['"]$/g, '');
  }
  return inService || Object.keys(keys).length > 0 ? keys : undefined;
}

// ---------------------------------------------------------------------------------------------
// What the test knows beyond shared/config.ts.
// ---------------------------------------------------------------------------------------------

/** Settings Azure needs although the schema makes them optional (the emulator alternative is forbidden below). */
const azureRequiredSettings = [
  // The identity-based form of the queue connection the triggers and senders name (shared/queue/queues.ts).
  `${queueConnectionSetting}__queueServiceUri`,
  `${queueConnectionSetting}__credential`,
  `${queueConnectionSetting}__clientId`,
  // The identity-based connection of the change-feed triggers (shared/platform/persistence/change-feed.ts).
  `${cosmosTriggerConnection}__accountEndpoint`,
  `${cosmosTriggerConnection}__credential`,
  `${cosmosTriggerConnection}__clientId`,
  'ACS_ENDPOINT',
  'AZURE_CLIENT_ID',
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
];

/** Settings for the local emulators only, or connection strings that carry keys. */
const forbiddenSettings: Record<string, string> = {
  COSMOS_KEY: 'Cosmos DB uses the managed identity in Azure (the account has local auth disabled)',
  ACS_CONNECTION_STRING: 'ACS uses ACS_ENDPOINT + the managed identity in Azure',
  ACS_ALLOW_INSECURE_CONNECTION: 'only for the local email sink',
  WEBHOOK_ALLOW_HTTP_LOOPBACK: 'only for the local webhook receiver: Azure delivers over https only',
  [queueConnectionSetting]: `the plain connection string is for Azurite; Azure uses ${queueConnectionSetting}__queueServiceUri`,
  [cosmosTriggerConnection]: `the connection string carries the emulator's key; Azure uses ${cosmosTriggerConnection}__accountEndpoint`,
  AzureWebJobsStorage: 'the plain connection string needs an account key; Azure uses AzureWebJobsStorage__accountName',
  FUNCTIONS_WORKER_RUNTIME: 'Flex Consumption rejects it (the runtime is set in functionAppConfig)',
  FUNCTIONS_EXTENSION_VERSION: 'Flex Consumption rejects it',
  WEBSITE_NODE_DEFAULT_VERSION: 'Flex Consumption rejects it (functionAppConfig.runtime.version)',
  WEBSITE_RUN_FROM_PACKAGE: 'Flex Consumption rejects it (functionAppConfig.deployment)',
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: 'Flex Consumption rejects it, and it carries an account key',
  WEBSITE_CONTENTSHARE: 'Flex Consumption rejects it',
};

/** Settings that the Functions host, the platform or Node itself reads, not shared/config.ts. */
const platformSetting = new RegExp(
  `^(AzureWebJobsStorage__|${queueConnectionSetting}__|${cosmosTriggerConnection}__|APPLICATIONINSIGHTS_|NODE_OPTIONS$)`,
);

/** Text that means a key or a keyed connection string is being handled in infra. */
const secretPatterns: readonly RegExp[] = [
  /listKeys\s*\(/i,
  /listConnectionStrings\s*\(/i,
  /AccountKey=/i,
  /accesskey=/i,
  /SharedAccessKey/i,
  /DefaultEndpointsProtocol=/i,
  /primaryKey/i,
  /secondaryKey/i,
  /primaryMasterKey/i,
  /primaryConnectionString/i,
  /InstrumentationKey=/i,
];

// ---------------------------------------------------------------------------------------------
// Loading infra.
// ---------------------------------------------------------------------------------------------

const root = findRepoRoot();
const infraDir = join(root, 'infra');
const infraFiles = existsSync(infraDir) ? listFiles(infraDir) : [];
const bicepFiles = infraFiles.filter((f) => f.endsWith('.bicep'));
const bicep: BicepText[] = bicepFiles.map((f) => lexBicep(relative(root, f), readFileSync(f, 'utf8')));
const rel = (texts: readonly BicepText[]): string => texts.map((t) => t.file).join(', ') || '(none)';

function onlyOne(what: string, pattern: RegExp): { text: BicepText; block: string } {
  const found = bicep.flatMap((text) => blocksAfter(text, pattern).map((block) => ({ text, block })));
  if (found.length !== 1) {
    throw new Error(
      `Expected exactly one ${what} in infra/**/*.bicep, found ${found.length} (${found.map((f) => f.text.file).join(', ')})`,
    );
  }
  return found[0]!;
}

const functionAppTexts = bicep.filter((t) => resourceBlocks(t, 'Microsoft.Web/sites').length > 0);
const settings = functionAppTexts.flatMap(appSettingNames);

// ---------------------------------------------------------------------------------------------
// Tests.
// ---------------------------------------------------------------------------------------------

describe('infra drift: the reader itself', () => {
  it('finds infra and reads something from it (so the checks below cannot pass vacuously)', () => {
    expect(bicepFiles.length).toBeGreaterThan(0);
    expect(functionAppTexts.map((t) => t.file)).toHaveLength(1);
    expect(settings.length).toBeGreaterThanOrEqual(requiredSettingNames.length);
    expect(requiredSettingNames.length).toBeGreaterThan(0);
  });

  it('ignores comments and strings, and reports drift in synthetic Bicep', () => {
    const sample = lexBicep(
      'sample.bicep',
      [
        "resource app 'Microsoft.Web/sites@2024-04-01' = {",
        '  properties: {',
        '    siteConfig: {',
        '      appSettings: [',
        "        { name: 'A', value: '${x}//not-a-comment' } // { name: 'COMMENTED' }",
        "        { name: 'B', value: 'has ] and } inside' }",
        "        /* { name: 'BLOCK_COMMENTED' } */",
        "        { name: 'C', value: '${concat('a', 'b')}' }",
        '      ]',
        '    }',
        '  }',
        '}',
        "var containers = [ { id: 'x', partitionKeyPath: '/pk', defaultTtl: null }, { id: 'y', partitionKeyPath: '/id', defaultTtl: -1 } ]",
      ].join('\n'),
    );
    expect(appSettingNames(sample)).toEqual(['A', 'B', 'C']);
    expect(resourceBlocks(sample, 'Microsoft.Web/sites')).toHaveLength(1);
    const [block] = blocksAfter(sample, /\bvar\s+containers\s*=\s*\[/);
    expect(parseContainers(block ?? '')).toEqual([
      { id: 'x', partitionKeyPath: '/pk', defaultTtl: undefined },
      { id: 'y', partitionKeyPath: '/id', defaultTtl: -1 },
    ]);
    expect(setDrift('setting', ['A', 'D'], ['A', 'E'])).toEqual([
      'setting "D" is in the code but not in infra',
      'setting "E" is in infra but not in the code',
    ]);
    expect(azureYamlService('services:\n  api:\n    host: function # x\n  web:\n    host: staticwebapp\n', 'api')).toEqual({
      host: 'function',
    });
  });
});

describe('infra drift: function app settings', () => {
  it('sets every setting shared/config.ts requires', () => {
    const present = new Set(settings);
    const missing = requiredSettingNames.filter((n) => !present.has(n));
    expect(
      missing.map((n) => `required setting ${n} is not set in the function app's appSettings (${rel(functionAppTexts)})`),
    ).toEqual([]);
  });

  it('sets the identity-based settings Azure needs in place of the emulator ones', () => {
    const present = new Set(settings);
    const missing = azureRequiredSettings.filter((n) => !present.has(n));
    expect(
      missing.map((n) => `Azure setting ${n} is not set in the function app's appSettings (${rel(functionAppTexts)})`),
    ).toEqual([]);
  });

  it('sets no emulator-only, keyed or Flex-incompatible settings', () => {
    const found = settings.filter((n) => n in forbiddenSettings);
    expect(found.map((n) => `setting ${n} must not be set in Azure: ${forbiddenSettings[n]}`)).toEqual([]);
  });

  it('sets only settings the code (shared/config.ts) or the Functions platform reads, each once', () => {
    const known = new Set(Object.keys(configSchema.shape));
    const unknown = settings.filter((n) => !known.has(n) && !platformSetting.test(n));
    expect(unknown.map((n) => `setting ${n} is not read by shared/config.ts (typo, or a removed setting?)`)).toEqual([]);
    const duplicates = settings.filter((n, i) => settings.indexOf(n) !== i);
    expect(duplicates.map((n) => `setting ${n} is set more than once`)).toEqual([]);
  });

  it('runs on a Flex Consumption plan with the Node runtime, tagged for azd', () => {
    const text = functionAppTexts[0]!;
    const [site] = resourceBlocks(text, 'Microsoft.Web/sites');
    expect(site).toMatch(/functionAppConfig\s*:/);
    expect(site).toMatch(/runtime\s*:\s*\{[^}]*name\s*:\s*'node'/);
    expect(site).toMatch(/'azd-service-name'\s*:\s*'api'/);
    expect(site).toMatch(/type\s*:\s*'UserAssignedIdentity'/);
    expect(site).toMatch(/allowedOrigins\s*:/);
    const plans = resourceBlocks(text, 'Microsoft.Web/serverfarms');
    expect(plans.join('\n')).toMatch(/name\s*:\s*'FC1'/);
  });
});

describe('infra drift: runtime and CORS of the function app', () => {
  const text = () => functionAppTexts[0]!;
  const site = () => resourceBlocks(text(), 'Microsoft.Web/sites')[0] ?? '';
  /** The value of `param <name> <type> = '<value>'` in the function app's file. */
  const paramDefault = (name: string) =>
    new RegExp(`^param\\s+${name}\\s+string\\s*=\\s*'([^']*)'`, 'm').exec(text().noComments)?.[1];

  it('runs Node 22 (Azure Functions support for Node 20 ended on 2026-04-30; the Azure SDKs need 22)', () => {
    const version = /runtime\s*:\s*\{[^}]*version\s*:\s*('([^']*)'|(\w+))/.exec(site());
    expect(version).not.toBeNull();
    const resolved = version?.[2] ?? paramDefault(version?.[3] ?? '');
    expect(resolved).toBe('22');
    // The local minimum in package.json must not shut the deploy target out.
    const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const minimum = /^>=\s*(\d+)/.exec(engines);
    expect([engines, minimum !== null]).toEqual([engines, true]);
    expect(Number(minimum?.[1])).toBeLessThanOrEqual(22);
  });

  it('gives the app and the platform the same CORS origins, from one parameter', () => {
    // The app answers CORS (APP_CORS_ALLOWED_ORIGINS); on Flex Consumption the host answers preflights itself from
    // the platform list, so that list holds the same origins (see the comment in the Bicep).
    const platform = /\bcors\s*:\s*\{[^}]*allowedOrigins\s*:\s*(\w+)/.exec(site());
    const app = /\{\s*name\s*:\s*'APP_CORS_ALLOWED_ORIGINS'\s*,\s*value\s*:\s*join\(\s*(\w+)\s*,\s*','\s*\)\s*\}/.exec(site());
    expect(platform?.[1]).toBeDefined();
    expect(app?.[1]).toBe(platform?.[1]);
    expect(site()).toMatch(/\bcors\s*:\s*\{[^}]*supportCredentials\s*:\s*false/);
    // A literal empty list (or a wildcard) would make Flex Consumption refuse or open every preflight.
    expect(site()).not.toMatch(/allowedOrigins\s*:\s*\[\s*\]/);
    expect(site()).not.toMatch(/allowedOrigins\s*:\s*\[\s*'\*'/);
  });
});

describe('infra drift: Cosmos DB', () => {
  let text: BicepText;
  let infraContainers: BicepContainer[];
  beforeAll(() => {
    const found = onlyOne('`var containers = [...]` list', /\bvar\s+containers\s*=\s*\[/);
    text = found.text;
    infraContainers = parseContainers(found.block);
  });

  it('declares containers (the list was read)', () => {
    expect(infraContainers.length).toBeGreaterThan(0);
  });

  it('declares exactly the containers of shared/persistence/containers.ts', () => {
    expect(
      setDrift(
        'container',
        allContainers.map((c) => c.id),
        infraContainers.map((c) => c.id),
      ),
    ).toEqual([]);
  });

  it('gives each container the same partition key and TTL as the code', () => {
    const problems = allContainers.flatMap((c) => {
      const infra = infraContainers.find((i) => i.id === c.id);
      if (!infra) return [];
      const out: string[] = [];
      if (infra.partitionKeyPath !== c.partitionKeyPath) {
        out.push(
          `container ${c.id}: partition key is ${c.partitionKeyPath} in the code but ${infra.partitionKeyPath ?? '(none)'} in ${text.file}`,
        );
      }
      if (infra.defaultTtl === 'missing') out.push(`container ${c.id}: ${text.file} must state defaultTtl (null for off)`);
      else if (infra.defaultTtl !== c.defaultTtlSeconds) {
        out.push(
          `container ${c.id}: defaultTtl is ${c.defaultTtlSeconds ?? 'off'} in the code but ${infra.defaultTtl ?? 'off'} in ${text.file}`,
        );
      }
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('creates one container resource per list entry, keyless account, data-plane role for the app', () => {
    expect(text.noComments).toMatch(
      /resource\s+\w+\s+'Microsoft\.DocumentDB\/databaseAccounts\/sqlDatabases\/containers@[^']+'\s*=\s*\[\s*for\s+(\w+)\s+in\s+containers\s*:/,
    );
    const accounts = resourceBlocks(text, 'Microsoft.DocumentDB/databaseAccounts');
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatch(/\bdisableLocalAuth\s*:\s*true\b/);
    expect(accounts[0]).toMatch(/name\s*:\s*'EnableServerless'/);
    const roles = resourceBlocks(text, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments').join('\n');
    expect(roles).toMatch(/sqlRoleDefinitions\//);
    expect(roles).toMatch(/principalId\s*:/);
    // Cosmos DB Built-in Data Contributor.
    expect(text.noComments).toMatch(/'00000000-0000-0000-0000-000000000002'/);
  });

  it('has no Cosmos account with local auth enabled anywhere in infra', () => {
    const offenders = bicep.flatMap((t) =>
      resourceBlocks(t, 'Microsoft.DocumentDB/databaseAccounts')
        .filter((b) => !/\bdisableLocalAuth\s*:\s*true\b/.test(b))
        .map(() => `${t.file}: a Cosmos DB account lacks disableLocalAuth: true`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('infra drift: Storage', () => {
  let text: BicepText;
  let infraQueues: string[];
  beforeAll(() => {
    const found = onlyOne('`var queues = [...]` list', /\bvar\s+queues\s*=\s*\[/);
    text = found.text;
    infraQueues = parseStringArray(found.block);
  });

  it('declares queues (the list was read)', () => {
    expect(infraQueues.length).toBeGreaterThan(0);
  });

  it('creates exactly the queues of shared/queue/queues.ts, poison queues included', () => {
    expect(setDrift('queue', allQueueNames, infraQueues)).toEqual([]);
    expect(text.noComments).toMatch(
      /resource\s+\w+\s+'Microsoft\.Storage\/storageAccounts\/queueServices\/queues@[^']+'\s*=\s*\[\s*for\s+(\w+)\s+in\s+queues\s*:/,
    );
  });

  it('has every storage account keyless, TLS 1.2 and without public blob access', () => {
    const accounts = bicep.flatMap((t) =>
      resourceBlocks(t, 'Microsoft.Storage/storageAccounts').map((b) => ({ file: t.file, b })),
    );
    expect(accounts.length).toBeGreaterThan(0);
    const problems = accounts.flatMap(({ file, b }) => [
      ...(/\ballowSharedKeyAccess\s*:\s*false\b/.test(b) ? [] : [`${file}: storage account lacks allowSharedKeyAccess: false`]),
      ...(/\bminimumTlsVersion\s*:\s*'TLS1_2'/.test(b) ? [] : [`${file}: storage account lacks minimumTlsVersion: 'TLS1_2'`]),
      ...(/\ballowBlobPublicAccess\s*:\s*false\b/.test(b) ? [] : [`${file}: storage account lacks allowBlobPublicAccess: false`]),
    ]);
    expect(problems).toEqual([]);
  });
});

describe('infra drift: no keys anywhere', () => {
  it('never reads, builds or outputs keys or keyed connection strings in infra/', () => {
    const scanned = infraFiles.filter((f) => /\.(bicep|bicepparam|json)$/.test(f));
    expect(scanned.length).toBeGreaterThan(0);
    const hits = scanned.flatMap((f) => {
      const lines = readFileSync(f, 'utf8').split(/\r?\n/);
      return lines.flatMap((line, i) =>
        secretPatterns.filter((p) => p.test(line)).map((p) => `${relative(root, f)}:${i + 1} matches ${p}: ${line.trim()}`),
      );
    });
    expect(hits).toEqual([]);
  });

  it('keeps Application Insights and ACS on Entra ID auth only', () => {
    const insights = bicep.flatMap((t) => resourceBlocks(t, 'Microsoft.Insights/components'));
    expect(insights.length).toBeGreaterThan(0);
    expect(insights.filter((b) => !/\bDisableLocalAuth\s*:\s*true\b/.test(b))).toEqual([]);
    const acs = bicep.flatMap((t) => resourceBlocks(t, 'Microsoft.Communication/communicationServices'));
    expect(acs.length).toBeGreaterThan(0);
    expect(acs.filter((b) => !/\bdisableLocalAuth\s*:\s*true\b/.test(b))).toEqual([]);
  });
});

describe('infra drift: azd', () => {
  it('azure.yaml declares service api, hosted as a TypeScript function app built from the root', () => {
    const yamlPath = join(root, 'azure.yaml');
    expect(existsSync(yamlPath)).toBe(true);
    const yaml = readFileSync(yamlPath, 'utf8');
    expect(yaml).toMatch(/^name:\s*partner-relationships\s*$/m);
    const api = azureYamlService(yaml, 'api');
    expect(api).toBeDefined();
    expect(api?.['host']).toBe('function');
    expect(api?.['language']).toBe('ts');
    expect(api?.['project']).toBe('.');
  });

  it('builds remotely and uploads neither node_modules nor anything local-only (.funcignore)', () => {
    const api = azureYamlService(readFileSync(join(root, 'azure.yaml'), 'utf8'), 'api');
    expect(api?.['remoteBuild']).toBe('true');
    const ignored = new Set(
      readFileSync(join(root, '.funcignore'), 'utf8')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => line.replace(/^\//, '').replace(/\/$/, '')),
    );
    // azd refuses `remoteBuild: true` when node_modules is uploaded; the rest is local tooling, data or secrets.
    const mustIgnore = ['node_modules', 'dist', '.azure', '.local-data', 'local.settings.json', 'test', 'scripts', 'infra'];
    expect(mustIgnore.filter((entry) => !ignored.has(entry))).toEqual([]);
    // What the app needs at run time must not be ignored.
    expect(
      ['host.json', 'package.json', 'package-lock.json', 'functions', 'shared', 'tsconfig.json'].filter((e) => ignored.has(e)),
    ).toEqual([]);
  });

  it('main.parameters.json only passes parameters main.bicep declares, and covers those without a default', () => {
    const main = bicep.find((t) => t.file === join('infra', 'main.bicep'));
    expect(main).toBeDefined();
    const declared = [...(main?.noComments ?? '').matchAll(/^param\s+(\w+)\s+\S+(\s*=)?/gm)].map((m) => ({
      name: m[1] ?? '',
      hasDefault: m[2] !== undefined,
    }));
    expect(declared.length).toBeGreaterThan(0);
    const parameters = JSON.parse(readFileSync(join(infraDir, 'main.parameters.json'), 'utf8')) as {
      parameters: Record<string, { value?: unknown }>;
    };
    const passed = Object.keys(parameters.parameters);
    const undeclared = passed.filter((p) => !declared.some((d) => d.name === p));
    expect(undeclared.map((p) => `main.parameters.json passes ${p}, which main.bicep does not declare`)).toEqual([]);
    const uncovered = declared.filter((d) => !d.hasDefault && !passed.includes(d.name));
    expect(uncovered.map((d) => `main.bicep parameter ${d.name} has no default and is not in main.parameters.json`)).toEqual([]);
    expect(parameters.parameters['environmentName']?.value).toBe('${AZURE_ENV_NAME}');
    expect(parameters.parameters['location']?.value).toBe('${AZURE_LOCATION}');
  });
});

describe('infra drift: the reference portal', () => {
  const main = () => bicep.find((t) => t.file === join('infra', 'main.bicep'))!;

  it("azure.yaml deploys portal/dist to a Static Web App, built by the repository's own tooling before packaging", () => {
    const yaml = readFileSync(join(root, 'azure.yaml'), 'utf8');
    const portal = azureYamlService(yaml, 'portal');
    expect(portal).toBeDefined();
    expect(portal?.['host']).toBe('staticwebapp');
    expect(portal?.['project']).toBe('./portal');
    expect(portal?.['dist']).toBe('dist');
    // No language: azd would run npm in portal/, which has no package of its own.
    expect(portal?.['language']).toBeUndefined();
    const hook = /\n {2}portal:\n[\s\S]*?prepackage:[\s\S]*?posix:[\s\S]*?run:\s*(.+)\n/.exec(yaml)?.[1] ?? '';
    expect(hook).toContain('npm run portal:build');
    expect(hook).toContain('node portal/tools/run.mjs azure-config');
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['portal:build']).toBe('node portal/tools/run.mjs build');
    expect(existsSync(join(root, 'portal', 'tools', 'run.mjs'))).toBe(true);
  });

  it('creates one Static Web App, tagged for the portal service', () => {
    const sites = bicep.flatMap((t) => resourceBlocks(t, 'Microsoft.Web/staticSites').map((block) => ({ file: t.file, block })));
    expect(sites.map((s) => s.file)).toEqual([join('infra', 'app', 'portal.bicep')]);
    expect(sites[0]?.block).toMatch(/'azd-service-name'\s*:\s*'portal'/);
    expect(main().noComments).toMatch(/module\s+portal\s+'app\/portal\.bicep'/);
  });

  it("points PORTAL_BASE_URL and the function app's CORS origins at the portal unless told otherwise", () => {
    const text = main().noComments;
    // Optional: without PORTAL_BASE_URL, the Static Web App's URL.
    expect(text).toMatch(/^param\s+portalBaseUrl\s+string\s*=\s*''/m);
    expect(text).toMatch(/var\s+portalUrl\s*=\s*empty\(portalBaseUrl\)\s*\?\s*portal\.outputs\.uri\s*:\s*portalBaseUrl/);
    expect(text).toMatch(
      /var\s+corsOrigins\s*=\s*empty\(portalOrigins\)\s*\?\s*union\(\[portalOrigin\],\s*\[portal\.outputs\.uri\]\)\s*:\s*portalOrigins/,
    );
    const [api] = blocksAfter(main(), /module\s+api\s+'app\/api\.bicep'\s*=\s*\{/);
    expect(api).toMatch(/\bportalBaseUrl\s*:\s*portalUrl\b/);
    expect(api).toMatch(/\bportalOrigins\s*:\s*corsOrigins\b/);
    expect(text).toMatch(/^output\s+PORTAL_BASE_URL\s+string\s*=\s*portalUrl$/m);
  });

  it("leaves the portal out of the function app's upload", () => {
    const ignored = readFileSync(join(root, '.funcignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim());
    expect(ignored).toContain('portal/');
  });
});
