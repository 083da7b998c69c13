// `npm start`: parses the flags, starts the stack with demo data, prints what a newcomer needs, stops on Ctrl-C.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { wellKnownRoles } from '../../shared/features/catalog/roles.js';
import { demoPartners } from './demo-directory.js';
import { ensurePortalBuilt, startPortalServer } from './portal-server.js';
import { seedDemoDirectory, seedDemoDirectoryDirect } from './seed.js';
import { funcStartPorts, portIsFree, repoRoot, startEmulatorsForFunc, startLocalStack } from './stack.js';

/** A customer tenant id to show in examples: any tenant id works with dev tokens, this one is easy to spot. */
const EXAMPLE_CUSTOMER_TENANT_ID = '3f2b8c1e-5d4a-4b6f-9e8d-7c6b5a4f3e2d';

/** Thrown for a mistake the user can fix; printed as one line, without a stack trace. */
class UsageError extends Error {}

export async function runLocalStackCli(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '7071' },
      'portal-port': { type: 'string' },
      'no-portal': { type: 'boolean', default: false },
      'no-timers': { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      persist: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'max-poll-ms': { type: 'string' },
      'visibility-timeout-seconds': { type: 'string' },
      'ready-json': { type: 'boolean', default: false },
      setting: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      'emulators-only': { type: 'boolean', default: false },
      'cosmos-fault-proxy': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`Usage: npm start -- [--port 7071] [--persist | --data-dir DIR] [--no-seed] [--no-timers] [--setting NAME=VALUE ...]
  --port           the API's port (default 7071, like \`func start\`; 0 picks a free one)
  --portal-port    the reference portal's port (default: the API's port minus one, 7070; 0 picks a free one)
  --no-portal      do not build or serve the portal
  --persist        keep data in .local-data/ between runs (default: in memory)
  --no-timers      do not run timer triggers on schedule (POST /.dev/timers/{name} runs one)
  --setting        override an app setting, e.g. --setting CONTACT_REQUESTS_PER_HOUR_PER_EMAIL=2
  --cosmos-fault-proxy  route the app's Cosmos DB traffic through a proxy that injects faults (POST /.dev/cosmos-faults)
  --emulators-only start only what the functions depend on, on the ports of local.settings.sample.json, for \`func start\``);
    return;
  }
  if (values['emulators-only']) return runEmulatorsOnly(values.persist ? path.join(repoRoot, '.local-data') : values['data-dir']);
  const port = portNumber('--port', values.port);
  // The portal sits next to the API (7070 beside 7071), so two stacks started with --port do not collide.
  const portalPort = values['no-portal']
    ? undefined
    : values['portal-port'] !== undefined
      ? portNumber('--portal-port', values['portal-port'])
      : port === 0
        ? 0
        : port - 1;
  // Checked before anything starts, so a busy port costs one line and no half-started emulators.
  if (port !== 0 && !(await portIsFree(port))) throw portInUse(port);
  if (portalPort && !(await portIsFree(portalPort))) throw portalPortInUse(portalPort);
  const started = performance.now();
  // Signals during start-up must also stop what has started, so handlers go in before anything starts.
  const running: { stack?: Awaited<ReturnType<typeof startLocalStack>> } = {};
  let stopRequested = false;
  const stop = async () => {
    if (stopRequested) return;
    stopRequested = true;
    console.log('\nStopping the local stack…');
    await running.stack?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const settings = Object.fromEntries(
    values.setting.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`--setting expects NAME=VALUE, got "${pair}".`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const dataDir = values['data-dir'] ?? (values.persist ? path.join(repoRoot, '.local-data') : undefined);
  const quiet = values.quiet;
  // Built once and kept: later starts check a hash of its inputs and build only when they changed.
  const portalBuild = portalPort === undefined ? undefined : await ensurePortalBuilt((line) => !quiet && console.log(line));
  // Seeding makes dozens of requests; their log lines would bury the banner, so only failures show until it is printed.
  let ready = false;
  const stack = await startLocalStack({
    port,
    scheduleTimers: !values['no-timers'],
    dataDir,
    settings,
    cosmosFaultProxy: values['cosmos-fault-proxy'],
    ...(portalPort === undefined ? {} : { portal: { port: portalPort } }),
    ...(values['max-poll-ms'] ? { maxPollingIntervalMs: Number(values['max-poll-ms']) } : {}),
    ...(values['visibility-timeout-seconds'] ? { visibilityTimeoutSeconds: Number(values['visibility-timeout-seconds']) } : {}),
    log: (line) => {
      if (!quiet && (ready || /fail|error/i.test(line))) console.log(line);
    },
  }).catch((error: unknown) => {
    // Another process took the port between the check and the listen.
    if (isPortInUse(error)) throw error.port === portalPort ? portalPortInUse(error.port) : portInUse(error.port);
    throw error;
  });
  running.stack = stack;
  const seeded = values['no-seed'] ? 0 : await seedDemoDirectory(stack);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  if (stopRequested) {
    await stack.stop();
    process.exit(0);
  }
  // When started by a test runner, stop with it even if it dies without signalling.
  if (values['ready-json']) process.stdin.on('end', () => void stop()).resume();

  if (values['ready-json']) {
    ready = true;
    console.log(
      `LOCAL_STACK_READY ${JSON.stringify({ apiBaseUrl: stack.apiBaseUrl, origin: stack.origin, settings: stack.settings, emailSinkUrl: stack.emailSink.url, ...(stack.portalUrl ? { portalUrl: stack.portalUrl } : {}) })}`,
    );
    return;
  }
  const d = stack.host.describe();
  const demoPartner = demoPartners()[0]!;
  ready = true;
  console.log(`
Partner relationships — local stack ready in ${seconds}s${seeded ? ` (${seeded} demo partners)` : ''}${portalBuild?.built ? ` (portal built in ${portalBuild.seconds.toFixed(1)}s)` : ''}
${
  stack.portalUrl
    ? `
  Portal          ${stack.portalUrl}/             the reference portal: find a partner, sign in as a customer or partner
                  (the accept link in every invitation email opens it: PORTAL_BASE_URL)
`
    : ''
}
  API             ${stack.apiBaseUrl}            e.g. ${stack.apiBaseUrl}/partners?country=FR
  OpenAPI         ${stack.apiBaseUrl}/openapi.json
  API reference   ${stack.origin}/.dev/api          (Swagger UI on the OpenAPI document; Authorize with a dev token)
  Health          ${stack.apiBaseUrl}/health
  Emails (inbox)  ${stack.origin}/.dev/inbox         JSON: ${stack.origin}/.dev/emails
  Dev tokens      POST ${stack.origin}/.dev/token with a JSON body (any tenant id works), e.g.
                    admin agent of the demo partner "${demoPartner.profile.name}":
                      {"tenantId":"${demoPartner.tenantId}","roles":["Partner.AdminAgent"]}
                    a customer's Billing Administrator:
                      {"tenantId":"${EXAMPLE_CUSTOMER_TENANT_ID}","wids":["${wellKnownRoles.billingAdministrator}"]}
  Timers          POST ${stack.origin}/.dev/timers/{name}   (${d.timers.length} timers${values['no-timers'] ? ', not scheduled' : ', on schedule'})
  Data            ${dataDir ? `kept in ${dataDir}` : 'in memory (use --persist to keep it)'}
  Port            ${new URL(stack.origin).port} — another one: npm start -- --port 7080 (npm start -- --help lists every option)

  ${d.http.length} HTTP functions, ${d.queues.length} queue triggers, ${d.timers.length} timer triggers, ${d.changeFeeds.length} change-feed triggers loaded from the bundle package.json "main" names (dist/app/main.js).
  Ctrl-C stops everything.
`);
}

const isPortInUse = (error: unknown): error is { code: 'EADDRINUSE'; port: number } =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';

function portNumber(option: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`${option} expects a port number (0-65535), got "${value}".`);
  return port;
}

const portalPortInUse = (port: number) =>
  new UsageError(
    `Port ${port} (the portal) is already in use. Stop what uses it, or pick another port: npm start -- --portal-port ${port === 7090 ? 7091 : 7090} (or --no-portal)`,
  );

const portInUse = (port: number) =>
  new UsageError(
    `Port ${port} is already in use (another \`npm start\` or \`func start\`?). Stop it, or pick another port: npm start -- --port ${port === 7080 ? 7090 : 7080}`,
  );

/** Where `func start` serves the API (Core Tools' default port). */
const FUNC_START_API_PORT = 7071;

/** `npm run emulators`: the dependencies of `func start`, with the demo directory, until Ctrl-C. */
async function runEmulatorsOnly(dataDir: string | undefined): Promise<void> {
  const sample = JSON.parse(readFileSync(path.join(repoRoot, 'local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  };
  // These ports are fixed by local.settings.sample.json, so a busy one cannot simply be swapped for another.
  for (const [what, port] of Object.entries(funcStartPorts)) {
    if (!(await portIsFree(port))) {
      throw new UsageError(
        `Port ${port} (${what}) is already in use (another \`npm run emulators\` or \`npm start\`?). Stop it: the emulators for \`func start\` need the ports of local.settings.sample.json.`,
      );
    }
  }
  await ensurePortalBuilt((line) => console.log(line));
  const emulators = await startEmulatorsForFunc({ ...(dataDir ? { dataDir } : {}) });
  // Core Tools serves the API on 7071; the dev routes (tokens, inbox) are on the emulators' own port.
  const portal = await startPortalServer({
    port: funcStartPorts.portal,
    config: {
      apiBaseUrl: `http://127.0.0.1:${FUNC_START_API_PORT}/api`,
      signIn: { kind: 'dev', tokenUrl: `${emulators.devOrigin}/.dev/token` },
      inboxUrl: `${emulators.devOrigin}/.dev/inbox`,
    },
  });
  const stop = async () => {
    console.log('\nStopping the emulators…');
    await portal.close();
    await emulators.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const seeded = await seedDemoDirectoryDirect({ ...sample.Values, ...emulators.settings });
  console.log(`
Emulators for \`func start\` are up (${seeded} demo partners):
  Portal ${portal.origin}/ (calls the API of \`func start\` on port ${FUNC_START_API_PORT})
  Cosmos ${emulators.settings.COSMOS_ENDPOINT} · Azurite 10000-10002 · email sink 7075 · dev tokens and inbox on ${emulators.devOrigin}/.dev/…
  API reference (once \`func start\` serves the API): ${emulators.devOrigin}/.dev/api
In another terminal: cp local.settings.sample.json local.settings.json && npm run build && func start
Ctrl-C stops the emulators.
`);
}
