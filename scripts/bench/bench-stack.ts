// The bench's local stack: `npm start` itself in a child process (so the load the bench makes and the host it
// measures do not share an event loop), plus the clients the bench needs around it.
import { CosmosClient, type Container } from '@azure/cosmos';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ProxiedRequest } from '../local-stack/cosmos-fault-proxy.js';
import { containers, type ContainerName } from '../../shared/platform/persistence/containers.js';
import { repoRoot } from '../local-stack/stack.js';

export interface BenchStack {
  apiBaseUrl: string;
  origin: string;
  settings: Record<string, string>;
  container(name: ContainerName): Container;
  token(claims: { tenantId: string; roles?: string[]; wids?: string[]; name?: string }): Promise<string>;
  call(
    method: string,
    route: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: any; // JSON of whatever the endpoint answers; the bench reads a few fields.
  }>;
  emails(): Promise<{ to: string[]; text: string }[]>;
  /** Resolves once every change-feed trigger has caught up with the changes made so far. */
  settle(): Promise<void>;
  /** Holds the host's background work (queue and change-feed triggers) until `resume`. */
  pauseBackground(): Promise<void>;
  resumeBackground(): Promise<void>;
  /** The Cosmos requests the fault proxy saw (a stack started with `cosmosFaultProxy` only). */
  cosmosRequests(): Promise<ProxiedRequest[]>;
  stop(): Promise<void>;
}

export async function startBenchStack(options: { settings?: Record<string, string>; cosmosFaultProxy?: boolean } = {}) {
  const args = [
    '--enable-source-maps',
    path.join(repoRoot, 'dist', 'scripts', 'start-local-stack.js'),
    '--port',
    '0',
    '--no-timers',
    '--no-seed',
    '--ready-json',
    // No log line per invocation on the pipe to the bench: its cost would be the bench's, not the app's.
    '--quiet',
    '--max-poll-ms',
    '100',
    ...(options.cosmosFaultProxy ? ['--cosmos-fault-proxy'] : []),
    ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['--setting', `${name}=${value}`]),
  ];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const info = await new Promise<{ apiBaseUrl: string; origin: string; settings: Record<string, string> }>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`the stack did not start in 120 s:\n${output.slice(-2000)}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const line = output.split('\n').find((l) => l.startsWith('LOCAL_STACK_READY '));
      if (line) {
        clearTimeout(timeout);
        resolve(
          JSON.parse(line.slice('LOCAL_STACK_READY '.length)) as {
            apiBaseUrl: string;
            origin: string;
            settings: Record<string, string>;
          },
        );
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`the stack exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
  // The bench's own reads and seeding go where the app's do, not through the app (with the fault proxy on, through it:
  // the bench counts only inside windows where nothing of its own runs).
  const cosmos = new CosmosClient({
    endpoint: info.settings.COSMOS_ENDPOINT!,
    key: info.settings.COSMOS_KEY!,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const database = cosmos.database(info.settings.COSMOS_DATABASE!);
  const dev = (route: string, init?: RequestInit) => fetch(`${info.origin}/.dev/${route}`, init);
  const stack: BenchStack = {
    ...info,
    container: (name) => database.container(containers[name].id),
    async token(claims) {
      const response = await dev('token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'bench-user', ...claims }),
      });
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    async call(method, route, { token, body, headers } = {}) {
      const response = await fetch(`${info.apiBaseUrl}${route}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async emails() {
      return (await (await dev('emails')).json()) as { to: string[]; text: string }[];
    },
    async settle() {
      const response = await dev('background/settle', { method: 'POST' });
      if (response.status !== 204) throw new Error(`settle: ${response.status}`);
    },
    async pauseBackground() {
      await dev('background/pause', { method: 'POST' });
    },
    async resumeBackground() {
      await dev('background/resume', { method: 'POST' });
    },
    async cosmosRequests() {
      return ((await (await dev('cosmos-faults')).json()) as { requests: ProxiedRequest[] }).requests;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  return stack;
}
