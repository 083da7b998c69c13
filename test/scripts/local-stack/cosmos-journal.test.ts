// The local Cosmos emulator's journal on a real folder: replay, compaction, and a line torn by a kill mid-write.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CosmosJournal, documentKey, type JournalEntry } from '../../../scripts/local-stack/cosmos-journal.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cosmos-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const db: JournalEntry = { op: 'putDatabase', doc: { id: 'app' } };
const coll: JournalEntry = { op: 'putCollection', db: 'app', doc: { id: 'things', partitionKey: { paths: ['/pk'] } } };
const put = (id: string, value: number): JournalEntry => ({
  op: 'putDocument',
  db: 'app',
  coll: 'things',
  key: documentKey('p1', id),
  doc: { id, pk: 'p1', value, _etag: `etag-${value}` },
});
const documents = (opened: ReturnType<typeof CosmosJournal.open>) => [
  ...(opened.state.get('app')?.collections.get('things')?.documents.values() ?? []),
];

describe('Cosmos journal', () => {
  it('replays what was appended, in order, and compacts it into the snapshot on open', () => {
    const first = CosmosJournal.open(dir);
    first.journal.append([db, coll]);
    first.journal.append([put('a', 1), put('b', 1)]);
    first.journal.append([{ op: 'deleteDocument', db: 'app', coll: 'things', key: documentKey('p1', 'a') }, put('b', 2)]);
    // No close, no compaction: as if the process had been killed here.
    const second = CosmosJournal.open(dir);
    expect(second.stats).toEqual({ snapshotDocuments: 0, journalLines: 3, droppedTornLine: false });
    expect(documents(second)).toEqual([{ id: 'b', pk: 'p1', value: 2, _etag: 'etag-2' }]);
    // Opening compacted: the snapshot holds it all, the journal is empty.
    expect(statSync(CosmosJournal.journalPath(dir)).size).toBe(0);
    const third = CosmosJournal.open(dir);
    expect(third.stats).toEqual({ snapshotDocuments: 1, journalLines: 0, droppedTornLine: false });
    expect(documents(third)).toEqual(documents(second));
  });

  it('drops a last line torn by a kill mid-write, keeping every complete line', () => {
    const first = CosmosJournal.open(dir);
    first.journal.append([db, coll, put('a', 1)]);
    appendFileSync(CosmosJournal.journalPath(dir), JSON.stringify([put('a', 2)]).slice(0, 25));
    const second = CosmosJournal.open(dir);
    expect(second.stats.droppedTornLine).toBe(true);
    expect(documents(second)).toEqual([{ id: 'a', pk: 'p1', value: 1, _etag: 'etag-1' }]);
    // The torn bytes are gone, so the next append starts on a clean line.
    second.journal.append([put('a', 3)]);
    expect(documents(CosmosJournal.open(dir))).toEqual([{ id: 'a', pk: 'p1', value: 3, _etag: 'etag-3' }]);
  });

  it('replaying a journal onto a snapshot that already holds it changes nothing (a crash between rename and truncate)', () => {
    const first = CosmosJournal.open(dir);
    first.journal.append([db, coll, put('a', 1), put('a', 2)]);
    const journalBytes = readFileSync(CosmosJournal.journalPath(dir));
    const second = CosmosJournal.open(dir); // snapshot now holds a=2, journal emptied
    appendFileSync(CosmosJournal.journalPath(dir), journalBytes); // the old journal, as if never truncated
    const third = CosmosJournal.open(dir);
    expect(third.stats.journalLines).toBe(1);
    expect(documents(third)).toEqual(documents(second));
  });

  it('refuses to start on a journal damaged before its last line rather than silently losing data', () => {
    const first = CosmosJournal.open(dir);
    first.journal.append([db]);
    appendFileSync(CosmosJournal.journalPath(dir), 'garbage\n');
    first.journal.append([coll]);
    expect(() => CosmosJournal.open(dir)).toThrow(/line 2 is not valid JSON/);
  });
});
