// A fault-injecting HTTP proxy between the app and the local Cosmos emulator (`npm start -- --cosmos-fault-proxy`).
// Tests use it to break the database the way Azure can — a write that times out before it reached the database, one
// that was applied but whose answer was lost, one that never answers — around the code under test, which runs
// unchanged against what it believes is Cosmos DB.
//
// Dev routes (on the stack's origin):
//   POST   /.dev/cosmos-faults  one rule, e.g. {"container":"idempotency","operation":"replace","times":1,"status":408}
//   GET    /.dev/cosmos-faults  the rules left, the requests held, and the log of requests the proxy saw (which the
//                               tests and `npm run bench` also use to count an operation's requests, and to spot a
//                               query that reads across partitions)
//   DELETE /.dev/cosmos-faults  drops every rule and answers the held requests with 503
import http from 'node:http';
import type net from 'node:net';
import { z } from 'zod';

export const cosmosOperations = [
  'create',
  'upsert',
  'replace',
  'patch',
  'delete',
  'batch',
  'read',
  'query',
  // The SDK asks the gateway for a query's plan alongside (almost) every query: a round trip that reads no data.
  'queryPlan',
  // GET …/docs with A-IM: Incremental feed (the change feed).
  'changeFeed',
  'other',
] as const;
export type CosmosOperation = (typeof cosmosOperations)[number];
const writeOperations: readonly CosmosOperation[] = ['create', 'upsert', 'replace', 'patch', 'delete', 'batch'];

export const cosmosFaultRuleSchema = z
  .object({
    /** Container id (e.g. "idempotency", "partner-data"); absent: any container. */
    container: z.string().min(1).max(255).optional(),
    /** Which requests: one operation, "write" (any change) or "any". */
    operation: z.enum([...cosmosOperations, 'write', 'any']).default('write'),
    /** Let this many matching requests through first. */
    skip: z.number().int().min(0).max(10_000).default(0),
    /** Then break this many. */
    times: z.number().int().min(1).max(10_000).default(1),
    /** The status the app sees (408 request timeout unless told). */
    status: z.number().int().min(400).max(599).default(408),
    /**
     * before: answer the error without forwarding (the database never saw the request);
     * after: forward, let the database apply it, then answer the error instead of its answer (the write happened but
     * the caller cannot know); hang: hold the request and never answer (a process about to be killed mid-request).
     */
    mode: z.enum(['before', 'after', 'hang']).default('before'),
  })
  .strict();
export type CosmosFaultRuleInput = z.input<typeof cosmosFaultRuleSchema>;
type CosmosFaultRule = z.output<typeof cosmosFaultRuleSchema> & { id: number; matched: number };

export interface ProxiedRequest {
  seq: number;
  method: string;
  container?: string;
  operation: CosmosOperation;
  /** The status the app saw (absent while held). */
  status?: number;
  /** The status the emulator answered (absent when it never saw the request). */
  upstreamStatus?: number;
  fault?: 'before' | 'after' | 'hang';
  /** A query sent without a partition key: it reads every partition of its container. */
  crossPartition?: true;
}

export interface CosmosFaultProxy {
  endpoint: string;
  handleDevRequest(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<boolean>;
  close(): Promise<void>;
}

const MAX_LOG = 2000;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);

/** What a Cosmos REST request does, from its method, path and headers. */
export function classify(
  method: string,
  pathname: string,
  headers: http.IncomingHttpHeaders,
): { container?: string; operation: CosmosOperation } {
  const match = /^\/dbs\/[^/]+\/colls\/([^/]+)\/docs(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match) return { operation: 'other' };
  const container = decodeURIComponent(match[1]!);
  const hasId = match[2] !== undefined;
  const flag = (name: string) => String(headers[name] ?? '').toLowerCase() === 'true';
  if (method === 'POST' && !hasId) {
    if (flag('x-ms-cosmos-is-query-plan-request')) return { container, operation: 'queryPlan' };
    if (flag('x-ms-documentdb-isquery') || String(headers['content-type'] ?? '').startsWith('application/query+json')) {
      return { container, operation: 'query' };
    }
    if (flag('x-ms-cosmos-is-batch-request')) return { container, operation: 'batch' };
    if (flag('x-ms-documentdb-is-upsert')) return { container, operation: 'upsert' };
    return { container, operation: 'create' };
  }
  if (
    method === 'GET' &&
    !hasId &&
    String(headers['a-im'] ?? '')
      .toLowerCase()
      .includes('incremental feed')
  ) {
    return { container, operation: 'changeFeed' };
  }
  if (method === 'GET') return { container, operation: hasId ? 'read' : 'query' };
  if (method === 'PUT' && hasId) return { container, operation: 'replace' };
  if (method === 'PATCH' && hasId) return { container, operation: 'patch' };
  if (method === 'DELETE' && hasId) return { container, operation: 'delete' };
  return { container, operation: 'other' };
}

export async function startCosmosFaultProxy(upstreamPort: number): Promise<CosmosFaultProxy> {
  const agent = new http.Agent({ keepAlive: true });
  let rules: CosmosFaultRule[] = [];
  let nextRuleId = 1;
  let seq = 0;
  const log: ProxiedRequest[] = [];
  const held = new Map<http.ServerResponse, ProxiedRequest>();

  const matches = (rule: CosmosFaultRule, container: string | undefined, operation: CosmosOperation) =>
    (rule.container === undefined || rule.container === container) &&
    (rule.operation === 'any' ||
      rule.operation === operation ||
      (rule.operation === 'write' && writeOperations.includes(operation)));

  /** The rule that breaks this request, consuming one of its skips or times; rules apply in the order they came. */
  function takeFault(container: string | undefined, operation: CosmosOperation): CosmosFaultRule | undefined {
    for (const rule of rules) {
      if (!matches(rule, container, operation)) continue;
      rule.matched += 1;
      if (rule.matched <= rule.skip) continue;
      if (rule.matched >= rule.skip + rule.times) rules = rules.filter((r) => r !== rule);
      return rule;
    }
    return undefined;
  }

  const remember = (entry: ProxiedRequest) => {
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };

  const answerFault = (res: http.ServerResponse, status: number) =>
    res
      .writeHead(status, { 'content-type': 'application/json', 'x-ms-activity-id': 'fault-proxy', 'x-ms-request-charge': '0' })
      .end(
        JSON.stringify({
          code: status === 408 ? 'RequestTimeout' : 'ServiceUnavailable',
          message: 'Injected by the local Cosmos fault proxy.',
        }),
      );

  const forward = (req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(req.headers))
        if (!HOP_BY_HOP.has(name) && name !== 'host') headers[name] = value;
      headers['content-length'] = String(body.length);
      const upstream = http.request(
        { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const out: http.OutgoingHttpHeaders = {};
            for (const [name, value] of Object.entries(response.headers))
              if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
            resolve({ status: response.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
          });
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const { container, operation } = classify(method, new URL(req.url ?? '/', 'http://proxy').pathname, req.headers);
      const rule = takeFault(container, operation);
      const entry: ProxiedRequest = {
        seq: ++seq,
        method,
        ...(container ? { container } : {}),
        operation,
        ...(operation === 'query' && req.headers['x-ms-documentdb-partitionkey'] === undefined
          ? { crossPartition: true as const }
          : {}),
      };
      if (rule) entry.fault = rule.mode;
      remember(entry);
      if (rule?.mode === 'hang') {
        held.set(res, entry);
        res.once('close', () => held.delete(res));
        return;
      }
      if (rule?.mode === 'before') {
        entry.status = rule.status;
        answerFault(res, rule.status);
        return;
      }
      const answer = await forward(req, body);
      entry.upstreamStatus = answer.status;
      if (rule?.mode === 'after') {
        entry.status = rule.status;
        answerFault(res, rule.status);
        return;
      }
      entry.status = answer.status;
      res.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'BadGateway', message: error instanceof Error ? error.message : String(error) }));
    });
  });
  // As the emulator's server: idle connections stay open, so no request is sent on one the server is closing.
  server.keepAliveTimeout = 30 * 60_000;
  server.headersTimeout = server.keepAliveTimeout + 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const describe = () => ({
    rules: rules.map(({ matched, ...rule }) => ({ ...rule, remaining: rule.skip + rule.times - matched })),
    held: [...held.values()],
    requests: log,
  });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    async handleDevRequest(req, res, body) {
      if (new URL(req.url ?? '/', 'http://local').pathname !== '/.dev/cosmos-faults') return false;
      if (req.method === 'GET') return (json(res, 200, describe()), true);
      if (req.method === 'DELETE') {
        rules = [];
        for (const [heldRes, entry] of held) {
          entry.status = 503;
          answerFault(heldRes, 503);
        }
        held.clear();
        res.writeHead(204).end();
        return true;
      }
      if (req.method === 'POST') {
        let raw: unknown;
        try {
          raw = JSON.parse(body.toString('utf8') || '{}');
        } catch {
          return (json(res, 400, { detail: 'send a JSON rule' }), true);
        }
        const parsed = cosmosFaultRuleSchema.safeParse(raw);
        if (!parsed.success)
          return (json(res, 400, { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }), true);
        const rule: CosmosFaultRule = { ...parsed.data, id: nextRuleId++, matched: 0 };
        rules.push(rule);
        return (json(res, 201, { id: rule.id }), true);
      }
      res.writeHead(405, { allow: 'GET, POST, DELETE' }).end();
      return true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const heldRes of held.keys()) heldRes.destroy();
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
