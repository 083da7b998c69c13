// Fuzzed bodies, path parameters and queries for every endpoint of the contract list that takes any, sent by the
// endpoint's rightful caller (so each request reaches validation): wrong types, missing and extra fields, huge strings,
// deep nesting, unicode, numbers out of range, arrays too long; malformed JSON, wrong content types, bodies over
// 64 KiB. The contract's own schema is the oracle: a request it refuses must be refused (400 naming a field, 413, 415)
// as a problem+json with a stable code — never a 5xx — and nothing anyone can list may change. Free text carrying NUL,
// a right-to-left override or a zero-width space is a 400 naming that very field. The generator is seeded: the seed is
// printed, and SECURITY_SEED=<seed> replays the run (SECURITY_FUZZ_ROUNDS sets the mutations per body).
import { allContracts } from '../../shared/app/contracts.js';
import { MAX_BODY_BYTES, type EndpointContract } from '../../shared/platform/http/endpoint.js';
import { sharedStack, type ApiResponse } from '../support/api.js';
import {
  apiPath,
  brief,
  describeCall,
  inParallel,
  missingIdFor,
  problemFinding,
  Random,
  report,
  routeParamNames,
  SEED,
  sideOf,
  Tally,
  validBody,
  validQuery,
} from './attack-surface.js';
import { buildWorld, differences, paramsOf, settledSnapshot, type Snapshot, type World } from './world.js';

const api = sharedStack();
const ROUNDS = Number(process.env.SECURITY_FUZZ_ROUNDS ?? 60);
const PARALLEL = 6;

const bodies = new Tally('fuzz-body', 'fuzzed bodies');
const raw = new Tally('raw-body', 'malformed, mistyped, empty or oversized bodies');
const unicode = new Tally('unicode', 'free-text values with NUL, U+202E or U+200B');
const params = new Tally('fuzz-params', 'fuzzed path parameters');
const queries = new Tally('fuzz-query', 'fuzzed queries');
let skipped = 0;

let world: World;
let before: Snapshot;

beforeAll(async () => {
  world = await buildWorld(api);
  before = await settledSnapshot(api, world);
});
afterAll(() => {
  report([bodies, raw, unicode, params, queries], true);
  console.log(`security: ${skipped} generated mutants the contract accepts were not sent (they would be valid requests)`);
});

const withBody = allContracts.filter((c) => c.body !== undefined);
const withParams = allContracts.filter((c) => routeParamNames(c).length > 0);
const withQuery = allContracts.filter((c) => c.query !== undefined);

/** The rightful caller's token: each request gets past authentication and the role checks, into validation. */
const tokenFor = (c: EndpointContract): string | undefined =>
  sideOf(c) === 'partner' ? world.owner.partner.token : sideOf(c) === 'customer' ? world.owner.customer.token : undefined;

function baseRequest(c: EndpointContract) {
  const code = world.owner.pendingInvitation.code;
  const body = validBody(c) as Record<string, unknown> | undefined;
  if (body && 'code' in body) body.code = code;
  return { params: paramsOf(world.owner), query: validQuery(c, { code }), body };
}

function sendRaw(
  c: EndpointContract,
  path: string,
  text: string | undefined,
  contentType: string | null = 'application/json',
): Promise<ApiResponse> {
  const token = tokenFor(c);
  return api.call(c.method, path, {
    ...(token ? { token } : {}),
    // A Buffer, so fetch adds no content type of its own when the test sends none.
    ...(text !== undefined ? { rawBody: contentType === null ? Buffer.from(text) : text } : {}),
    headers: text !== undefined && contentType !== null ? { 'content-type': contentType } : {},
  });
}

// ---- mutations of a valid body ----

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Paths to every value, down to a depth a mutation needs (a nested mutant is thousands deep: not worth walking). */
function pathsOf(value: Json, path: Path = []): Path[] {
  const here = [path];
  if (path.length >= 8) return here;
  if (Array.isArray(value)) return [...here, ...value.slice(0, 20).flatMap((v, i) => pathsOf(v, [...path, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k]))];
  return here;
}

const get = (root: Json, path: Path): Json =>
  path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, root);

/** Replaces (or, with `undefined`, removes) the value at `path`; returns the new root. */
function put(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    // defineProperty, so "__proto__" and "constructor" become plain own members, as JSON.parse makes them on the server.
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

/**
 * A copy of a value that later mutations may change without touching the original. A value nested thousands deep (an
 * earlier mutation's) is too deep to clone recursively; it is shared instead — no mutation reaches that far down.
 */
function copyOf(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  try {
    return structuredClone(value);
  } catch (error) {
    // By name: structuredClone's error comes from another realm than the test's (Jest's VM), so instanceof fails.
    if ((error as { name?: unknown }).name === 'RangeError') return value;
    throw error;
  }
}

const nested = (depth: number, leaf: Json, asObject: boolean): Json => {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = asObject ? { a: node } : [node];
  return node;
};

const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1e-9,
  '',
  ' ',
  'x',
  '0',
  'true',
  'null',
  [],
  {},
  [null],
  { '': '' },
];
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'partnerId',
  'partnerTenantId',
  'tenantId',
  'status',
  'isAdmin',
  '$where',
  '',
];
const ODD_TEXT = [
  '\u0000',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\u2028',
  '\u001b[31m',
  '%00',
  '${7*7}',
  '{{7*7}}',
  '<script>x</script>',
  "' OR '1'='1",
  '😀'.repeat(50),
  'é'.normalize('NFD'),
];

type Mutation = (root: Json, r: Random) => { root: Json; note: string } | undefined;

const mutations: Record<string, Mutation> = {
  wrongType: (root, r) => {
    const path = r.pick(pathsOf(root));
    const value = r.pick(ODD_VALUES);
    return { root: put(root, path, copyOf(value)), note: `${path.join('.') || 'body'} = ${JSON.stringify(value)}` };
  },
  remove: (root, r) => {
    const members = pathsOf(root).filter((p) => p.length > 0);
    if (members.length === 0) return undefined;
    const path = r.pick(members);
    return { root: put(root, path, undefined), note: `without ${path.join('.')}` };
  },
  extra: (root, r) => {
    const objects = pathsOf(root).filter((p) => {
      const v = get(root, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    if (objects.length === 0) return undefined;
    const at = r.pick(objects);
    const key = r.pick(ODD_KEYS);
    return { root: put(root, [...at, key], structuredClone(r.pick(ODD_VALUES))), note: `extra ${[...at, key].join('.')}` };
  },
  hugeString: (root, r) => {
    const path = r.pick(pathsOf(root));
    const size = r.pick([1_001, 5_000, 20_000, 64 * 1024, 70_000]);
    return { root: put(root, path, 'x'.repeat(size)), note: `${path.join('.') || 'body'} = ${size} chars` };
  },
  deepNesting: (root, r) => {
    const path = r.pick(pathsOf(root));
    const depth = r.pick([64, 512, 2_000]);
    const asObject = r.next() < 0.5;
    return { root: put(root, path, nested(depth, 'x', asObject)), note: `${path.join('.') || 'body'} nested ${depth} deep` };
  },
  oddText: (root, r) => {
    const strings = pathsOf(root).filter((p) => typeof get(root, p) === 'string');
    if (strings.length === 0) return undefined;
    const path = r.pick(strings);
    const text = r.pick(ODD_TEXT);
    const value = get(root, path) as string;
    return {
      root: put(root, path, `${value.slice(0, 3)}${text}${value.slice(3)}`),
      note: `${path.join('.')} with ${JSON.stringify(text)}`,
    };
  },
  numberOutOfRange: (root, r) => {
    const numbers = pathsOf(root).filter((p) => typeof get(root, p) === 'number');
    if (numbers.length === 0) return undefined;
    const path = r.pick(numbers);
    const value = r.pick([0, -1, -(2 ** 31), 10_001, 731, 1e21, 2 ** 53 + 1, 1.5, 1e-7, '1']);
    return { root: put(root, path, value), note: `${path.join('.')} = ${JSON.stringify(value)}` };
  },
  longArray: (root, r) => {
    const arrays = pathsOf(root).filter((p) => Array.isArray(get(root, p)));
    const path = arrays.length > 0 ? r.pick(arrays) : r.pick(pathsOf(root));
    const current = get(root, path);
    const first = Array.isArray(current) && current.length > 0 ? current[0]! : 'x';
    // A small item: the point is the count, not a body of megabytes. An object item is copied (small, so cheap): a
    // shared one would take a later mutation (a huge string, deep nesting) into every copy, and the body to megabytes.
    const item = JSON.stringify(first).length <= 200 ? first : 'x';
    const length = r.pick([51, 101, 1_000]);
    return {
      root: put(
        root,
        path,
        Array.from({ length }, () => copyOf(item)),
      ),
      note: `${path.join('.') || 'body'} × ${length}`,
    };
  },
  duplicateArrayItems: (root, r) => {
    const arrays = pathsOf(root).filter((p) => Array.isArray(get(root, p)) && (get(root, p) as Json[]).length > 0);
    if (arrays.length === 0) return undefined;
    const path = r.pick(arrays);
    const items = get(root, path) as Json[];
    return { root: put(root, path, [...items, copyOf(items[0]!)]), note: `${path.join('.')} with a duplicate` };
  },
  empty: (root, r) => {
    const path = r.pick(pathsOf(root));
    const value = r.pick<Json>(['', [], {}]);
    return { root: put(root, path, value), note: `${path.join('.') || 'body'} = ${JSON.stringify(value)}` };
  },
};

describe('fuzzing', () => {
  it('has a valid sample body for every endpoint that takes one (its contract’s example, or one derived from its schema)', () => {
    const missing = withBody.filter((c) => validBody(c) === undefined).map((c) => c.name);
    expect(missing).toEqual([]);
    expect(withBody.length).toBeGreaterThan(5);
  });

  it(`refuses every body its contract refuses: 400 naming a field (413 over ${MAX_BODY_BYTES / 1024} KiB), never a 5xx`, async () => {
    const r = new Random(SEED);
    const names = Object.keys(mutations);
    const cases = withBody.flatMap((c) =>
      Array.from({ length: ROUNDS }, () => {
        const base = baseRequest(c);
        let root = structuredClone(base.body) as Json;
        const notes: string[] = [];
        for (let i = 0, n = 1 + r.int(3); i < n; i++) {
          const result = mutations[r.pick(names)]!(root, r);
          if (result) {
            root = result.root;
            notes.push(result.note);
          }
        }
        return { c, path: apiPath(c, base.params, base.query), root, notes };
      }),
    );
    await inParallel(
      cases.map(({ c, path, root, notes }) => async () => {
        if (c.body!.safeParse(root).success) {
          skipped++;
          return;
        }
        const text = JSON.stringify(root);
        // The contract's own limit: bulk requests take more than the usual 64 KiB.
        const tooLarge = Buffer.byteLength(text) > (c.maxBodyBytes ?? MAX_BODY_BYTES);
        if (Buffer.byteLength(text) > 4 * MAX_BODY_BYTES)
          throw new Error(`a mutant of ${text.length} characters: keep the generator bounded`);
        const answer = await sendRaw(c, path, text);
        bodies.count();
        const what = `${describeCall(c, path)} with ${notes.join('; ')}`;
        if (!bodies.check(what, problemFinding(answer, [tooLarge ? 413 : 400]))) return;
        if (!tooLarge)
          bodies.check(what, Object.keys(answer.body.errors ?? {}).length > 0 ? undefined : `no field named: ${brief(answer)}`);
      }),
      PARALLEL,
    );
    expect(bodies.findings).toEqual([]);
    expect(bodies.calls).toBeGreaterThan(withBody.length * ROUNDS * 0.5);
  });

  it('answers malformed JSON, other content types, empty and non-object bodies, and bodies over the limit with their own problems', async () => {
    const big = (c: EndpointContract) =>
      JSON.stringify({ ...(baseRequest(c).body as object), pad: ' '.repeat(c.maxBodyBytes ?? MAX_BODY_BYTES) });
    const variants: {
      name: string;
      text: (c: EndpointContract) => string | undefined;
      type?: string;
      status: number;
      code: string;
    }[] = [
      { name: 'no body', text: () => undefined, status: 400, code: 'body-required' },
      { name: 'an empty body', text: () => '', status: 400, code: 'body-required' },
      ...[
        '{',
        '{"a":}',
        "{'a':1}",
        '{"a":1,}',
        'nul',
        '{"a":"\\x"}',
        '\ufeff{}',
        '{"a":1}{"b":2}',
        '['.repeat(20_000) + ']'.repeat(19_999),
      ].map((t) => ({ name: `malformed ${JSON.stringify(t.slice(0, 12))}`, text: () => t, status: 400, code: 'malformed-json' })),
      ...['[]', '"text"', '1', 'null', 'true', '['.repeat(20_000) + ']'.repeat(20_000)].map((t) => ({
        name: `the JSON ${t.slice(0, 12)}`,
        text: () => t,
        status: 400,
        code: 'validation-failed',
      })),
      ...[
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/jsonx',
        'json',
      ].map((type) => ({
        name: `as ${type}`,
        text: (c: EndpointContract) => JSON.stringify(baseRequest(c).body),
        type,
        status: 415,
        code: 'unsupported-media-type',
      })),
      {
        name: 'without a content type',
        text: (c) => JSON.stringify(baseRequest(c).body),
        type: '',
        status: 415,
        code: 'unsupported-media-type',
      },
      { name: "a body over the contract's limit", text: big, status: 413, code: 'payload-too-large' },
      {
        name: 'a 1 MiB body',
        text: () => JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
        status: 413,
        code: 'payload-too-large',
      },
    ];
    await inParallel(
      withBody.flatMap((c) =>
        variants.map((v) => async () => {
          const base = baseRequest(c);
          const path = apiPath(c, base.params, base.query);
          const answer = await sendRaw(c, path, v.text(c), v.type === '' ? null : (v.type ?? 'application/json'));
          raw.count();
          const what = `${describeCall(c, path)} with ${v.name}`;
          if (!raw.check(what, problemFinding(answer, [v.status]))) return;
          raw.check(what, answer.body.code === v.code ? undefined : `code ${answer.body.code}, expected ${v.code}`);
        }),
      ),
      PARALLEL,
    );
    expect(raw.findings).toEqual([]);
  });

  /** Fields that take any string on purpose, with why: they are matched, never shown to anyone. */
  const opaqueFields: Record<string, string> = { code: 'the accept-link secret: only its hash is compared, it is never shown' };

  it('refuses NUL, a right-to-left override and a zero-width space in every free-text field with a 400 naming that field', async () => {
    const cases = withBody.flatMap((c) => {
      const body = baseRequest(c).body as Json;
      return pathsOf(body)
        .filter((p) => typeof get(body, p) === 'string')
        .flatMap((p) => ['\u0000', '\u202e', '\u200b'].map((ch) => ({ c, p, ch })));
    });
    expect(cases.length).toBeGreaterThan(20);
    await inParallel(
      cases.map(({ c, p, ch }) => async () => {
        const base = baseRequest(c);
        const root = structuredClone(base.body) as Json;
        const value = get(root, p) as string;
        put(root, p, `${value.slice(0, 2)}${ch}${value.slice(2)}`);
        const path = apiPath(c, base.params, base.query);
        const answer = await sendRaw(c, path, JSON.stringify(root));
        unicode.count();
        const field = p.join('.');
        const what = `${describeCall(c, path)} with U+${ch.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()} in ${field}`;
        if (String(p.at(-1)) in opaqueFields) {
          unicode.check(what, problemFinding(answer, [404]));
          return;
        }
        if (!unicode.check(what, problemFinding(answer, [400]))) return;
        const named = Object.keys(answer.body.errors ?? {}).some((k) => k === field || field.startsWith(`${k}.`));
        unicode.check(what, named ? undefined : `does not name ${field}: ${brief(answer)}`);
      }),
      PARALLEL,
    );
    expect(unicode.findings).toEqual([]);
  });

  it('refuses malformed path parameters with a 400 naming them (or the host’s 404 when no route matches), and answers well-formed unknown ids 404', async () => {
    const r = new Random(SEED + 1);
    const nasty = [
      ' ',
      'a'.repeat(101),
      'a b',
      "' OR '1'='1",
      'SELECT * FROM c',
      '<script>alert(1)</script>',
      '../../etc/passwd',
      '..%2F..%2Fetc',
      '%00',
      '\u0000',
      '\u202e',
      '😀',
      '{}',
      '*',
      '%',
      '%zz',
      '\\',
      '$where',
      'ptn_*',
      'a'.repeat(4000),
      'Ω',
      'id;drop',
      'id?x=1',
      'id#x',
    ];
    // A PUT that creates names the new resource by its last route parameter, chosen by the client (a security group's
    // object id): any well-formed value is a valid create there, not a missing resource, so only malformed ones go.
    const createdByPut = (c: EndpointContract, name: string) =>
      c.method === 'PUT' && 201 in c.responses && name === routeParamNames(c).at(-1);
    const cases = withParams.flatMap((c) =>
      routeParamNames(c).flatMap((name) => [
        ...(createdByPut(c, name) ? [] : [{ c, name, value: missingIdFor(name) }]),
        { c, name, value: 'a'.repeat(100) },
        ...r
          .shuffle(nasty)
          .slice(0, 14)
          .map((value) => ({ c, name, value })),
      ]),
    );
    await inParallel(
      cases.map(({ c, name, value }) => async () => {
        const base = baseRequest(c);
        const path = apiPath(c, { ...base.params, [name]: value }, base.query);
        const answer = await api.call(c.method, path, {
          ...(tokenFor(c) ? { token: tokenFor(c) } : {}),
          ...(base.body !== undefined ? { body: base.body } : {}),
        });
        params.count();
        const what = `${describeCall(c, path)} (${name} = ${JSON.stringify(value.slice(0, 40))})`;
        const wellFormed = c.params!.safeParse({ ...base.params, [name]: value }).success;
        if (!params.check(what, problemFinding(answer, wellFormed ? [404] : [400, 404]))) return;
        if (answer.status === 400) {
          params.check(what, name in (answer.body.errors ?? {}) ? undefined : `does not name ${name}: ${brief(answer)}`);
        }
      }),
      PARALLEL,
    );
    expect(params.findings).toEqual([]);
  });

  it('refuses malformed query values with a 400 naming them, and serves well-formed ones', async () => {
    const r = new Random(SEED + 2);
    const odd = [
      '0',
      '-1',
      '101',
      '1e3',
      '1e2',
      'abc',
      '',
      '1.5',
      ' 5',
      '0x10',
      'Infinity',
      'NaN',
      '9'.repeat(30),
      'x'.repeat(9000),
      '\u0000',
      '\u202e',
      'PENDING',
      'ZZ',
      'fr',
      "'",
    ];
    const cases = withQuery.flatMap((c) => {
      const keys = Object.keys((c.query as unknown as { shape: Record<string, unknown> }).shape).filter(
        (k) => k !== 'continuationToken',
      );
      return [...keys, 'unknownParameter'].flatMap((key) =>
        r
          .shuffle(odd)
          .slice(0, 10)
          .map((value) => ({ c, key, value })),
      );
    });
    await inParallel(
      cases.map(({ c, key, value }) => async () => {
        const base = baseRequest(c);
        const query = { ...base.query, [key]: value };
        const path = apiPath(c, base.params, query);
        const answer = await api.call(c.method, path, tokenFor(c) ? { token: tokenFor(c) } : {});
        queries.count();
        const what = `${describeCall(c, path.slice(0, 200))}`;
        const wellFormed = c.query!.safeParse(query).success;
        // A well-formed query is served: a list answers; an invitation review answers, or 404 for a code that is not its own.
        if (!queries.check(what, problemFinding(answer, wellFormed ? [200, 404] : [400]))) return;
        if (answer.status === 400) {
          queries.check(what, key in (answer.body.errors ?? {}) ? undefined : `does not name ${key}: ${brief(answer)}`);
        }
      }),
      PARALLEL,
    );
    expect(queries.findings).toEqual([]);
  });

  it('changed nothing anyone can list: invitations, leads, relationships, orders, devices, agreements, audit events', async () => {
    expect(differences(before, await settledSnapshot(api, world))).toEqual([]);
  });
});
