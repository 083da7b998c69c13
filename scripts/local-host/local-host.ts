// A small stand-in for the Functions host: serves the registered HTTP functions under /api, drives queue triggers
// (base64, dequeue count, visibility timeout, poison queue) and timer triggers from their real registrations.
import azureFunctions, { type HttpResponseInit } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChangeFeedTrigger } from './change-feed-trigger.js';
import { triggerOf, type FunctionRegistration } from './functions-core-shim.js';
import { compileRoute, matchRoute, type CompiledRoute } from './routes.js';
import { nextOccurrence } from './timers.js';

export interface QueueHostSettings {
  batchSize: number;
  maxDequeueCount: number;
  visibilityTimeoutSeconds: number;
  maxPollingIntervalMs: number;
}

export interface LocalHostOptions {
  registrations: readonly FunctionRegistration[];
  routePrefix: string;
  queueSettings: QueueHostSettings;
  /** App settings, to resolve a trigger's `connection` name to a connection string. */
  appSettings: Record<string, string | undefined>;
  /** Development-only routes on the same origin (`/.dev/...`); return false when the path is not theirs. */
  devRoutes?: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<boolean>;
  scheduleTimers: boolean;
  log: (line: string) => void;
}

// The package's webpack bundle hides these classes from Node's named-export detection; the default export has them.
const { HttpRequest, HttpResponse, InvocationContext } = azureFunctions;
type HttpRequest = InstanceType<typeof HttpRequest>;
type HttpResponse = InstanceType<typeof HttpResponse>;
type InvocationContext = InstanceType<typeof InvocationContext>;

type HttpFunction = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit | HttpResponse>;

/** The real host's request body limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT's default, 100 MiB); the app's is far lower. */
export const MAX_HOST_BODY_BYTES = 104_857_600;

export class LocalFunctionsHost {
  private readonly routes: CompiledRoute<FunctionRegistration>[] = [];
  private readonly queueFunctions: FunctionRegistration[] = [];
  private readonly timerFunctions = new Map<string, FunctionRegistration>();
  private readonly changeFeeds: ChangeFeedTrigger[] = [];
  private readonly timerHandles = new Map<string, NodeJS.Timeout>();
  private readonly runningTimers = new Map<string, Promise<void>>();
  private readonly pollers: Promise<void>[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Queue messages (and other trigger work) being handled: what `pauseBackground` waits for. */
  private readonly backgroundWork = new Set<Promise<unknown>>();
  private server?: http.Server;
  private stopping = false;
  private paused = false;
  private wakeUps: (() => void)[] = [];

  constructor(private readonly options: LocalHostOptions) {
    for (const registration of options.registrations) {
      const trigger = triggerOf(registration);
      if (!trigger) continue;
      if (trigger.type === 'httpTrigger') {
        this.routes.push(compileRoute(trigger.route ?? registration.name, trigger.methods ?? ['GET', 'POST'], registration));
      } else if (trigger.type === 'queueTrigger') {
        this.queueFunctions.push(registration);
      } else if (trigger.type === 'timerTrigger') {
        this.timerFunctions.set(registration.name, registration);
      } else if (trigger.type === 'cosmosDBTrigger') {
        this.changeFeeds.push(
          new ChangeFeedTrigger(registration, trigger, {
            appSettings: options.appSettings,
            maxPollingIntervalMs: options.queueSettings.maxPollingIntervalMs,
            log: options.log,
            isStopping: () => this.stopping,
            isPaused: () => this.paused,
            invoke: async (target, items) => {
              await target.handler(items, this.context(target.name, { trigger: 'cosmosDB' }));
            },
            trackBackground: (work) => this.trackBackground(work),
            sleep: (ms) => new Promise<void>((resolve) => this.sleep(ms, resolve)),
          }),
        );
      } else {
        options.log(`local host: ${registration.name} has a ${trigger.type}, which this host does not drive`);
      }
    }
  }

  describe(): {
    http: { name: string; methods: string[]; route: string }[];
    queues: string[];
    timers: string[];
    changeFeeds: string[];
  } {
    return {
      http: this.routes.map((r) => ({ name: r.target.name, methods: r.methods, route: r.template })),
      queues: this.queueFunctions.map((f) => `${f.name} ← ${triggerOf(f)?.queueName}`),
      timers: [...this.timerFunctions.values()].map((f) => `${f.name} @ ${triggerOf(f)?.schedule}`),
      changeFeeds: this.changeFeeds.map((f) => f.describe()),
    };
  }

  async start(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = http.createServer((req, res) => {
      const work = this.handleHttp(req, res).catch((error: unknown) => {
        this.options.log(`local host: request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
      void this.track(work);
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    for (const registration of this.queueFunctions) this.pollers.push(this.pollQueue(registration));
    for (const feed of this.changeFeeds) this.pollers.push(feed.run());
    if (this.options.scheduleTimers) for (const name of this.timerFunctions.keys()) this.scheduleTimer(name);
    return (this.server.address() as AddressInfo).port;
  }

  /** Runs a timer function now (used by `POST /.dev/timers/{name}` and tests); waits for a run already going. */
  async runTimer(name: string): Promise<boolean> {
    const registration = this.timerFunctions.get(name);
    if (!registration) return false;
    const running = this.runningTimers.get(name);
    if (running) await running;
    const run = this.invokeTimer(registration, false).finally(() => this.runningTimers.delete(name));
    this.runningTimers.set(name, run);
    await run;
    return true;
  }

  timerNames(): string[] {
    return [...this.timerFunctions.keys()];
  }

  /**
   * Stops taking queue messages, and resolves once the ones being handled are done: from then until
   * `resumeBackground`, every Cosmos request the app makes is one an HTTP request made (`POST /.dev/background/pause`:
   * the tests and the bench count an operation's requests that way). Development only; the real host has no such switch.
   */
  async pauseBackground(): Promise<void> {
    this.paused = true;
    while (this.backgroundWork.size > 0) await Promise.allSettled([...this.backgroundWork]);
  }

  resumeBackground(): void {
    this.paused = false;
    this.nudgeQueues();
  }

  /**
   * Resolves once every change-feed trigger has handled every change made before the call (a read that began after it
   * found nothing new): `POST /.dev/background/settle`, for tests that read a view right after changing its source.
   */
  async changeFeedsCaughtUp(): Promise<void> {
    const caughtUp = this.changeFeeds.map((feed) => feed.caughtUp());
    this.nudgeQueues();
    await Promise.all(caughtUp);
  }

  /** Makes every queue poller look now instead of waiting out its back-off. */
  nudgeQueues(): void {
    const wakeUps = this.wakeUps;
    this.wakeUps = [];
    wakeUps.forEach((w) => w());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const handle of this.timerHandles.values()) clearTimeout(handle);
    this.nudgeQueues();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await Promise.allSettled(this.pollers);
    await Promise.allSettled([...this.inFlight, ...this.runningTimers.values()]);
  }

  // ---- HTTP ----

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    // Like the real host's web server: a body over its limit gets a bare 413 before any function runs; anything
    // below reaches the function, which applies its own (much lower) limit. CORS is the app's business, not the host's.
    if (Number(req.headers['content-length'] ?? 0) > MAX_HOST_BODY_BYTES) return tooLarge(req, res);
    const body = await readBody(req);
    if (body === 'too-large') return tooLarge(req, res);
    if (url.pathname.startsWith('/.dev/') && this.options.devRoutes) {
      if (await this.options.devRoutes(req, res, body)) return;
    }
    // Route templates, the route prefix included, match case-insensitively, as ASP.NET Core routing does.
    const prefix = this.options.routePrefix ? `/${this.options.routePrefix}/`.toLowerCase() : '/';
    if (!`${url.pathname}/`.toLowerCase().startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    const match = matchRoute(this.routes, url.pathname.slice(prefix.length - 1), req.method ?? 'GET');
    if (match === undefined || match === 'method-not-allowed') {
      // The Functions host answers an unmatched route or method with a bare 404.
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // Like the platform's front end, the host appends the address it saw: the last entry is the one a client cannot choose.
    const sent = headers['x-forwarded-for'];
    headers['x-forwarded-for'] = `${sent ? `${sent}, ` : ''}${req.socket.remoteAddress ?? 'unknown'}`;
    const request = new HttpRequest({
      method: req.method ?? 'GET',
      url: url.toString(),
      headers,
      query: queryOf(url),
      params: match.params,
      ...(body.length > 0 ? { body: { bytes: body } } : {}),
    });
    const context = this.context(match.route.target.name, { trigger: 'http' });
    const result = await (match.route.target.handler as HttpFunction)(request, context);
    if (writePlainResponse(result, res)) return;
    const response = result instanceof HttpResponse ? result : new HttpResponse(result);
    const payload = Buffer.from(await response.arrayBuffer());
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.writeHead(response.status ?? 200).end(payload);
  }

  // ---- Queues ----

  private async pollQueue(registration: FunctionRegistration): Promise<void> {
    const trigger = triggerOf(registration)!;
    const connectionString = this.options.appSettings[trigger.connection ?? 'AzureWebJobsStorage'];
    if (!connectionString) throw new Error(`no connection string for ${registration.name} (${trigger.connection})`);
    const queue = new QueueClient(connectionString, trigger.queueName!);
    const poison = new QueueClient(connectionString, `${trigger.queueName}-poison`);
    await queue.createIfNotExists();
    await poison.createIfNotExists();
    const { batchSize, maxPollingIntervalMs } = this.options.queueSettings;
    let delay = 50;
    while (!this.stopping) {
      let received = 0;
      if (this.paused) {
        await new Promise<void>((resolve) => this.sleep(maxPollingIntervalMs, resolve));
        continue;
      }
      try {
        // One unit of background work from the receive to the last message handled, so a pause waits for all of it.
        received = await this.trackBackground(
          (async () => {
            // Hold the messages while processing; the host renews its lease the same way.
            const batch = await queue.receiveMessages({ numberOfMessages: batchSize, visibilityTimeout: 300 });
            await Promise.all(
              batch.receivedMessageItems.map((m) => this.track(this.processMessage(registration, queue, poison, m))),
            );
            return batch.receivedMessageItems.length;
          })(),
        );
      } catch (error) {
        if (!this.stopping) this.options.log(`local host: polling ${trigger.queueName} failed: ${describe(error)}`);
      }
      if (this.stopping) break;
      delay = received > 0 ? 0 : Math.min(Math.max(delay * 2, 50), maxPollingIntervalMs);
      if (delay > 0) await new Promise<void>((resolve) => this.sleep(delay, resolve));
    }
  }

  private sleep(ms: number, resolve: () => void): void {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    this.wakeUps.push(done);
  }

  private async processMessage(
    registration: FunctionRegistration,
    queue: QueueClient,
    poison: QueueClient,
    message: {
      messageId: string;
      popReceipt: string;
      messageText: string;
      dequeueCount: number;
      insertedOn: Date;
      expiresOn: Date;
      nextVisibleOn: Date;
    },
  ): Promise<void> {
    const { maxDequeueCount, visibilityTimeoutSeconds } = this.options.queueSettings;
    if (message.dequeueCount > maxDequeueCount) {
      await poison.sendMessage(message.messageText);
      await queue.deleteMessage(message.messageId, message.popReceipt);
      return;
    }
    const text = Buffer.from(message.messageText, 'base64').toString('utf8');
    let payload: unknown = text;
    try {
      payload = JSON.parse(text);
    } catch {
      // Not JSON: the host hands the function the string.
    }
    const context = this.context(registration.name, {
      id: message.messageId,
      dequeueCount: message.dequeueCount,
      insertionTime: message.insertedOn.toISOString(),
      expirationTime: message.expiresOn.toISOString(),
      nextVisibleTime: message.nextVisibleOn.toISOString(),
      popReceipt: message.popReceipt,
    });
    try {
      await registration.handler(payload, context);
      await queue.deleteMessage(message.messageId, message.popReceipt);
    } catch (error) {
      this.options.log(`[${registration.name}] failed (dequeueCount ${message.dequeueCount}): ${describe(error)}`);
      if (message.dequeueCount >= maxDequeueCount) {
        await poison.sendMessage(message.messageText);
        await queue.deleteMessage(message.messageId, message.popReceipt);
        this.options.log(`[${registration.name}] message moved to ${poison.name}`);
      } else {
        await queue.updateMessage(message.messageId, message.popReceipt, undefined, visibilityTimeoutSeconds);
      }
    }
  }

  // ---- Timers ----

  private scheduleTimer(name: string): void {
    const registration = this.timerFunctions.get(name)!;
    const schedule = triggerOf(registration)!.schedule!;
    const next = nextOccurrence(schedule, new Date());
    const handle = setTimeout(
      () => {
        if (this.stopping) return;
        if (!this.runningTimers.has(name)) {
          const run = this.invokeTimer(registration, false).finally(() => this.runningTimers.delete(name));
          this.runningTimers.set(name, run);
        }
        this.scheduleTimer(name);
      },
      Math.max(0, next.getTime() - Date.now()),
    );
    handle.unref();
    this.timerHandles.set(name, handle);
  }

  private async invokeTimer(registration: FunctionRegistration, isPastDue: boolean): Promise<void> {
    const context = this.context(registration.name, { trigger: 'timer' });
    try {
      await registration.handler({ isPastDue, schedule: { adjustForDST: false }, scheduleStatus: {} }, context);
    } catch (error) {
      this.options.log(`[${registration.name}] failed: ${describe(error)}`);
      throw error;
    }
  }

  private context(functionName: string, triggerMetadata: Record<string, unknown>): InvocationContext {
    return new InvocationContext({
      invocationId: randomUUID(),
      functionName,
      triggerMetadata,
      logHandler: (level, ...args) => {
        if (level === 'debug' || level === 'trace') return;
        this.options.log(`[${functionName}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
      },
    });
  }

  private trackBackground<T>(work: Promise<T>): Promise<T> {
    this.backgroundWork.add(work);
    void work.finally(() => this.backgroundWork.delete(work)).catch(() => undefined);
    return work;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }
}

/**
 * The query as the real host hands it to a Node function: one value per name, a repeated name's values joined with a
 * comma (`?country=FR&country=DE` → `FR,DE`), so the function's validation sees what it will see in Azure.
 */
export function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) query[name] = url.searchParams.getAll(name).join(',');
  return query;
}

function tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  // Kestrel answers an empty 413 and closes the connection instead of reading the rest of the body.
  res.writeHead(413, { connection: 'close' }).end();
  req.pause();
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_HOST_BODY_BYTES) return void chunks.push(chunk);
      // Stop reading (without destroying the socket, so the 413 still reaches the client).
      req.off('data', onData);
      req.pause();
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Writes a handler's answer given as a plain `HttpResponseInit` — status, a headers record and a string body, which is
 * what the app's endpoints return — straight to the socket, with what `new HttpResponse(init)` would send: the same
 * status, headers and bytes, and `text/plain;charset=UTF-8` for a string body without a content type. Anything else
 * (an `HttpResponse`, `jsonBody`, cookies, a stream, a `Headers` object) goes through the library's own objects.
 */
export function writePlainResponse(result: unknown, res: http.ServerResponse): boolean {
  if (typeof result !== 'object' || result === null || result instanceof HttpResponse) return false;
  const init = result as Record<string, unknown>;
  if (Object.keys(init).some((key) => key !== 'status' && key !== 'headers' && key !== 'body')) return false;
  const { status, headers, body } = init;
  if (status !== undefined && typeof status !== 'number') return false;
  if (body !== undefined && typeof body !== 'string') return false;
  if (
    headers !== undefined &&
    (typeof headers !== 'object' || headers === null || Object.getPrototypeOf(headers) !== Object.prototype)
  ) {
    return false;
  }
  const entries = Object.entries((headers ?? {}) as Record<string, unknown>);
  if (entries.some(([, value]) => typeof value !== 'string')) return false;
  const names = new Set(entries.map(([name]) => name.toLowerCase()));
  for (const [name, value] of entries) res.setHeader(name.toLowerCase(), value as string);
  if (body !== undefined && !names.has('content-type')) res.setHeader('content-type', 'text/plain;charset=UTF-8');
  res.writeHead(status ?? 200).end(body ?? '');
  return true;
}
