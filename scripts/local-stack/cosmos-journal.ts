// Durable storage for the local Cosmos emulator, which itself keeps everything in memory: a snapshot plus a journal.
//
// Every write the emulator makes is appended to `journal.jsonl` before its answer leaves the process (one line per
// answer, holding all the changes that answer made, so a transactional batch or a replace is all-or-nothing on disk).
// A process killed with SIGKILL loses nothing it acknowledged: the bytes are in the OS page cache, which outlives the
// process. (A power cut could lose the tail: a development tool does not pay for an fsync per write.) On start the
// snapshot is loaded, the journal replayed on top, and both compacted into a fresh snapshot (written to a temporary
// file, fsynced, then renamed over the old one) before the journal is emptied.
//
// Why a journal and not write-through of the whole data set: a write costs one small append instead of rewriting
// every item, so persistence does not slow the stack down as data grows.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

export type Doc = Record<string, unknown>;

/** One change, as the emulator made it. Documents are keyed by partition key value and id (`documentKey`). */
export type JournalEntry =
  | { op: 'putDatabase'; doc: Doc }
  | { op: 'deleteDatabase'; db: string }
  | { op: 'putCollection'; db: string; doc: Doc }
  | { op: 'deleteCollection'; db: string; coll: string }
  | { op: 'putDocument'; db: string; coll: string; key: string; doc: Doc }
  | { op: 'deleteDocument'; db: string; coll: string; key: string };

export interface CollectionState {
  doc: Doc;
  documents: Map<string, Doc>;
}
export interface DatabaseState {
  doc: Doc;
  collections: Map<string, CollectionState>;
}
/** Databases by id. */
export type CosmosState = Map<string, DatabaseState>;

interface SnapshotFile {
  version: 1;
  databases: { doc: Doc; collections: { doc: Doc; documents: [string, Doc][] }[] }[];
}

export const documentKey = (partitionKeyValue: unknown, id: string): string => JSON.stringify([partitionKeyValue ?? null, id]);

const idOf = (doc: Doc): string => {
  if (typeof doc.id !== 'string') throw new Error('a journaled resource has no string id');
  return doc.id;
};

/** Applies one change. Replaying a change twice leaves the same state (puts carry whole items), so order is all that matters. */
export function applyEntry(state: CosmosState, entry: JournalEntry): void {
  switch (entry.op) {
    case 'putDatabase': {
      const existing = state.get(idOf(entry.doc));
      state.set(idOf(entry.doc), { doc: entry.doc, collections: existing?.collections ?? new Map() });
      return;
    }
    case 'deleteDatabase':
      state.delete(entry.db);
      return;
    case 'putCollection': {
      const db = state.get(entry.db);
      if (!db) return;
      const existing = db.collections.get(idOf(entry.doc));
      db.collections.set(idOf(entry.doc), { doc: entry.doc, documents: existing?.documents ?? new Map() });
      return;
    }
    case 'deleteCollection':
      state.get(entry.db)?.collections.delete(entry.coll);
      return;
    case 'putDocument':
      state.get(entry.db)?.collections.get(entry.coll)?.documents.set(entry.key, entry.doc);
      return;
    case 'deleteDocument':
      state.get(entry.db)?.collections.get(entry.coll)?.documents.delete(entry.key);
      return;
  }
}

export interface OpenedJournal {
  journal: CosmosJournal;
  state: CosmosState;
  /** What was read: items in the snapshot, journal lines replayed, and whether a torn last line was dropped. */
  stats: { snapshotDocuments: number; journalLines: number; droppedTornLine: boolean };
}

export class CosmosJournal {
  private fd: number;
  private bytes: number;

  private constructor(
    private readonly dir: string,
    fd: number,
    bytes: number,
  ) {
    this.fd = fd;
    this.bytes = bytes;
  }

  static snapshotPath = (dir: string) => path.join(dir, 'snapshot.json');
  static journalPath = (dir: string) => path.join(dir, 'journal.jsonl');

  /** Loads the snapshot, replays the journal, compacts both, and opens the journal for appending. */
  static open(dir: string): OpenedJournal {
    mkdirSync(dir, { recursive: true });
    const state: CosmosState = new Map();
    let snapshotDocuments = 0;
    const snapshotFile = CosmosJournal.snapshotPath(dir);
    if (existsSync(snapshotFile)) {
      const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as SnapshotFile;
      if (snapshot.version !== 1) throw new Error(`${snapshotFile}: unknown snapshot version ${String(snapshot.version)}`);
      for (const db of snapshot.databases) {
        const collections = new Map<string, CollectionState>();
        for (const coll of db.collections) {
          collections.set(idOf(coll.doc), { doc: coll.doc, documents: new Map(coll.documents) });
          snapshotDocuments += coll.documents.length;
        }
        state.set(idOf(db.doc), { doc: db.doc, collections });
      }
    }
    let journalLines = 0;
    let droppedTornLine = false;
    const journalFile = CosmosJournal.journalPath(dir);
    if (existsSync(journalFile)) {
      const lines = readFileSync(journalFile, 'utf8').split('\n');
      // The text after the last newline is either empty or a line the process was killed while writing.
      const tail = lines.pop() ?? '';
      droppedTornLine = tail.length > 0;
      lines.forEach((line, index) => {
        let entries: JournalEntry[];
        try {
          entries = JSON.parse(line) as JournalEntry[];
        } catch {
          throw new Error(`${journalFile}: line ${index + 1} is not valid JSON; the journal is damaged`);
        }
        for (const entry of entries) applyEntry(state, entry);
        journalLines += 1;
      });
    }
    const fd = openSync(journalFile, 'a');
    const journal = new CosmosJournal(dir, fd, 0);
    journal.compact(state);
    return { journal, state, stats: { snapshotDocuments, journalLines, droppedTornLine } };
  }

  /** Appends the changes one answer made, as one line written with one call. */
  append(entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    const line = Buffer.from(`${JSON.stringify(entries)}\n`, 'utf8');
    let written = 0;
    while (written < line.length) written += writeSync(this.fd, line, written, line.length - written);
    this.bytes += line.length;
  }

  /** Bytes appended since the last compaction. */
  get size(): number {
    return this.bytes;
  }

  /** Writes `state` as the new snapshot (temporary file, fsync, rename), then empties the journal. */
  compact(state: CosmosState): void {
    const snapshot: SnapshotFile = {
      version: 1,
      databases: [...state.values()].map((db) => ({
        doc: db.doc,
        collections: [...db.collections.values()].map((coll) => ({ doc: coll.doc, documents: [...coll.documents] })),
      })),
    };
    const target = CosmosJournal.snapshotPath(this.dir);
    const temporary = `${target}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, JSON.stringify(snapshot));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
    // A crash between the rename and the truncation replays the old journal onto a snapshot that already holds it:
    // harmless, since replaying changes that are already applied leaves the same state.
    closeSync(this.fd);
    closeSync(openSync(CosmosJournal.journalPath(this.dir), 'w'));
    this.fd = openSync(CosmosJournal.journalPath(this.dir), 'a');
    this.bytes = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
