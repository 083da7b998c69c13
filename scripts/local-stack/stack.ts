// Starts the whole local stack in one process tree: Cosmos-protocol server, Azurite queues, ACS email sink, dev
// identity provider, and the Functions app served from its real registrations on http://127.0.0.1:7071/api.
import { CosmosClient } from '@azure/cosmos';
import { QueueServiceClient } from '@azure/storage-queue';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DependencyOverrides } from '../../shared/app/composition-root.js';
import { AdjustableClock } from '../../shared/platform/core/clock.js';
import { cosmosTriggerConnection } from '../../shared/platform/persistence/change-feed.js';
import { ensureCosmosResources } from '../../shared/platform/persistence/cosmos.js';
import { allQueueNames } from '../../shared/platform/queue/queues.js';
import { installFunctionsCoreShim } from '../local-host/functions-core-shim.js';
import { readQueueSettings } from '../local-host/host-json.js';
import { LocalFunctionsHost } from '../local-host/local-host.js';
import { startCosmosFaultProxy, type CosmosFaultProxy } from './cosmos-fault-proxy.js';
import { createDevIdentityProvider, type DevIdentityProvider } from './dev-identity.js';
import { startEmailSink, type EmailSink } from './email-sink.js';
import { startPortalServer, type PortalServer } from './portal-server.js';
import { createWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { OriginAllowList } from '../../shared/platform/http/cors.js';

/** The Cosmos DB emulator's well-known key (public; the local server accepts any key). */
export const COSMOS_EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
/** Browser origins the local API accepts: a dev server on any port of this machine. */
export const LOCAL_BROWSER_ORIGINS = 'http://localhost:*,http://127.0.0.1:*';
/** Azurite's well-known development account (public). */
const AZURITE_ACCOUNT = 'devstoreaccount1';
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** A fixed, public, development-only key for continuation tokens (local.settings.sample.json names it too). */
export const DEV_PAGING_TOKEN_KEY = 'partner-relationships-local-paging-token-key';

export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/** The app's entry file, as package.json "main" names it for the Functions host: `npm run build` writes it. */
export function appMainFile(): string {
  const { main } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main?: string };
  if (!main) throw new Error('package.json has no "main": the Functions host would find no functions');
  const file = path.join(repoRoot, main);
  if (!existsSync(file)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  return file;
}

export interface LocalStackOptions {
  /** API port; 7071 like `func start`, 0 for a free one (tests). */
  port: number;
  /** Run timer triggers on their schedules (tests trigger them on demand instead). */
  scheduleTimers: boolean;
  /** Keep data under this folder between runs instead of in memory. */
  dataDir?: string;
  /** Seconds; the local host's longest pause between polls of an idle queue. */
  maxPollingIntervalMs?: number;
  /** Overrides host.json's retry delay of a failed queue message (tests use 1 s). */
  visibilityTimeoutSeconds?: number;
  /** Extra or overriding app settings (tests use it for tight limits). */
  settings?: Record<string, string>;
  /** Put the fault-injecting proxy between the app and the Cosmos emulator (POST /.dev/cosmos-faults). */
  cosmosFaultProxy?: boolean;
  /** Serve the reference portal (built: portal/dist) on its own origin, on this port (0: a free one). */
  portal?: { port: number };
  log?: (line: string) => void;
}

export interface LocalStack {
  apiBaseUrl: string;
  origin: string;
  settings: Record<string, string>;
  emailSink: EmailSink;
  identity: DevIdentityProvider;
  clock: AdjustableClock;
  host: LocalFunctionsHost;
  /** The portal's origin (PORTAL_BASE_URL), when the stack serves it. */
  portalUrl?: string;
  stop(): Promise<void>;
}

/** Where links in emails point when the stack serves no portal (tests that do not need it). */
const NO_PORTAL_BASE_URL = 'http://localhost:3000';

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const registrations = installFunctionsCoreShim();
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) {
      // Bounded, so one stuck part cannot keep the others (and the terminal) hanging.
      await Promise.race([stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]).catch((e: unknown) =>
        log(`stop failed: ${String(e)}`),
      );
    }
  };
  try {
    const cosmos = await startCosmos(options.dataDir);
    stoppers.push(cosmos.stop);
    const faultProxy = options.cosmosFaultProxy ? await startCosmosFaultProxy(cosmos.port) : undefined;
    if (faultProxy) stoppers.push(() => faultProxy.close());
    const azurite = await startAzurite(options.dataDir);
    stoppers.push(azurite.stop);
    const emailSink = await startEmailSink({ port: 0 });
    stoppers.push(() => emailSink.close());

    const apiPort = options.port === 0 ? await freePort() : options.port;
    const origin = `http://127.0.0.1:${apiPort}`;
    // Known before the functions load: PORTAL_BASE_URL, the base of the accept link in invitation emails, names it.
    const portalPort = options.portal ? (options.portal.port === 0 ? await freePort() : options.portal.port) : undefined;
    const portalUrl = portalPort === undefined ? undefined : `http://127.0.0.1:${portalPort}`;
    const identity = await createDevIdentityProvider(`${origin}/.dev`);
    const queueConnection =
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `QueueEndpoint=http://127.0.0.1:${azurite.port}/${AZURITE_ACCOUNT};`;
    const settings: Record<string, string> = {
      AzureWebJobsStorage: queueConnection,
      FUNCTIONS_WORKER_RUNTIME: 'node',
      COSMOS_ENDPOINT: faultProxy?.endpoint ?? cosmos.endpoint,
      COSMOS_KEY: COSMOS_EMULATOR_KEY,
      COSMOS_DATABASE: 'partner-relationships',
      QueueStorage: queueConnection,
      ACS_CONNECTION_STRING: emailSink.connectionString,
      ACS_ALLOW_INSECURE_CONNECTION: 'true',
      EMAIL_SENDER_ADDRESS: 'DoNotReply@partners.localhost',
      AUTH_ISSUER: identity.issuer,
      AUTH_AUDIENCE: identity.audience,
      AUTH_JWKS_URL: `${origin}/.dev/jwks`,
      PORTAL_BASE_URL: portalUrl ?? NO_PORTAL_BASE_URL,
      // A portal or test page served from any local port may call the API.
      APP_CORS_ALLOWED_ORIGINS: LOCAL_BROWSER_ORIGINS,
      PAGING_TOKEN_KEY: DEV_PAGING_TOKEN_KEY,
      // A webhook may point at the local receiver (POST /.dev/webhooks), which speaks plain http on loopback.
      WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      // The Cosmos DB triggers' connection (the change feed): a connection string to the local emulator.
      [cosmosTriggerConnection]: `AccountEndpoint=${faultProxy?.endpoint ?? cosmos.endpoint}/;AccountKey=${COSMOS_EMULATOR_KEY};`,
      ...options.settings,
    };
    // The config module reads process.env, as it does under the Functions host, which sets app settings there too.
    Object.assign(process.env, settings);
    const clock = new AdjustableClock();

    const cosmosClient = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: COSMOS_EMULATOR_KEY,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    await ensureCosmosResources(cosmosClient, settings.COSMOS_DATABASE!);
    await cosmos.importLegacySnapshot(cosmosClient, settings.COSMOS_DATABASE!);
    const queueService = QueueServiceClient.fromConnectionString(queueConnection);
    await Promise.all(allQueueNames.map((q) => queueService.getQueueClient(q).createIfNotExists()));

    // Load the app exactly as the Functions host does: the file package.json "main" names (the bundle), whose import
    // registers every function. The bundle carries its own copy of the composition root, so the clock is handed to it
    // through the hook it exports.
    const app = (await import(pathToFileURL(appMainFile()).href)) as {
      overrideDependencies?: (overrides: DependencyOverrides) => void;
    };
    if (typeof app.overrideDependencies !== 'function') throw new Error(`${appMainFile()} does not export overrideDependencies`);
    app.overrideDependencies({ clock });

    const hostSettings = readQueueSettings(path.join(repoRoot, 'host.json'));
    // The dev routes need the host and the host needs the dev routes; the ref breaks the cycle.
    const hostRef: { current?: LocalFunctionsHost } = {};
    const webhookReceiver = createWebhookReceiver();
    const devRoutes = createDevRoutes({
      identity,
      emailSink,
      webhookReceiver,
      clock,
      runTimer: (name) => hostRef.current!.runTimer(name),
      timerNames: () => hostRef.current!.timerNames(),
      nudge: () => hostRef.current!.nudgeQueues(),
      background: {
        pause: () => hostRef.current!.pauseBackground(),
        resume: () => hostRef.current!.resumeBackground(),
        settle: () => hostRef.current!.changeFeedsCaughtUp(),
      },
      functions: () => hostRef.current!.describe(),
      openApiUrl: `/${hostSettings.routePrefix}/openapi.json`,
      faultProxy,
    });
    const host = new LocalFunctionsHost({
      registrations,
      routePrefix: hostSettings.routePrefix,
      queueSettings: {
        ...hostSettings,
        maxPollingIntervalMs: options.maxPollingIntervalMs ?? hostSettings.maxPollingIntervalMs,
        visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? hostSettings.visibilityTimeoutSeconds,
      },
      appSettings: settings,
      devRoutes,
      scheduleTimers: options.scheduleTimers,
      log,
    });
    hostRef.current = host;
    await host.start(apiPort);
    stoppers.push(() => host.stop());
    const apiBaseUrl = `${origin}/${hostSettings.routePrefix}`;

    let portal: PortalServer | undefined;
    if (portalPort !== undefined) {
      portal = await startPortalServer({
        port: portalPort,
        config: { apiBaseUrl, signIn: { kind: 'dev', tokenUrl: `${origin}/.dev/token` }, inboxUrl: `${origin}/.dev/inbox` },
      });
      stoppers.push(() => portal!.close());
    }

    return {
      apiBaseUrl,
      origin,
      settings,
      emailSink,
      identity,
      clock,
      host: host,
      ...(portal ? { portalUrl: portal.origin } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

// ---- emulators for `func start` (Core Tools serves the functions; this serves what they depend on) ----

/** Fixed ports, matching local.settings.sample.json. */
export const funcStartPorts = {
  /** The reference portal: PORTAL_BASE_URL of local.settings.sample.json. */
  portal: 7070,
  devRoutes: 7072,
  cosmos: 8081,
  blob: 10000,
  queue: 10001,
  table: 10002,
  emailSink: 7075,
} as const;
/** A fixed, public, development-only ACS access key, so local.settings.sample.json can name it. */
export const DEV_EMAIL_SINK_KEY = Buffer.from('partner-relationships-local-email-sink-key!').toString('base64');

export interface Emulators {
  settings: Record<string, string>;
  devOrigin: string;
  stop(): Promise<void>;
}

/** Starts Azurite (blob, queue, table), the Cosmos-protocol server, the email sink and the dev identity provider. */
export async function startEmulatorsForFunc(options: { dataDir?: string; log?: (line: string) => void }): Promise<Emulators> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s().catch((e: unknown) => log(`stop failed: ${String(e)}`));
  };
  try {
    const ports = funcStartPorts;
    const cosmos = await startCosmos(options.dataDir, ports.cosmos);
    stoppers.push(cosmos.stop);
    const azurite = await startAzurite(options.dataDir, { blob: ports.blob, queue: ports.queue, table: ports.table });
    stoppers.push(azurite.stop);
    const emailSink = await startEmailSink({ port: ports.emailSink, accessKey: DEV_EMAIL_SINK_KEY });
    stoppers.push(() => emailSink.close());
    const devOrigin = `http://127.0.0.1:${ports.devRoutes}`;
    const identity = await createDevIdentityProvider(`${devOrigin}/.dev`);
    const clock = new AdjustableClock();
    const devRoutes = createDevRoutes({
      identity,
      emailSink,
      webhookReceiver: createWebhookReceiver(),
      clock,
      runTimer: async () => false,
      timerNames: () => [],
      nudge: () => undefined,
      functions: () => undefined,
      // Core Tools serves the API (and its document) on its own port; the reference page fetches it from there.
      openApiUrl: 'http://127.0.0.1:7071/api/openapi.json',
    });
    const server = http.createServer((req, res) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        if (!(await devRoutes(req, res, Buffer.concat(chunks)))) res.writeHead(404).end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(ports.devRoutes, '127.0.0.1', () => resolve()));
    stoppers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const cosmosClient = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: COSMOS_EMULATOR_KEY,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    await ensureCosmosResources(cosmosClient, 'partner-relationships');
    await cosmos.importLegacySnapshot(cosmosClient, 'partner-relationships');
    const queueService = QueueServiceClient.fromConnectionString(`UseDevelopmentStorage=true`);
    await Promise.all(allQueueNames.map((q) => queueService.getQueueClient(q).createIfNotExists()));
    return {
      devOrigin,
      settings: {
        AUTH_ISSUER: identity.issuer,
        AUTH_AUDIENCE: identity.audience,
        AUTH_JWKS_URL: `${devOrigin}/.dev/jwks`,
        ACS_CONNECTION_STRING: emailSink.connectionString,
        COSMOS_ENDPOINT: cosmos.endpoint,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ---- development routes (never part of the deployed app) ----

interface DevRouteDeps {
  identity: DevIdentityProvider;
  emailSink: EmailSink;
  webhookReceiver: WebhookReceiver;
  clock: AdjustableClock;
  runTimer(name: string): Promise<boolean>;
  timerNames(): string[];
  nudge(): void;
  /** Holds and releases the host's background work (queue and change feed triggers); absent under Core Tools. */
  background?: { pause(): Promise<void>; resume(): void; settle(): Promise<void> };
  /** What the host loaded from the registrations (absent when Core Tools serves the functions). */
  functions(): unknown;
  /** Where the API reference page loads the OpenAPI document from. */
  openApiUrl: string;
  /** Present when the stack runs with --cosmos-fault-proxy. */
  faultProxy?: CosmosFaultProxy | undefined;
}

/** The API reference page's files: Swagger UI from node_modules (no CDN), by the name the page asks for. */
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const apiReferenceAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

function apiReferencePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Partner relationships API — reference</title>
<link rel="stylesheet" href="/.dev/api/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/.dev/api/swagger-ui-bundle.js"></script>
<script src="/.dev/api/init.js"></script>
</body>
</html>
`;
}

/** Starts Swagger UI on the served document; "Authorize" takes a token from POST /.dev/token. */
const apiReferenceInit = (openApiUrl: string) => `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(openApiUrl)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  // The default validator is an online service; the document is linted by the tests instead.
  validatorUrl: null,
});
`;

/** Pages on a local origin (the portal's sign-in, on its own port) may call the dev routes, as they may the API. */
const devRouteOrigins = new OriginAllowList(LOCAL_BROWSER_ORIGINS.split(','));

/**
 * CORS for the dev routes: the allowed origin on every answer, and the preflight of a JSON POST (POST /.dev/token
 * from the portal). True when the request was a preflight and has been answered.
 */
function devCors(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  const allowed = devRouteOrigins.allows(origin);
  if (allowed) res.setHeader('access-control-allow-origin', origin);
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  if (!allowed)
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('This origin may not call the dev routes.');
  else
    res
      .writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE',
        'access-control-allow-headers': 'Content-Type',
        'access-control-max-age': '600',
      })
      .end();
  return true;
}

function createDevRoutes(deps: DevRouteDeps) {
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const parse = (body: Buffer): unknown => {
    try {
      return JSON.parse(body.toString('utf8') || '{}');
    } catch {
      return undefined;
    }
  };
  return async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    if (devCors(req, res)) return true;
    if (url.pathname === '/.dev/jwks' && method === 'GET') {
      json(res, 200, deps.identity.jwks());
      return true;
    }
    if (url.pathname === '/.dev/token' && method === 'POST') {
      try {
        json(res, 200, { accessToken: await deps.identity.issueToken(parse(body) as never, deps.clock.now()) });
      } catch (error) {
        json(res, 400, { title: 'Invalid token request', detail: error instanceof Error ? error.message : String(error) });
      }
      return true;
    }
    if (url.pathname === '/.dev/clock') {
      if (method === 'POST') {
        const request = parse(body) as { now?: string; advanceSeconds?: number } | undefined;
        if (request?.now && !Number.isNaN(Date.parse(request.now))) deps.clock.set(new Date(request.now));
        else if (typeof request?.advanceSeconds === 'number') deps.clock.advance(request.advanceSeconds * 1000);
        else return (json(res, 400, { detail: 'send { "now": ISO date } or { "advanceSeconds": n }' }), true);
      }
      json(res, 200, { now: deps.clock.now().toISOString() });
      return true;
    }
    const timer = /^\/\.dev\/timers\/([\w-]+)$/.exec(url.pathname);
    if (timer && method === 'POST') {
      try {
        const ran = await deps.runTimer(timer[1]!);
        json(
          res,
          ran ? 200 : 404,
          ran ? { ran: timer[1] } : { detail: `no timer ${timer[1]}; timers: ${deps.timerNames().join(', ')}` },
        );
      } catch (error) {
        json(res, 500, { detail: error instanceof Error ? error.message : String(error) });
      }
      return true;
    }
    if (url.pathname === '/.dev/functions' && method === 'GET') {
      const functions = deps.functions();
      json(res, functions ? 200 : 404, functions ?? { detail: 'the functions are served by Core Tools here' });
      return true;
    }
    if ((url.pathname === '/.dev/api' || url.pathname.startsWith('/.dev/api/')) && method === 'GET') {
      const file = url.pathname.slice('/.dev/api/'.length);
      if (url.pathname === '/.dev/api' || file === '') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(apiReferencePage());
      } else if (file === 'init.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(apiReferenceInit(deps.openApiUrl));
      } else if (Object.hasOwn(apiReferenceAssets, file)) {
        res
          .writeHead(200, { 'content-type': apiReferenceAssets[file]!, 'cache-control': 'no-cache' })
          .end(readFileSync(path.join(swaggerUiDir, file)));
      } else {
        json(res, 404, { detail: `no ${url.pathname}` });
      }
      return true;
    }
    const background = /^\/\.dev\/background\/(pause|resume|settle)$/.exec(url.pathname);
    if (background && method === 'POST') {
      if (!deps.background) return (json(res, 404, { detail: 'the functions are served by Core Tools here' }), true);
      if (background[1] === 'pause') await deps.background.pause();
      else if (background[1] === 'settle') await deps.background.settle();
      else deps.background.resume();
      res.writeHead(204).end();
      return true;
    }
    if (url.pathname === '/.dev/queues/nudge' && method === 'POST') {
      deps.nudge();
      res.writeHead(204).end();
      return true;
    }
    if (url.pathname === '/.dev/cosmos-faults' && !deps.faultProxy) {
      json(res, 404, { detail: 'start the stack with --cosmos-fault-proxy to inject Cosmos DB faults' });
      return true;
    }
    if (deps.faultProxy && (await deps.faultProxy.handleDevRequest(req, res, body))) return true;
    if (await deps.webhookReceiver.handleDevRequest(req, res, body)) return true;
    return deps.emailSink.handleDevRequest(req, res, body);
  };
}

// ---- emulators ----

/**
 * Starts the Cosmos-protocol emulator in its own process (cosmos-process.ts). With a data folder it journals every
 * write there before answering, so the data survives even a SIGKILL of the whole stack.
 */
async function startCosmos(dataDir: string | undefined, fixedPort = 0) {
  const main = fileURLToPath(new URL('./cosmos-process.js', import.meta.url));
  const journalDir = dataDir ? path.join(dataDir, 'cosmos') : undefined;
  // Data kept by earlier versions of the stack, which saved a snapshot on a clean stop only: imported once.
  const legacySnapshot = dataDir ? path.join(dataDir, 'cosmos-snapshot.json') : undefined;
  const importLegacy =
    legacySnapshot && existsSync(legacySnapshot) && !existsSync(path.join(journalDir!, 'snapshot.json'))
      ? legacySnapshot
      : undefined;
  const child: ChildProcess = spawn(
    process.execPath,
    [main, '--port', String(fixedPort), ...(journalDir ? ['--data-dir', journalDir] : [])],
    // stdin stays open as a lifeline: the child exits as soon as this process goes away.
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const stop = () => stopChild(child);
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`the Cosmos emulator did not start: ${output.slice(-500)}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const line = /^COSMOS_READY (.*)$/m.exec(output)?.[1];
      if (line) {
        clearTimeout(timeout);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`the Cosmos emulator exited with ${code}: ${output.slice(-1000)}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop,
    importLegacySnapshot: async (client: CosmosClient, databaseId: string) => {
      if (!importLegacy) return;
      const snapshot = JSON.parse(readFileSync(importLegacy, 'utf8')) as Record<string, Record<string, unknown>[]>;
      for (const [containerId, items] of Object.entries(snapshot)) {
        const container = client.database(databaseId).container(containerId);
        for (const item of items) await container.items.upsert(item);
      }
      renameSync(importLegacy, `${importLegacy}.imported`);
    },
  };
}

/** Stops a helper process: SIGTERM (it saves what it must), then SIGKILL if it does not exit in time. */
const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });

async function startAzurite(
  dataDir: string | undefined,
  fixedPorts?: { blob: number; queue: number; table: number },
): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = fixedPorts?.queue ?? (await freePort());
  const main = fileURLToPath(new URL('./azurite-process.js', import.meta.url));
  const storage = dataDir ? ['--location', path.join(dataDir, 'azurite')] : ['--inMemoryPersistence'];
  if (dataDir) mkdirSync(path.join(dataDir, 'azurite'), { recursive: true });
  const services = fixedPorts
    ? [
        'all',
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(fixedPorts.blob),
        '--tableHost',
        '127.0.0.1',
        '--tablePort',
        String(fixedPorts.table),
      ]
    : ['queue'];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      main,
      ...services,
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      String(port),
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--silent',
      ...storage,
    ],
    // stdin stays open as a lifeline: the child exits as soon as this process goes away.
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = () => stopChild(child);
  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Azurite did not start: ${output.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, stop };
}

/** Whether nothing listens on `port` of 127.0.0.1 yet (so the stack can take it). */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
