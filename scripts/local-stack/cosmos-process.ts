// Runs the Cosmos-protocol emulator (@vercel/cosmosdb-server, in-memory) in a child process of the local stack, so a
// slow query cannot stall the functions host, and — given `--data-dir` — keeps its data through any crash with a
// journal (see cosmos-journal.ts). Like azurite-process.ts it cannot outlive the stack: it exits when its parent's
// pipe closes, even if the parent was killed outright.
//
// Usage: node cosmos-process.js [--port N] [--data-dir DIR]; prints `COSMOS_READY {"port":N,...}` once it listens.
//
// The emulator has no persistence hooks, so this reaches into its internals (pinned to the exact version in
// package.json): every change to a database, container or item goes through `Items#_set` or `Items#delete`, and the
// account object is created by the server on 'listening'. `assertInternals` fails loudly if an upgrade moved them.
import cosmosServer from '@vercel/cosmosdb-server';
import type http from 'node:http';
import { createRequire } from 'node:module';
import type net from 'node:net';
import { parseArgs } from 'node:util';
import {
  Documents,
  extensionInternalsPresent,
  extensionRouteOf,
  installEmulatorExtensions,
  Items,
  keepingLsn,
  lsnOf,
  serveExtensionRoute,
  withRequestScope,
  type EmulatorAccount,
  type EmulatorCollection,
  type EmulatorDatabase,
  type EmulatorItems,
} from './cosmos-emulator-extensions.js';
import { CosmosJournal, documentKey, type CosmosState, type Doc, type JournalEntry } from './cosmos-journal.js';

/** Compacts the journal into the snapshot once it grows past this, so a long session does not replay for long. */
const COMPACT_AFTER_BYTES = 32 * 1024 * 1024;

// ---- the emulator's internals this file relies on (shapes of @vercel/cosmosdb-server 1.0.1, lib/account/*) ----

type ItemsClass = { prototype: EmulatorItems };

const require = createRequire(import.meta.url);
const lib = (name: string): unknown => require(`@vercel/cosmosdb-server/lib/${name}`);
const Databases = (lib('account/databases.js') as { default: ItemsClass }).default;
const Collections = (lib('account/collections.js') as { default: ItemsClass }).default;
const accountModule = lib('account/index.js') as {
  default: new (host: string, port: number) => EmulatorAccount;
};

function assertInternals(): void {
  const ok =
    typeof Items.prototype._set === 'function' &&
    typeof Items.prototype.delete === 'function' &&
    typeof Items.prototype._item === 'function' &&
    typeof Items.prototype._getPartition === 'function' &&
    Object.getPrototypeOf(Databases.prototype) === Items.prototype &&
    Object.getPrototypeOf(Collections.prototype) === Items.prototype &&
    Object.getPrototypeOf(Documents.prototype) === Items.prototype &&
    typeof accountModule.default === 'function' &&
    extensionInternalsPresent();
  if (!ok) throw new Error('@vercel/cosmosdb-server internals changed: update scripts/local-stack/cosmos-process.ts');
}

// ---- capturing changes ----

/** Changes made since the last answer went out; written as one journal line just before the next answer. */
let pending: JournalEntry[] = [];
/** Set while loading saved data into the emulator, whose writes must not be journaled again. */
let restoring = false;
/** Container resource id → [database id, container id], for naming the container of an item change. */
const containerNames = new Map<string, [string, string]>();

const copy = (doc: Doc): Doc => JSON.parse(JSON.stringify(doc)) as Doc;
const idOf = (doc: Doc | undefined): string => (typeof doc?.id === 'string' ? doc.id : '');

function record(items: EmulatorItems, change: 'put' | 'delete', doc: Doc): void {
  if (items instanceof (Databases as unknown as new () => object)) {
    pending.push(change === 'put' ? { op: 'putDatabase', doc: copy(doc) } : { op: 'deleteDatabase', db: idOf(doc) });
  } else if (items instanceof (Collections as unknown as new () => object)) {
    const db = idOf(items._parent.read());
    if (change === 'put') containerNames.set(String(doc._rid), [db, idOf(doc)]);
    pending.push(
      change === 'put' ? { op: 'putCollection', db, doc: copy(doc) } : { op: 'deleteCollection', db, coll: idOf(doc) },
    );
  } else if (items instanceof (Documents as unknown as new () => object)) {
    const names = containerNames.get(String(items._parent.read()?._rid));
    if (!names) throw new Error(`an item changed in a container the journal does not know (${idOf(doc)})`);
    const [db, coll] = names;
    const key = documentKey(items._getPartition(doc), idOf(doc));
    // The item's change-feed LSN goes into the journal with it, so the feed continues where it was after a restart.
    pending.push(
      change === 'put'
        ? { op: 'putDocument', db, coll, key, doc: { ...copy(doc), _lsn: lsnOf(items, doc) } }
        : { op: 'deleteDocument', db, coll, key },
    );
  }
  // Partition key ranges and user-defined functions are derived or unused: not journaled.
}

function installChangeCapture(): void {
  // Called with the emulator's own `this` below: these are its methods, wrapped, not detached.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalSet = Items.prototype._set;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalDelete = Items.prototype.delete;
  Items.prototype._set = function (this: EmulatorItems, data: Doc): Doc {
    const stored = originalSet.call(this, data);
    if (restoring) {
      if (this instanceof (Collections as unknown as new () => object)) {
        containerNames.set(String(stored._rid), [idOf(this._parent.read()), idOf(stored)]);
      }
    } else record(this, 'put', stored);
    return stored;
  };
  Items.prototype.delete = function (this: EmulatorItems, idOrRid: string, partition: unknown): void {
    const existing = this._item('/id', idOrRid, partition).read();
    originalDelete.call(this, idOrRid, partition);
    if (existing && !restoring) record(this, 'delete', existing);
  };
}

// ---- loading saved data, reading the live state ----

function load(account: EmulatorAccount, state: CosmosState): void {
  restoring = true;
  try {
    keepingLsn(() => loadState(account, state));
  } finally {
    restoring = false;
  }
}

function loadState(account: EmulatorAccount, state: CosmosState): void {
  {
    for (const [dbId, db] of state) {
      account.databases.create(db.doc);
      const database = account.database(dbId);
      for (const [collId, coll] of db.collections) {
        database.collections.create(coll.doc);
        const documents = database.collection(collId).documents;
        for (const doc of coll.documents.values()) {
          // The emulator stamps a new ETag and timestamp on create; a restart must not change what clients hold.
          const stored = documents.create(doc);
          stored._etag = doc._etag;
          stored._ts = doc._ts;
        }
      }
    }
  }
}

function liveState(account: EmulatorAccount): CosmosState {
  const state: CosmosState = new Map();
  for (const dbItem of account.databases._data.values()) {
    const dbDoc = dbItem.read();
    if (!dbDoc) continue;
    const database = dbItem as EmulatorDatabase;
    const collections = new Map<string, { doc: Doc; documents: Map<string, Doc> }>();
    for (const collItem of database.collections._data.values()) {
      const collDoc = collItem.read();
      if (!collDoc) continue;
      const documents = new Map<string, Doc>();
      const items = (collItem as EmulatorCollection).documents;
      for (const docItem of items._data.values()) {
        const doc = docItem.read();
        if (doc) documents.set(documentKey(items._getPartition(doc), idOf(doc)), { ...copy(doc), _lsn: lsnOf(items, doc) });
      }
      collections.set(idOf(collDoc), { doc: copy(collDoc), documents });
    }
    state.set(idOf(dbDoc), { doc: copy(dbDoc), collections });
  }
  return state;
}

// ---- the process ----

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' } },
  });
  assertInternals();
  // The extensions wrap the emulator's methods first, so the journal (wrapping them next) records what they add.
  installEmulatorExtensions();
  installChangeCapture();
  const opened = values['data-dir'] ? CosmosJournal.open(values['data-dir']) : undefined;

  let account: EmulatorAccount | undefined;
  const OriginalAccount = accountModule.default;
  accountModule.default = class extends OriginalAccount {
    constructor(host: string, port: number) {
      super(host, port);
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the server keeps its account private; this is the way in
      account = this;
    }
  };

  // Keep-alive, as Cosmos DB's gateway does: without it every request of the app would open a connection.
  const server: http.Server = cosmosServer.createHttpServer({ keepAlive: true });
  // The clients (the Cosmos SDK's keep-alive agent) never close an idle connection themselves. With Node's 5-second
  // default the server closes one now and then just as a client sends on it, and that request fails with "socket hang
  // up" (a write is not retried by the SDK): an idle connection is kept as long as any test run lasts instead.
  server.keepAliveTimeout = 30 * 60_000;
  server.headersTimeout = server.keepAliveTimeout + 60_000;
  const flush = () => {
    if (pending.length === 0 || !opened) {
      pending = [];
      return;
    }
    opened.journal.append(pending);
    pending = [];
    if (opened.journal.size > COMPACT_AFTER_BYTES && account) opened.journal.compact(liveState(account));
  };
  // One entry point for every request: journal the changes a request made before its answer leaves (an acknowledged
  // write is a durable write), answer what the extensions answer (change feed, atomic batches), hand the rest to the
  // emulator with queries scoped to the request's partition.
  const [emulatorHandler] = server.listeners('request') as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  if (!emulatorHandler) throw new Error('the emulator registered no request handler');
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      flush();
      return end(...args);
    }) as typeof res.end;
    const route = extensionRouteOf(req);
    if (route && account) {
      serveExtensionRoute(route, account, req, res).catch((error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'emulator extension failed' }));
      });
      return;
    }
    withRequestScope(req, () => emulatorHandler.call(server, req, res));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(values.port), '127.0.0.1', () => resolve());
  });
  if (!account) throw new Error('the emulator did not create its account');
  const liveAccount: EmulatorAccount = account;
  if (opened) load(liveAccount, opened.state);

  const stop = () => {
    // A clean stop folds the journal into the snapshot; a killed process leaves the journal, replayed on next start.
    try {
      flush();
      if (opened) {
        opened.journal.compact(liveState(liveAccount));
        opened.journal.close();
      }
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The lifeline: the parent holds our stdin; when it goes away (even killed with SIGKILL), so do we. What was
  // acknowledged is already in the journal.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();

  const { port } = server.address() as net.AddressInfo;
  console.log(`COSMOS_READY ${JSON.stringify({ port, restored: opened?.stats ?? null })}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
