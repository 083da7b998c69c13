// What the Cosmos-protocol emulator (@vercel/cosmosdb-server 1.0.1) lacks and the app relies on, added around it in
// its own process (cosmos-process.ts), so the local stack behaves as Cosmos DB does where the app can tell:
//
// - Transactional batches are atomic: every operation applies or none does (the emulator applied the ones before a
//   failure and kept them), and a batch may carry Patch operations, conditional ones included (`condition`: a
//   "from c where …" filter; the emulator refused Patch in a batch).
// - The change feed: GET …/docs with `A-IM: Incremental feed` answers the items changed after the LSN in
//   `If-None-Match` (none: from the beginning; `*`: from now), each in its latest version, in the order they changed,
//   with the new continuation in `ETag`, and 304 when nothing changed (the emulator answered every item each time,
//   then 304 forever). The feed's items carry `_lsn` (reads do not, as in Cosmos DB); deletes do not appear (as in
//   Cosmos DB's latest-version mode). LSNs survive restarts: the journal keeps each item's with it (cosmos-process.ts).
// - A query sent with a partition key reads that partition only (the emulator read the whole container and relied on
//   the WHERE clause), so its cost does not grow with other partitions' data — as in Cosmos DB, where a
//   single-partition query is served by one partition.
//
// - A query-plan request (the SDK sends one beside almost every query) is answered with a plan, without running the
//   query, as Cosmos DB's gateway does (the emulator ran the whole query for it, and the SDK threw the answer away).
// - A query's FROM clause reads its items in linear time: the emulator's query compiler gathered them with
//   `reduce(($, c) => [...$, { c }], [])`, which copies the array for every item — quadratic, 140 ms for 10,000 items.
//   The compiled code is the same with each such copy turned into a push onto the accumulator. And ORDER BY reads each
//   item's sort values once (its sort read them twice per comparison, through a helper that allocates per call):
//   the same order, a fraction of the time.
//
// These hook the emulator's internals (the same ones cosmos-process.ts journals through); `assertInternals` there
// fails loudly if an upgrade moved them.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { createRequire } from 'node:module';

export type Doc = Record<string, unknown>;

export interface EmulatorItem {
  read(): Doc | undefined;
}
export interface EmulatorItems {
  _parent: EmulatorItem;
  _data: Map<string, EmulatorItem>;
  create(data: Doc): Doc;
  delete(idOrRid: string, partition: unknown): void;
  query(params: unknown, options: unknown): unknown;
  _set(data: Doc): Doc;
  _item(keyPath: string, value: unknown, partition: unknown): EmulatorItem;
  _getPartition(data: Doc): unknown;
}
export interface EmulatorCollection extends EmulatorItem {
  documents: EmulatorItems;
  document(id: string, partition: unknown): EmulatorItem;
}
export interface EmulatorDatabase extends EmulatorItem {
  collections: EmulatorItems;
  collection(id: string): EmulatorCollection;
}
export interface EmulatorAccount {
  databases: EmulatorItems;
  database(id: string): EmulatorDatabase;
}
type ItemsClass = { prototype: EmulatorItems };

interface OperationResult {
  statusCode: number;
  body?: Doc & { _etag?: string };
}
type DocumentOperation = (collection: EmulatorCollection, input: BatchOperation) => OperationResult;
interface BatchOperation {
  operationType?: string;
  id?: string;
  partitionKey?: string;
  ifMatch?: string;
  resourceBody?: unknown;
}

const require = createRequire(import.meta.url);
const lib = (name: string): unknown => require(`@vercel/cosmosdb-server/lib/${name}`);
export const Items = (lib('account/items.js') as { default: ItemsClass }).default;
export const Documents = (lib('account/documents.js') as { default: ItemsClass }).default;
const documentOperations = lib('handler/_document-operations.js') as Record<
  'createOperation' | 'upsertOperation' | 'readOperation' | 'replaceOperation' | 'deleteOperation',
  DocumentOperation
>;
const { patchOperation } = lib('handler/_patch-operations.js') as {
  patchOperation: (
    collection: EmulatorCollection,
    input: { id?: string; partitionKey?: string; ifMatch?: string; operations: unknown[]; condition?: string },
  ) => OperationResult;
};
const { parsePartitionKey } = lib('utils/get-partition-from-header.js') as {
  parsePartitionKey: (header: string | undefined, fallback: unknown) => unknown;
};

interface JsNode {
  type: string;
  [key: string]: unknown;
}
// The query compiler and the helpers its compiled code calls, as the emulator itself loads them.
const queryLib = createRequire(require.resolve('@vercel/cosmosdb-server'));
const queryTransformer = queryLib('@zeit/cosmosdb-query/lib/transformer.js') as { default: (ast: unknown) => JsNode };
type SortOrder = [keys: string[], descending: boolean];
const continuationTokens = queryLib('@zeit/cosmosdb-query/lib/continuation-token.js') as {
  decode: (token: string) => { RID?: unknown; RTD?: unknown[] };
};
const queryHelpers = queryLib('@zeit/cosmosdb-query/lib/helpers.js') as {
  sort: (
    collection: unknown[],
    getRid: (item: unknown) => unknown,
    compositeIndexes: unknown,
    ...orders: SortOrder[]
  ) => unknown[];
};

export function extensionInternalsPresent(): boolean {
  return (
    typeof queryTransformer.default === 'function' &&
    typeof queryHelpers.sort === 'function' &&
    typeof Items.prototype.query === 'function' &&
    Object.getPrototypeOf(Documents.prototype) === Items.prototype &&
    ['createOperation', 'upsertOperation', 'readOperation', 'replaceOperation', 'deleteOperation'].every(
      (name) => typeof (documentOperations as Record<string, unknown>)[name] === 'function',
    ) &&
    typeof patchOperation === 'function' &&
    typeof parsePartitionKey === 'function'
  );
}

const isDocuments = (items: EmulatorItems): boolean => items instanceof (Documents as unknown as new () => object);
const partitionKeyOf = (value: unknown): string => JSON.stringify(value ?? null);
const docKey = (partition: string, id: unknown) => `${partition}\u0000${String(id)}`;

// ---- per-container state: the partition index and the change feed ----

interface ContainerState {
  /** Partition key (JSON) → resource ids of its items, in the order they were last written (as the emulator keeps them). */
  partitions: Map<string, Set<string>>;
  /** The last LSN handed out in this container. */
  lsn: number;
  /** Every write, in LSN order; an entry whose item changed again (or was deleted) since is skipped when read. */
  log: { lsn: number; key: string }[];
  /** Item key → the LSN of its current version. */
  latest: Map<string, number>;
  /** Item key → its resource id (to read the current version). */
  rids: Map<string, string>;
  /** Bumped by every write and delete: what the query caches below are valid for. */
  version: number;
  /** Partition key (JSON) → the partition's items as the emulator's own map, built once per version. */
  scoped: Map<string, { version: number; data: Map<string, EmulatorItem> }>;
  /** Scope + ORDER BY → every item of the scope in that order, sorted once per version (the emulator's "index"). */
  sorted: Map<string, SortIndex>;
}

interface SortIndex {
  version: number;
  entries: SortEntry[];
  /** Item → its place in `entries`. */
  positionOf: Map<unknown, number>;
}

interface SortEntry {
  /** The emulator's stored item (what `_data` maps its `_rid` to). */
  stored: EmulatorItem;
  item: unknown;
  values: unknown[];
  rid: unknown;
}

const states = new WeakMap<EmulatorItems, ContainerState>();
function stateOf(items: EmulatorItems): ContainerState {
  let state = states.get(items);
  if (!state) {
    state = {
      partitions: new Map(),
      lsn: 0,
      log: [],
      latest: new Map(),
      rids: new Map(),
      version: 0,
      scoped: new Map(),
      sorted: new Map(),
    };
    states.set(items, state);
  }
  return state;
}

/** How `_set` treats `_lsn`: stamp a new one (a write), keep the item's own (loading saved data, undoing a batch). */
let lsnMode: 'stamp' | 'keep' = 'stamp';
export function keepingLsn<T>(run: () => T): T {
  const previous = lsnMode;
  lsnMode = 'keep';
  try {
    return run();
  } finally {
    lsnMode = previous;
  }
}

/** The request being served, for the query hook: the partition it is scoped to, if any. */
const requestScope = new AsyncLocalStorage<{ partitionKey?: string }>();

/**
 * `[...$, x, …]` (a reducer's new accumulator) → `($.push(x, …), $)`: the same array, filled in place. The compiler emits
 * it only in reducers whose accumulator `$` starts as a fresh `[]` and is never shared, so filling it is equivalent.
 */
function pushInsteadOfCopy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pushInsteadOfCopy);
  if (typeof node !== 'object' || node === null) return node;
  const js = node as JsNode;
  const elements = js.type === 'ArrayExpression' ? (js.elements as JsNode[] | undefined) : undefined;
  const [first, ...rest] = elements ?? [];
  if (
    first?.type === 'SpreadElement' &&
    (first.argument as JsNode | undefined)?.type === 'Identifier' &&
    (first.argument as JsNode).name === '$'
  ) {
    const accumulator = { type: 'Identifier', name: '$' };
    return {
      type: 'SequenceExpression',
      expressions: [
        {
          type: 'CallExpression',
          callee: {
            type: 'MemberExpression',
            object: accumulator,
            property: { type: 'Identifier', name: 'push' },
            computed: false,
          },
          arguments: rest.map(pushInsteadOfCopy),
        },
        accumulator,
      ],
    };
  }
  return Object.fromEntries(Object.entries(js).map(([key, value]) => [key, pushInsteadOfCopy(value)]));
}

// ---- ORDER BY: the emulator's order (its helpers' `comparator` and `getValue`), each item's values read once ----

const TYPE_ORDER = ['undefined', 'null', 'boolean', 'number', 'string', 'array', 'object'];
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const aType = typeOf(a);
  const bType = typeOf(b);
  if (aType === bType) return aType === 'object' ? 0 : (a as number) < (b as number) ? -1 : 1;
  for (const type of TYPE_ORDER) {
    if (aType === type) return -1;
    if (bType === type) return 1;
  }
  return 0;
}
function valueAt(item: unknown, keys: readonly string[]): unknown {
  let value = item;
  for (const key of keys) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/** The query being run (synchronously) by `Items.prototype.query`: its container, scope and items, for the sort. */
let activeQuery: { state: ContainerState; scope: string; data: Map<string, EmulatorItem> } | undefined;

function sortEntries<E extends { values: unknown[]; rid: unknown }>(entries: E[], orders: readonly SortOrder[]): E[] {
  return entries.sort((a, b) => {
    for (let i = 0; i < orders.length; i++) {
      const r = compareValues(a.values[i], b.values[i]);
      if (r !== 0) return orders[i]![1] ? -r : r;
    }
    return compareValues(a.rid, b.rid);
  });
}

/** The scope's sorted index for `orders` (paths under `alias`), built once per version of the container. */
function sortIndexFor(
  query: NonNullable<typeof activeQuery>,
  alias: string,
  orders: readonly SortOrder[],
  getRid: (row: unknown) => unknown,
): SortIndex {
  const { state, scope, data } = query;
  const indexKey = `${scope}\u0000${JSON.stringify(orders.map(([keys, desc]) => [keys.slice(1), desc]))}`;
  let index = state.sorted.get(indexKey);
  if (!index || index.version !== state.version) {
    const entries = sortEntries(
      [...data.values()].map((stored): SortEntry => {
        const item = stored.read();
        return { stored, item, values: orders.map(([keys]) => valueAt(item, keys.slice(1))), rid: getRid({ [alias]: item }) };
      }),
      orders,
    );
    index = { version: state.version, entries, positionOf: new Map(entries.map((entry, at) => [entry.item, at])) };
    state.sorted.set(indexKey, index);
  }
  return index;
}

/** `SELECT * FROM c [WHERE …] ORDER BY c.path [ASC|DESC]` and nothing else: what a page can read from the index. */
const INDEXED_PAGE =
  /^\s*SELECT\s+\*\s+FROM\s+(\w+)(?:\s+WHERE\s+[\s\S]*?)?\s+ORDER\s+BY\s+\1((?:\.\w+)+)(?:\s+(ASC|DESC))?\s*$/i;
const NOT_A_PLAIN_PAGE = /\b(JOIN|TOP|DISTINCT|GROUP|OFFSET|LIMIT|VALUE|ORDER\s+BY[\s\S]*,)\b/i;

/**
 * The items a page of an indexed query can come from, in index order, from where its continuation token points:
 * Cosmos DB reads a page from the index and stops once it is full, so a page's cost does not grow with the items after
 * it. The emulator runs the query over a growing slice of the index until the page is full (its continuation then
 * points inside the slice) or the slice reaches the end; every item before the token sorts before the page, so
 * leaving them out changes nothing.
 */
function runIndexedPage(
  items: EmulatorItems,
  query: NonNullable<typeof activeQuery>,
  params: unknown,
  options: unknown,
  run: () => unknown,
): { ran: true; result: unknown } | { ran: false } {
  const sql = (params as { query?: unknown }).query;
  const { maxItemCount, continuation } = (options ?? {}) as { maxItemCount?: unknown; continuation?: { token?: unknown } };
  if (typeof sql !== 'string' || typeof maxItemCount !== 'number' || maxItemCount <= 0) return { ran: false };
  const plain = INDEXED_PAGE.exec(sql);
  if (!plain || NOT_A_PLAIN_PAGE.test(sql.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''"))) return { ran: false };
  const alias = plain[1]!;
  const order: SortOrder = [[alias, ...plain[2]!.slice(1).split('.')], plain[3]?.toUpperCase() === 'DESC'];
  const ridOf = (row: unknown) => ((row as Record<string, { _rid?: unknown } | undefined>)[alias] ?? {})._rid;
  const index = sortIndexFor(query, alias, [order], ridOf);
  const { entries } = index;
  let from = 0;
  if (typeof continuation?.token === 'string') {
    const token = continuationTokens.decode(continuation.token);
    if (!Array.isArray(token.RTD) || token.RTD.length !== 1) return { ran: false };
    const before = (entry: SortEntry) => {
      const r = compareValues(entry.values[0], token.RTD![0]) * (order[1] ? -1 : 1);
      return r < 0 || (r === 0 && compareValues(entry.rid, token.RID) < 0);
    };
    let high = entries.length;
    while (from < high) {
      const middle = (from + high) >>> 1;
      if (before(entries[middle]!)) from = middle + 1;
      else high = middle;
    }
  }
  const all = items._data;
  for (let size = Math.max(64, (maxItemCount + 1) * 8); ; size *= 4) {
    const to = Math.min(entries.length, from + size);
    items._data = new Map(entries.slice(from, to).map((entry) => [String(entry.rid), entry.stored]));
    try {
      const result = run() as { continuation?: unknown } | null;
      if (to >= entries.length || (result && result.continuation)) return { ran: true, result };
    } finally {
      items._data = all;
    }
  }
}

/**
 * ORDER BY served like Cosmos DB serves it, from an index: every item of the query's scope (its partition, or the
 * container) kept sorted by that order until the next write, so a query sorts nothing — it picks, in index order,
 * the rows its WHERE kept. Only for rows that are one item each under the FROM alias (no JOIN); otherwise undefined.
 */
function sortedFromIndex(
  collection: unknown[],
  getRid: (row: unknown) => unknown,
  orders: readonly SortOrder[],
): unknown[] | undefined {
  if (!activeQuery || orders.length === 0) return undefined;
  const alias = orders[0]![0][0];
  if (alias === undefined || orders.some(([keys]) => keys[0] !== alias)) return undefined;
  // Rows come from one compiled query, so they all have the first one's shape: one member, the FROM alias (no JOIN).
  const first = collection[0];
  if (first !== undefined) {
    if (typeof first !== 'object' || first === null) return undefined;
    const keys = Object.keys(first);
    if (keys.length !== 1 || keys[0] !== alias) return undefined;
  }
  const index = sortIndexFor(activeQuery, alias, orders, getRid);
  // Each row to its item's place in the index, then read in index order: no comparison at all.
  const slots: unknown[] = new Array(index.entries.length);
  for (const row of collection) {
    const at = index.positionOf.get((row as Record<string, unknown>)[alias]);
    // An item the index does not know, or one item twice: sort the usual way.
    if (at === undefined || slots[at] !== undefined) return undefined;
    slots[at] = row;
  }
  const rows: unknown[] = [];
  for (let at = 0; at < slots.length; at++) {
    const row = slots[at];
    // One order: items without the value are left out, as the emulator's own sort does.
    if (row === undefined || (orders.length === 1 && index.entries[at]!.values[0] === undefined)) continue;
    rows.push(row);
  }
  return rows;
}

/** The emulator's `sort` helper with the same results: composite-index check, order by values then `_rid`. */
function installSortHelper(): void {
  const original = queryHelpers.sort;
  queryHelpers.sort = (collection, getRid, compositeIndexes, ...orders) => {
    // Several orders need a composite index: the original checks it (and throws); let it, on an empty collection.
    if (orders.length > 1 && compositeIndexes) original([], getRid, compositeIndexes, ...orders);
    const indexed = sortedFromIndex(collection, getRid, orders);
    if (indexed) return indexed;
    const decorated = sortEntries(
      collection.map((item) => ({ item, values: orders.map(([keys]) => valueAt(item, keys)), rid: getRid(item) })),
      orders,
    );
    const sorted = orders.length === 1 ? decorated.filter((d) => d.values[0] !== undefined) : decorated;
    return sorted.map((d) => d.item);
  };
}

export function installEmulatorExtensions(): void {
  const compile = queryTransformer.default;
  queryTransformer.default = (ast: unknown) => pushInsteadOfCopy(compile(ast)) as JsNode;
  installSortHelper();

  // Called with the emulator's own `this` below: these are its methods, wrapped, not detached.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalSet = Items.prototype._set;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalDelete = Items.prototype.delete;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalQuery = Items.prototype.query;

  Items.prototype._set = function (this: EmulatorItems, data: Doc): Doc {
    if (!isDocuments(this)) return originalSet.call(this, data);
    const state = stateOf(this);
    // The item's LSN is kept beside it, not in it: reads must not show it (Cosmos DB shows it in the change feed only).
    const given = data._lsn;
    delete data._lsn;
    let lsn: number;
    if (lsnMode === 'stamp' || typeof given !== 'number') lsn = ++state.lsn;
    else {
      lsn = given;
      state.lsn = Math.max(state.lsn, given);
    }
    const stored = originalSet.call(this, data);
    state.version++;
    const partition = partitionKeyOf(this._getPartition(stored));
    const rid = String(stored._rid);
    let rids = state.partitions.get(partition);
    if (!rids) state.partitions.set(partition, (rids = new Set()));
    rids.delete(rid);
    rids.add(rid);
    const key = docKey(partition, stored.id);
    state.latest.set(key, lsn);
    state.rids.set(key, rid);
    // Kept in LSN order: writes append; an item loaded (or put back) with an older LSN goes where it belongs, once.
    const at =
      state.log.length === 0 || state.log[state.log.length - 1]!.lsn < lsn ? state.log.length : insertionPoint(state.log, lsn);
    const previous = state.log[at - 1];
    if (!(previous && previous.lsn === lsn && previous.key === key)) state.log.splice(at, 0, { lsn, key });
    if (state.log.length > 1024 && state.log.length > 2 * state.latest.size) compact(state);
    return stored;
  };

  Items.prototype.delete = function (this: EmulatorItems, idOrRid: string, partition: unknown): void {
    if (!isDocuments(this)) return originalDelete.call(this, idOrRid, partition);
    const existing = this._item('/id', idOrRid, partition).read();
    originalDelete.call(this, idOrRid, partition);
    if (!existing) return;
    const state = stateOf(this);
    state.version++;
    const key = partitionKeyOf(this._getPartition(existing));
    state.partitions.get(key)?.delete(String(existing._rid));
    state.latest.delete(docKey(key, existing.id));
    state.rids.delete(docKey(key, existing.id));
  };

  Items.prototype.query = function (this: EmulatorItems, params: unknown, options: unknown): unknown {
    if (!isDocuments(this)) return originalQuery.call(this, params, options);
    const state = stateOf(this);
    const partitionKey = requestScope.getStore()?.partitionKey;
    const all = this._data;
    if (partitionKey !== undefined) {
      // Read one partition: the query runs over that partition's items only (the swap is synchronous, so no other
      // request can see it). The partition's map is built once per version of the container.
      let scoped = state.scoped.get(partitionKey);
      if (!scoped || scoped.version !== state.version) {
        const rids = state.partitions.get(partitionKey) ?? new Set<string>();
        const data = new Map([...rids].flatMap((rid) => (all.has(rid) ? [[rid, all.get(rid)!] as const] : [])));
        scoped = { version: state.version, data };
        state.scoped.set(partitionKey, scoped);
      }
      this._data = scoped.data;
    }
    activeQuery = { state, scope: partitionKey ?? '*', data: this._data };
    try {
      const page = runIndexedPage(this, activeQuery, params, options, () => originalQuery.call(this, params, options));
      if (page.ran) return page.result;
      return originalQuery.call(this, params, options);
    } finally {
      activeQuery = undefined;
      this._data = all;
    }
  };
}

/** The LSN of an item's current version (what the journal keeps with it). */
export function lsnOf(items: EmulatorItems, doc: Doc): number | undefined {
  return states.get(items)?.latest.get(docKey(partitionKeyOf(items._getPartition(doc)), doc.id));
}

function insertionPoint(log: { lsn: number }[], lsn: number): number {
  let low = 0;
  let high = log.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (log[mid]!.lsn <= lsn) low = mid + 1;
    else high = mid;
  }
  return low;
}

function compact(state: ContainerState): void {
  state.log = state.log.filter((entry) => state.latest.get(entry.key) === entry.lsn);
}

/** The partition a request is scoped to: the partition key header's value (a JSON array of one value). */
function partitionHeader(req: http.IncomingMessage): string | undefined {
  const raw = req.headers['x-ms-documentdb-partitionkey'];
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (!header) return undefined;
  try {
    const parsed = JSON.parse(header) as unknown;
    return partitionKeyOf(Array.isArray(parsed) ? parsed[0] : parsed);
  } catch {
    return undefined;
  }
}

/** Runs the emulator's handler for `req`, with queries scoped to the request's partition key, if it sends one. */
export function withRequestScope(req: http.IncomingMessage, run: () => void): void {
  const partitionKey = partitionHeader(req);
  requestScope.run(partitionKey === undefined ? {} : { partitionKey }, run);
}

// ---- the routes these extensions answer themselves ----

const DOCS_PATH = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/;

export type ExtensionRoute = 'changeFeed' | 'batch' | 'queryPlan';

export function extensionRouteOf(req: http.IncomingMessage): ExtensionRoute | undefined {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  if (!DOCS_PATH.test(path)) return undefined;
  const header = (name: string) => String(req.headers[name] ?? '').toLowerCase();
  if (req.method === 'GET' && header('a-im').includes('incremental feed')) return 'changeFeed';
  if (req.method === 'POST' && header('x-ms-cosmos-is-batch-request') === 'true') return 'batch';
  if (req.method === 'POST' && header('x-ms-cosmos-is-query-plan-request') === 'true') return 'queryPlan';
  return undefined;
}

const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void =>
  void res
    .writeHead(status, {
      'content-type': 'application/json',
      'x-ms-activity-id': randomUUID(),
      'x-ms-request-charge': '1',
      ...headers,
    })
    .end(body === undefined ? '' : JSON.stringify(body));

function collectionOf(account: EmulatorAccount, req: http.IncomingMessage): EmulatorCollection | undefined {
  const match = DOCS_PATH.exec(new URL(req.url ?? '/', 'http://emulator').pathname)!;
  const database = account.database(decodeURIComponent(match[1]!));
  if (!database.read()) return undefined;
  const collection = database.collection(decodeURIComponent(match[2]!));
  return collection.read() ? collection : undefined;
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
}

/** Serves a request these extensions answer (see `extensionRouteOf`). */
export async function serveExtensionRoute(
  route: ExtensionRoute,
  account: EmulatorAccount,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const collection = collectionOf(account, req);
  if (!collection) return send(res, 404, { code: 'NotFound', message: 'no such container' });
  if (route === 'changeFeed') return serveChangeFeed(collection, req, res);
  if (route === 'queryPlan') {
    await readBody(req);
    return send(res, 200, QUERY_PLAN);
  }
  const header = req.headers['x-ms-documentdb-partitionkey'];
  return serveBatch(collection, await readBody(req), Array.isArray(header) ? header[0] : header, res);
}

// ---- query plans ----

/**
 * The plan of a plain query over the one partition key range the emulator has. The SDK runs a query optimistically and
 * reads the plan only when the gateway refuses the query, which the emulator never does; the shape is the gateway's.
 */
const QUERY_PLAN = {
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: 'None',
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: '',
    hasSelectValue: false,
    dCountInfo: null,
  },
  queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
};

// ---- the change feed ----

function serveChangeFeed(collection: EmulatorCollection, req: http.IncomingMessage, res: http.ServerResponse): void {
  const items = collection.documents;
  const state = stateOf(items);
  const ifNoneMatch = String(req.headers['if-none-match'] ?? '').replace(/"/g, '');
  const from = ifNoneMatch === '*' ? state.lsn : ifNoneMatch === '' ? 0 : Number(ifNoneMatch);
  if (!Number.isFinite(from) || from < 0) return send(res, 400, { code: 'BadRequest', message: 'invalid continuation' });
  const since = req.headers['if-modified-since'] ? Date.parse(String(req.headers['if-modified-since'])) / 1000 : undefined;
  const requested = Number(req.headers['x-ms-max-item-count'] ?? 100);
  const max = requested > 0 ? requested : Number.MAX_SAFE_INTEGER;
  const partition = partitionHeader(req);

  const documents: Doc[] = [];
  let continuation = from;
  for (let i = insertionPoint(state.log, from); i < state.log.length && documents.length < max; i++) {
    const entry = state.log[i]!;
    continuation = entry.lsn;
    // Changed again since (its newer version comes later in the log) or deleted: not this entry's business.
    if (state.latest.get(entry.key) !== entry.lsn) continue;
    if (partition !== undefined && !entry.key.startsWith(`${partition}\u0000`)) continue;
    const doc = items._data.get(state.rids.get(entry.key)!)?.read();
    if (!doc) continue;
    if (since !== undefined && typeof doc._ts === 'number' && doc._ts < since) continue;
    documents.push({ ...doc, _lsn: entry.lsn });
  }
  const etag = `"${continuation}"`;
  if (documents.length === 0) return send(res, 304, undefined, { etag, 'x-ms-item-count': '0' });
  const rid = collection.read()?._rid;
  const collectionRid = typeof rid === 'string' ? rid : '';
  send(
    res,
    200,
    { _rid: collectionRid, Documents: documents, _count: documents.length },
    { etag, 'x-ms-item-count': String(documents.length) },
  );
}

// ---- atomic transactional batches ----

function serveBatch(
  collection: EmulatorCollection,
  body: unknown,
  batchPartitionKey: string | undefined,
  res: http.ServerResponse,
): void {
  if (!Array.isArray(body)) return send(res, 400, { code: 'BadRequest', message: 'Invalid request body' });
  // An operation without a partition key of its own is in the batch's (as Cosmos DB reads it).
  const operations = (body as BatchOperation[]).map((operation) =>
    operation.partitionKey === undefined && batchPartitionKey !== undefined
      ? { ...operation, partitionKey: batchPartitionKey }
      : operation,
  );
  const items = collection.documents;
  // Before-images of every item the batch touches, to put back if an operation fails.
  const before = new Map<string, { id: string; partition: unknown; doc: Doc | undefined }>();
  const remember = (id: unknown, partition: unknown) => {
    const key = docKey(partitionKeyOf(partition), id);
    if (before.has(key) || typeof id !== 'string') return;
    const doc = collection.document(id, partition).read();
    const image = doc && (JSON.parse(JSON.stringify(doc)) as Doc);
    if (image) image._lsn = lsnOf(items, doc);
    before.set(key, { id, partition, doc: image });
  };

  const results: OperationResult[] = [];
  let failedAt = -1;
  for (const [index, operation] of operations.entries()) {
    let result: OperationResult;
    try {
      result = runOperation(collection, operation, remember);
    } catch (error) {
      result = { statusCode: 400, body: { message: error instanceof Error ? error.message : String(error) } };
    }
    results.push(result);
    if (result.statusCode >= 400) {
      failedAt = index;
      break;
    }
  }

  if (failedAt >= 0) {
    // Undo in reverse: put every touched item back as it was (its ETag, timestamp and LSN included).
    keepingLsn(() => {
      for (const { id, partition, doc } of [...before.values()].reverse()) {
        if (collection.document(id, partition).read()) items.delete(id, partition);
        if (doc) items._set(doc);
      }
    });
    const failed = results[failedAt]!;
    return send(
      res,
      200,
      operations.map((_, i) =>
        i === failedAt ? { statusCode: failed.statusCode, requestCharge: 0 } : { statusCode: 424, requestCharge: 0 },
      ),
    );
  }
  send(
    res,
    200,
    results.map((r) => ({ statusCode: r.statusCode, requestCharge: 1, eTag: r.body?._etag, resourceBody: r.body })),
  );
}

/**
 * Whether a conditional patch's filter (`from c where …`) holds for the item. Its literals become query parameters, so
 * conditions of one shape share one compiled query: the emulator compiles each distinct query text anew (~13 ms), and
 * a throttle's condition names its own counters — every one would be distinct.
 */
function conditionHolds(collection: EmulatorCollection, id: string | undefined, partition: unknown, condition: string): boolean {
  const clause = /^\s*from\s+(\w+)\s+where\s+([\s\S]*)$/i.exec(condition);
  if (!clause || id === undefined) throw new Error(`unsupported patch condition: ${condition}`);
  const [, alias, where] = clause as unknown as [string, string, string];
  const parameters: { name: string; value: unknown }[] = [{ name: '@__id', value: id }];
  const parameterized = where
    .replace(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g, (_, double: string | undefined, single: string | undefined) => {
      parameters.push({
        name: `@__s${parameters.length}`,
        value: JSON.parse(`"${double ?? single!.replace(/"/g, '\\"')}"`) as string,
      });
      return parameters.at(-1)!.name;
    })
    .replace(/(?<![\w@.])(\d+(?:\.\d+)?)(?![\w.])/g, (_, number: string) => {
      parameters.push({ name: `@__n${parameters.length}`, value: Number(number) });
      return parameters.at(-1)!.name;
    });
  const matched = requestScope.run({ partitionKey: partitionKeyOf(partition) }, () =>
    collection.documents.query(
      { query: `SELECT * FROM ${alias} WHERE ${alias}.id = @__id AND (${parameterized})`, parameters },
      { maxItemCount: 1 },
    ),
  ) as { result?: unknown[] } | null;
  return (matched?.result?.length ?? 0) > 0;
}

function runOperation(
  collection: EmulatorCollection,
  operation: BatchOperation,
  remember: (id: unknown, partition: unknown) => void,
): OperationResult {
  const body = operation.resourceBody as Doc | undefined;
  const id = operation.id ?? (body?.id as string | undefined);
  const partition = operation.partitionKey !== undefined ? parsePartitionKey(operation.partitionKey, id) : undefined;
  switch (operation.operationType) {
    case 'Create':
    case 'Upsert':
    case 'Replace':
      if (body && typeof body === 'object') remember(body.id, collection.documents._getPartition(body));
      return documentOperations[`${operation.operationType.toLowerCase() as 'create' | 'upsert' | 'replace'}Operation`](
        collection,
        operation,
      );
    case 'Delete':
      remember(id, partition);
      return documentOperations.deleteOperation(collection, operation);
    case 'Read':
      return documentOperations.readOperation(collection, operation);
    case 'Patch': {
      remember(id, partition);
      const patch = operation.resourceBody as { operations?: unknown[]; condition?: string } | unknown[];
      const condition = Array.isArray(patch) ? undefined : patch.condition;
      // As Cosmos DB: a missing item is a 404 whatever the condition; an existing one that fails it, a 412.
      const exists = id !== undefined && collection.document(id, partition).read() !== undefined;
      if (exists && condition !== undefined && !conditionHolds(collection, id, partition, condition)) {
        return {
          statusCode: 412,
          body: {
            code: 'PreconditionFailed',
            message: 'Operation cannot be performed because one of the specified precondition is not met.',
          },
        };
      }
      return patchOperation(collection, {
        id,
        partitionKey: operation.partitionKey,
        ifMatch: operation.ifMatch,
        operations: Array.isArray(patch) ? patch : (patch.operations ?? []),
      });
    }
    default:
      return {
        statusCode: 400,
        body: { message: `Operation type '${String(operation.operationType)}' is not supported in Batch.` },
      };
  }
}
