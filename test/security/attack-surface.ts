// The security suite's view of the API: every endpoint comes from the contract list, so an endpoint added tomorrow is
// attacked by every category without anyone editing the suite. Also: the seeded generator that makes a fuzz run
// replayable, valid sample requests derived from the contracts, the problem+json oracle, and the tally each test
// file prints at its end so a reader of CI output sees how big the attack was.
import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { allContracts } from '../../shared/app/contracts.js';
import type { EndpointContract } from '../../shared/platform/http/endpoint.js';
import { uniqueEmail, type ApiResponse } from '../support/api.js';

// ---- the attack surface ----

/** Who an endpoint serves, from its contract: the route's first segment names the side. */
export type Side = 'partner' | 'customer' | 'public';

export const sideOf = (contract: EndpointContract): Side =>
  contract.route.startsWith('partner/') ? 'partner' : contract.route.startsWith('customer/') ? 'customer' : 'public';

/** Every endpoint that reads a token: signedIn ones need one, optionalUser ones must refuse a bad one. */
export const tokenContracts = allContracts.filter((c) => c.auth !== 'public');

/** The route's parameter names, in order: `partner/customers/{customerTenantId}/orders` → ['customerTenantId']. */
export const routeParamNames = (contract: EndpointContract): string[] =>
  [...contract.route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** `/…` below the API base: the route with its parameters filled in (encoded), plus a query string. */
export function apiPath(contract: EndpointContract, params: Record<string, string>, query: Record<string, string> = {}): string {
  const path = contract.route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${contract.name}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  return `/${path}${search ? `?${search}` : ''}`;
}

export const describeCall = (contract: EndpointContract, path: string) => `${contract.method} /api${path} (${contract.name})`;

// ---- replayable randomness ----

/** The seed of this run: SECURITY_SEED replays a run (each test file prints the seed it used). */
export const SEED = (() => {
  const given = process.env.SECURITY_SEED;
  if (given !== undefined && !/^\d+$/.test(given)) throw new Error(`SECURITY_SEED must be a whole number, got "${given}"`);
  return given !== undefined ? Number(given) : randomInt(2 ** 31);
})();

/** A small seeded generator (mulberry32): the same seed gives the same attack, so a failure can be replayed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[this.int(items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

// ---- valid sample requests, from the contracts ----

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/** Strings tried, in order, for a string the schema constrains by pattern or format. */
const STRING_CANDIDATES = [
  'sample',
  '3f2b8c1e-5d4a-4b6f-9e8d-7c6b5a4f3e2d',
  'sample@example.test',
  'https://example.test',
  '+33 1 23 45 67 89',
  'FR',
  Buffer.alloc(32, 7).toString('base64'),
];

function sampleOf(schema: JsonSchema, defs: Record<string, JsonSchema>): unknown {
  if (schema.$ref) return sampleOf(defs[schema.$ref.replace('#/$defs/', '')] ?? {}, defs);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf[0]!, defs);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sampleOf(schema.properties?.[name] ?? {}, defs);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleOf(schema.items ?? {}, defs));
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string': {
      const fits = (s: string) =>
        (schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(s)) &&
        (schema.format !== 'email' || s.includes('@')) &&
        (schema.format !== 'uri' || s.startsWith('https://')) &&
        s.length >= (schema.minLength ?? 0) &&
        s.length <= (schema.maxLength ?? Infinity);
      return STRING_CANDIDATES.find(fits) ?? 'sample';
    }
    default:
      return 'sample';
  }
}

/**
 * A value the schema accepts, from its JSON Schema (required members only); undefined when none of ours fits. A string
 * the JSON Schema cannot describe (a refinement or transform) gets the other candidates in turn until the schema
 * stops naming it.
 */
export function sampleFor(schema: z.ZodType): unknown {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const sample = sampleOf(json, json.$defs ?? {});
  const tried = new Map<string, number>();
  for (let round = 0; round < 50; round++) {
    const parsed = schema.safeParse(sample);
    if (parsed.success) return sample;
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    const next = tried.get(key) ?? 0;
    if (issue.path.length === 0 || next >= STRING_CANDIDATES.length) return undefined;
    tried.set(key, next + 1);
    setAt(sample, issue.path, STRING_CANDIDATES[next]);
  }
  return undefined;
}

function setAt(target: unknown, path: readonly PropertyKey[], value: unknown): void {
  let node = target as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<PropertyKey, unknown>;
  node[path.at(-1)!] = value;
}

/**
 * A body the contract accepts: its first documented example (what the OpenAPI document shows), else one derived from
 * its schema. An endpoint with neither makes the coverage test fail, naming it: give its contract an example.
 */
export function validBody(contract: EndpointContract): unknown {
  if (!contract.body) return undefined;
  const example = Object.values(contract.examples ?? {})[0]?.value;
  const body =
    example !== undefined && contract.body.safeParse(example).success ? structuredClone(example) : sampleFor(contract.body);
  return body === undefined ? undefined : withFreshEmails(body);
}

/**
 * Every email address in a sample made unique: requests from different tests must not meet in a per-address limit
 * or a 24-hour duplicate check, which would answer them for reasons the test is not about.
 */
function withFreshEmails(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => withFreshEmails(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withFreshEmails(v, k)]));
  }
  return typeof value === 'string' && /email$/i.test(key) ? uniqueEmail('sample') : value;
}

/** Query values the contract accepts (required members only), with `known` values (e.g. a real code) winning. */
export function validQuery(contract: EndpointContract, known: Record<string, string> = {}): Record<string, string> {
  if (!contract.query) return {};
  const sample = (sampleFor(contract.query) ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(sample)) out[k] = known[k] ?? String(v);
  return out;
}

/**
 * A request the contract accepts, aimed at the resources `params` names, carrying `code` wherever the contract takes an
 * invitation code (query or body): what a caller who holds the link would send.
 */
export function validRequest(
  contract: EndpointContract,
  params: Record<string, string>,
  code: string,
): { path: string; body: Record<string, unknown> | undefined } {
  const body = validBody(contract) as Record<string, unknown> | undefined;
  if (contract.body && body === undefined)
    throw new Error(`${contract.name}: no valid sample body (give its contract an example)`);
  if (body && 'code' in body) body.code = code;
  return { path: apiPath(contract, params, validQuery(contract, { code })), body };
}

// ---- the oracle ----

const STACK_TRACE = /\bat [\w.<>]+ \(?[^)\s]*\.[cm]?js:\d+/;
const STABLE_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * What is wrong with an error answer, or undefined: a 5xx (other than a 503 with Retry-After) is always wrong; a 4xx
 * must be problem+json (TestClient already checks the shape) with a stable kebab-case `code` whose `type` names it,
 * the HTTP status in `status`, and no stack trace; 413/429/503 carry what a client needs to behave.
 */
export function problemFinding(response: ApiResponse, allowedStatuses: readonly number[]): string | undefined {
  const { status } = response;
  if (!allowedStatuses.includes(status))
    return `answered ${status} (expected ${allowedStatuses.join(' or ')}): ${brief(response)}`;
  if (status < 400) return undefined;
  if (status >= 500 && !(status === 503 && Number(response.headers.get('retry-after')) > 0)) {
    return `answered ${status} without Retry-After: ${brief(response)}`;
  }
  if (status === 404 && response.text === '') return undefined; // the host's bare 404: no function matched the path
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/problem+json')) return `answered ${status} as ${contentType || 'no content type'}`;
  const body = response.body as { code?: unknown; type?: unknown; status?: unknown; detail?: unknown };
  if (typeof body.code !== 'string' || !STABLE_CODE.test(body.code)) return `problem without a stable code: ${brief(response)}`;
  if (body.code === 'internal-error') return `internal-error problem: ${brief(response)}`;
  if (body.type !== `urn:partner-relationships:problem:${body.code}`) return `problem type ${String(body.type)} for ${body.code}`;
  if (body.status !== status) return `problem status ${String(body.status)} on a ${status} answer`;
  if (STACK_TRACE.test(response.text)) return `problem carries a stack trace: ${brief(response)}`;
  if (status === 429 && !(Number(response.headers.get('retry-after')) > 0)) return '429 without Retry-After';
  return undefined;
}

export const brief = (response: ApiResponse) => `${response.status} ${response.text.slice(0, 300)}`;

// ---- counting and reporting ----

/**
 * Counts what one category tried and collects findings instead of stopping at the first: a test asserts the findings
 * list is empty, so a failure shows every broken case at once. `report()` prints one line per category.
 */
export class Tally {
  calls = 0;
  readonly findings: string[] = [];
  constructor(
    readonly category: string,
    readonly unit: string,
  ) {}
  count(n = 1): void {
    this.calls += n;
  }
  /** Records `finding` (when defined) about `what`; returns whether it was clean. */
  check(what: string, finding: string | undefined): boolean {
    if (finding === undefined) return true;
    this.findings.push(`${what}: ${finding}`);
    return false;
  }
  line(): string {
    return `security: ${this.calls} ${this.unit}, ${this.findings.length} finding${this.findings.length === 1 ? '' : 's'}`;
  }
}

/** Prints the tallies of a test file (one line each) and its seed, so CI output shows the size of the attack. */
export function report(tallies: readonly Tally[], seeded = false): void {
  const lines = tallies.map((t) => t.line());
  if (seeded) lines.push(`security: seed ${SEED} (replay with SECURITY_SEED=${SEED} npm run test:security)`);
  console.log(lines.join('\n'));
}

/** Runs `tasks` with at most `limit` in flight: enough to press the stack, not so many that a 2-core machine stalls. */
export async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** An id of the shape this API issues that names nothing: what "missing" looks like, to compare "not yours" with. */
/** GUID-typed route parameters (Entra object ids); every other id is one this API issues. */
const GUID_PARAMS = new Set(['customerTenantId', 'groupId']);

export const missingIdFor = (param: string): string =>
  GUID_PARAMS.has(param) ? randomUUID() : `${param.replace(/Id$/, '').slice(0, 3)}_${randomUUID().replace(/-/g, '')}`;
