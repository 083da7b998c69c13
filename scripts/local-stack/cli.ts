// `npm start`: parses the flags, starts the stack with demo data, prints what a newcomer needs, stops on Ctrl-C.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { seedDemoDirectory, seedDemoDirectoryDirect } from './seed.js';
import { repoRoot, startEmulatorsForFunc, startLocalStack } from './stack.js';

export async function runLocalStackCli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '7071' },
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
  --persist        keep data in .local-data/ between runs (default: in memory)
  --no-timers      do not run timer triggers on schedule (POST /.dev/timers/{name} runs one)
  --setting        override an app setting, e.g. --setting CONTACT_REQUESTS_PER_HOUR_PER_EMAIL=2
  --cosmos-fault-proxy  route the app's Cosmos DB traffic through a proxy that injects faults (POST /.dev/cosmos-faults)
  --emulators-only start only what the functions depend on, on the ports of local.settings.sample.json, for \`func start\``);
    return;
  }
  if (values['emulators-only']) return runEmulatorsOnly(values.persist ? path.join(repoRoot, '.local-data') : values['data-dir']);
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
      if (at <= 0) throw new Error(`--setting expects NAME=VALUE, got ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const dataDir = values['data-dir'] ?? (values.persist ? path.join(repoRoot, '.local-data') : undefined);
  const quiet = values.quiet;
  // Seeding makes dozens of requests; their log lines would bury the banner, so only failures show until it is printed.
  let ready = false;
  const stack = await startLocalStack({
    port: Number(values.port),
    scheduleTimers: !values['no-timers'],
    dataDir,
    settings,
    cosmosFaultProxy: values['cosmos-fault-proxy'],
    ...(values['max-poll-ms'] ? { maxPollingIntervalMs: Number(values['max-poll-ms']) } : {}),
    ...(values['visibility-timeout-seconds'] ? { visibilityTimeoutSeconds: Number(values['visibility-timeout-seconds']) } : {}),
    log: (line) => {
      if (!quiet && (ready || /fail|error/i.test(line))) console.log(line);
    },
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
      `LOCAL_STACK_READY ${JSON.stringify({ apiBaseUrl: stack.apiBaseUrl, origin: stack.origin, settings: stack.settings, emailSinkUrl: stack.emailSink.url })}`,
    );
    return;
  }
  const d = stack.host.describe();
  ready = true;
  console.log(`
Partner relationships — local stack ready in ${seconds}s${seeded ? ` (${seeded} demo partners)` : ''}

  API             ${stack.apiBaseUrl}            e.g. ${stack.apiBaseUrl}/partners?country=FR
  OpenAPI         ${stack.apiBaseUrl}/openapi.json
  Health          ${stack.apiBaseUrl}/health
  Emails (inbox)  ${stack.origin}/.dev/inbox         JSON: ${stack.origin}/.dev/emails
  Dev tokens      POST ${stack.origin}/.dev/token  {"tenantId":"…","roles":["Partner.AdminAgent"]} or {"tenantId":"…","wids":["b0f54661-2d74-4c50-afa3-1ec803f12efe"]}
  Timers          POST ${stack.origin}/.dev/timers/{name}   (${d.timers.length} timers${values['no-timers'] ? ', not scheduled' : ', on schedule'})
  Data            ${dataDir ? `kept in ${dataDir}` : 'in memory (use --persist to keep it)'}

  ${d.http.length} HTTP functions, ${d.queues.length} queue triggers, ${d.timers.length} timer triggers loaded from dist/functions.
  Ctrl-C stops everything.
`);
}

/** `npm run emulators`: the dependencies of `func start`, with the demo directory, until Ctrl-C. */
async function runEmulatorsOnly(dataDir: string | undefined): Promise<void> {
  const sample = JSON.parse(readFileSync(path.join(repoRoot, 'local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  };
  const emulators = await startEmulatorsForFunc({ ...(dataDir ? { dataDir } : {}) });
  const stop = async () => {
    console.log('\nStopping the emulators…');
    await emulators.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const seeded = await seedDemoDirectoryDirect({ ...sample.Values, ...emulators.settings });
  console.log(`
Emulators for \`func start\` are up (${seeded} demo partners):
  Cosmos ${emulators.settings.COSMOS_ENDPOINT} · Azurite 10000-10002 · email sink 7075 · dev tokens and inbox on ${emulators.devOrigin}/.dev/…
In another terminal: cp local.settings.sample.json local.settings.json && npm run build && func start
Ctrl-C stops the emulators.
`);
}
