// The local Cosmos emulator behaves as Cosmos DB does where the app relies on it (cosmos-emulator-extensions.ts), seen
// through the real @azure/cosmos SDK: transactional batches are all-or-nothing and may carry conditional patches; a
// query with a partition key reads that partition only; ORDER BY keeps Cosmos DB's order; the change feed gives each changed item once, in its latest
// version, from a continuation the SDK keeps — and keeps its place across a restart of a stack that keeps its data.
import { ChangeFeedStartFrom, CosmosClient, type Container } from '@azure/cosmos';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COSMOS_EMULATOR_KEY } from '../../../scripts/local-stack/stack.js';
import { repoRoot } from '../../support/stack-process.js';

const running: ChildProcess[] = [];

async function startEmulator(dataDir?: string): Promise<{ container: Container; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      path.join(repoRoot, 'dist/scripts/local-stack/cosmos-process.js'),
      '--port',
      '0',
      ...(dataDir ? ['--data-dir', dataDir] : []),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  running.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /COSMOS_READY (.*)/.exec(out);
      if (ready) resolve((JSON.parse(ready[1]!) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  const client = new CosmosClient({
    endpoint: `http://127.0.0.1:${port}`,
    key: COSMOS_EMULATOR_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const { database } = await client.databases.createIfNotExists({ id: 'test' });
  const { container } = await database.containers.createIfNotExists({ id: 'items', partitionKey: { paths: ['/pk'] } });
  return { container, child };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

afterAll(async () => {
  await Promise.all(running.map(stop));
});

describe('the local Cosmos emulator', () => {
  it('applies a transactional batch whole or not at all, conditional patches included', async () => {
    const { container } = await startEmulator();
    await container.items.create({ id: 'counter', pk: 'a', count: 1 });
    const take = (limit: number) =>
      container.items.batch(
        [
          { operationType: 'Create', resourceBody: { id: `made-under-${limit}`, pk: 'a' } },
          {
            operationType: 'Patch',
            id: 'counter',
            resourceBody: {
              operations: [{ op: 'incr', path: '/count', value: 1 }],
              condition: `from c where c.count < ${limit}`,
            },
          },
        ],
        'a',
      );
    const refused = await take(1);
    expect(refused.result?.map((r) => r.statusCode)).toEqual([424, 412]);
    // The create before the refused patch was undone.
    expect((await container.item('made-under-1', 'a').read()).statusCode).toBe(404);
    const taken = await take(5);
    expect(taken.result?.map((r) => r.statusCode)).toEqual([201, 200]);
    expect((await container.item('counter', 'a').read<{ count: number }>()).resource?.count).toBe(2);
  });

  it('reads one partition for a query with a partition key, every partition for one without', async () => {
    const { container } = await startEmulator();
    await container.items.create({ id: 'x', pk: 'one' });
    await container.items.create({ id: 'y', pk: 'two' });
    const scoped = await container.items.query('SELECT * FROM c', { partitionKey: 'one' }).fetchAll();
    expect(scoped.resources.map((d: { id: string }) => d.id)).toEqual(['x']);
    const all = await container.items.query('SELECT * FROM c').fetchAll();
    expect(all.resources.map((d: { id: string }) => d.id).sort()).toEqual(['x', 'y']);
  });

  it('orders as Cosmos DB does (types, then values; items without the value left out), page after page', async () => {
    const { container } = await startEmulator();
    for (const [id, v] of [
      ['s-b', 'b'],
      ['n-3', 3],
      ['s-a', 'a'],
      ['none', undefined],
      ['n-1', 1],
      ['t', true],
    ] as const) {
      await container.items.create({ id, pk: 'p', ...(v === undefined ? {} : { v }) });
    }
    const ids = async (query: string) => {
      const out: string[] = [];
      const iterator = container.items.query<{ id: string }>(query, { partitionKey: 'p', maxItemCount: 2 });
      while (iterator.hasMoreResults()) out.push(...(await iterator.fetchNext()).resources.map((d) => d.id));
      return out;
    };
    expect(await ids('SELECT c.id FROM c ORDER BY c.v ASC')).toEqual(['t', 'n-1', 'n-3', 's-a', 's-b']);
    expect(await ids('SELECT c.id FROM c ORDER BY c.v DESC')).toEqual(['s-b', 's-a', 'n-3', 'n-1', 't']);
  });

  it('serves ORDER BY from its sorted index, which follows every write, patch and delete', async () => {
    const { container } = await startEmulator();
    const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'foxtrot', 'golf', 'hotel'];
    for (const [i, name] of names.entries()) await container.items.create({ id: `i${i}`, pk: 'p', name, even: i % 2 === 0 });
    await container.items.create({ id: 'other', pk: 'q', name: 'aardvark', even: true });
    const query = async (sql: string, pageSize = 3) => {
      const out: string[] = [];
      const iterator = container.items.query<{ name: string }>(sql, { partitionKey: 'p', maxItemCount: pageSize });
      while (iterator.hasMoreResults()) out.push(...(await iterator.fetchNext()).resources.map((d) => d.name));
      return out;
    };
    const byName = 'SELECT c.name FROM c ORDER BY c.name ASC';
    expect(await query(byName)).toEqual([...names].sort());
    expect(await query('SELECT c.name FROM c WHERE c.even = true ORDER BY c.name DESC', 2)).toEqual(
      names
        .filter((_, i) => i % 2 === 0)
        .sort()
        .reverse(),
    );
    // The index follows a replace, a patch, a delete and a create — the next query sees each.
    await container.item('i1', 'p').replace({ id: 'i1', pk: 'p', name: 'zulu', even: false });
    await container.item('i0', 'p').patch([{ op: 'set', path: '/name', value: 'able' }]);
    await container.item('i2', 'p').delete();
    await container.items.create({ id: 'i9', pk: 'p', name: 'baker', even: true });
    const now = ['able', 'zulu', 'charlie', 'bravo', 'foxtrot', 'golf', 'hotel', 'baker'].sort();
    expect(await query(byName)).toEqual(now);
    // Rows that are not one item each (a JOIN) are sorted the usual way, with the same order.
    await container.item('i3', 'p').patch([{ op: 'set', path: '/tags', value: ['x', 'y'] }]);
    const joined = await container.items
      .query<{ name: string }>('SELECT c.name FROM c JOIN t IN c.tags ORDER BY c.name ASC', { partitionKey: 'p' })
      .fetchAll();
    expect(joined.resources.map((r) => r.name)).toEqual(['charlie', 'charlie']);
    // The whole container (no partition key): the other partition's item is in the same order.
    const all = await container.items.query<{ name: string }>(byName).fetchAll();
    expect(all.resources.map((r) => r.name)).toEqual(['aardvark', ...now]);
  });

  it('reads a page of an ORDER BY query from its index: the same pages as the whole query, page after page', async () => {
    const { container } = await startEmulator();
    // Repeated names (the tie goes to _rid), items without a name (left out), a filter that keeps about a third.
    for (let i = 0; i < 300; i += 30) {
      await Promise.all(
        Array.from({ length: 30 }, (_, k) => {
          const n = i + k;
          return container.items.create({
            id: `i${n}`,
            pk: 'p',
            ...(n % 17 === 0 ? {} : { name: `n${(n * 7) % 41}` }),
            keep: n % 3 === 0,
          });
        }),
      );
    }
    const pages = async (sql: string, pageSize: number) => {
      const out: string[] = [];
      const iterator = container.items.query<{ id: string }>(sql, { partitionKey: 'p', maxItemCount: pageSize });
      while (iterator.hasMoreResults()) out.push(...(await iterator.fetchNext()).resources.map((d) => d.id));
      return out;
    };
    for (const direction of ['ASC', 'DESC']) {
      for (const where of ['', 'WHERE c.keep = true ']) {
        // Bracket notation is not the indexed page's plain form: the emulator runs it over every item.
        const whole = await pages(`SELECT * FROM c ${where}ORDER BY c["name"] ${direction}`, 1000);
        expect(whole.length).toBeGreaterThan(where ? 80 : 250);
        for (const pageSize of [1, 7, 50]) {
          expect([
            direction,
            where,
            pageSize,
            await pages(`SELECT * FROM c ${where}ORDER BY c.name ${direction}`, pageSize),
          ]).toEqual([direction, where, pageSize, whole]);
        }
      }
    }
  });

  it('serves the change feed: each changed item once in its latest version, then nothing new (304)', async () => {
    const { container } = await startEmulator();
    await container.items.create({ id: 'a', pk: 'p', v: 1 });
    await container.items.create({ id: 'b', pk: 'q', v: 1 });
    await container.items.upsert({ id: 'a', pk: 'p', v: 2 });
    await container.items.create({ id: 'gone', pk: 'p', v: 1 });
    await container.item('gone', 'p').delete();
    const feed = container.items.getChangeFeedIterator<{ id: string; v: number; _lsn?: number }>({
      changeFeedStartFrom: ChangeFeedStartFrom.Beginning(),
    });
    const first = await feed.readNext();
    expect(first.statusCode).toBe(200);
    expect(first.result.map((d) => `${d.id}:${d.v}`)).toEqual(['b:1', 'a:2']);
    expect(first.result.every((d) => typeof d._lsn === 'number')).toBe(true);
    expect((await feed.readNext()).statusCode).toBe(304);

    // From the continuation, later: only what changed since.
    await container.items.upsert({ id: 'b', pk: 'q', v: 2 });
    const resumed = container.items.getChangeFeedIterator<{ id: string; v: number }>({
      changeFeedStartFrom: ChangeFeedStartFrom.Continuation(first.continuationToken),
    });
    const next = await resumed.readNext();
    expect(next.result.map((d) => `${d.id}:${d.v}`)).toEqual(['b:2']);
    // Reads do not show the feed's bookkeeping.
    expect((await container.item('b', 'q').read()).resource).not.toHaveProperty('_lsn');
  });

  it('keeps its place in the change feed across a restart when it keeps its data', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cosmos-feed-'));
    try {
      let { container, child } = await startEmulator(dataDir);
      await container.items.create({ id: 'before', pk: 'p' });
      const read = await container.items
        .getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning() })
        .readNext();
      expect(read.result.map((d: { id: string }) => d.id)).toEqual(['before']);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      ({ container, child } = await startEmulator(dataDir));
      await container.items.create({ id: 'after', pk: 'p' });
      const resumed = await container.items
        .getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Continuation(read.continuationToken) })
        .readNext();
      expect(resumed.result.map((d: { id: string }) => d.id)).toEqual(['after']);
      await stop(child);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
