// An in-memory stand-in for one Cosmos container, with the semantics the repositories rely on: items keyed by
// (partition key, id), an ETag that changes on every write, conditional replace (412 on a mismatch), create conflicts
// (409), transactional batches confined to one partition that apply all or nothing, and Cosmos-style errors (`code`),
// so the in-memory repositories can catch exactly what their Cosmos adapters catch.
//
// Not modelled: TTL (no use case depends on an item disappearing; they compare timestamps themselves), the SQL
// query language (each in-memory repository filters and orders in code, mirroring its adapter's query).
import type { JSONObject, PatchRequestBody } from '@azure/cosmos';
import type { BatchOperation } from '../../../shared/platform/persistence/cosmos.js';

/** A stored item as a reader gets it: a copy of the document and the ETag it has now. */
export interface StoredItem<Doc> {
  doc: Doc;
  etag: string;
}

/** One successful write, in commit order: what a test asserts "was committed" (e.g. the outbox items of a change). */
export interface CommittedWrite {
  /** Which batch of this container it was part of (1, 2, …): writes committed together share it. */
  batch: number;
  container: string;
  partitionKey: string;
  operation: 'create' | 'replace' | 'upsert' | 'patch' | 'delete';
  id: string;
  /** The document as written (absent for a delete). */
  doc?: JSONObject;
}

/** The error shape the Cosmos SDK throws and `cosmosStatus` reads: a numeric `code`. */
export const cosmosError = (code: number, message: string): Error => Object.assign(new Error(message), { code });

// Every write in the process gets a fresh ETag, so an ETag never comes back (not even for a deleted-then-recreated item).
let etagCounter = 0;
const nextEtag = () => `"${(++etagCounter).toString(16).padStart(8, '0')}-0000-0000-0000-in-memory"`;

const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryContainer {
  private readonly partitions = new Map<string, Map<string, StoredItem<JSONObject>>>();
  private readonly log: CommittedWrite[] = [];
  private batches = 0;

  /** `partitionKeyField`: the top-level field the container is partitioned on (`/partnerId` → `partnerId`). */
  constructor(
    readonly name: string,
    private readonly partitionKeyField: string,
  ) {}

  /** Every write committed so far, oldest first. */
  get committed(): readonly CommittedWrite[] {
    return this.log;
  }

  read<Doc extends object>(partitionKey: string, id: string): StoredItem<Doc> | undefined {
    const item = this.partitions.get(partitionKey)?.get(id);
    return item && { doc: copy(item.doc) as unknown as Doc, etag: item.etag };
  }

  /** Every item (optionally of one partition) matching `where`, as copies, in insertion order. */
  query<Doc extends object>(where: (doc: Doc) => boolean, partitionKey?: string): StoredItem<Doc>[] {
    const partitions =
      partitionKey === undefined ? [...this.partitions.values()] : [this.partitions.get(partitionKey) ?? new Map()];
    return partitions
      .flatMap((p) => [...p.values()])
      .filter((item) => where(item.doc as unknown as Doc))
      .map((item) => ({ doc: copy(item.doc), etag: item.etag }));
  }

  /** 409 when an item with this id already exists in its partition. */
  create(doc: JSONObject): string {
    return this.batch(this.partitionKeyOf(doc), [{ operationType: 'Create', resourceBody: doc }])[0]!;
  }

  /** 404 when absent; 412 when `ifMatch` is given and is not the current ETag. */
  replace(doc: JSONObject, ifMatch?: string): string {
    const id = typeof doc.id === 'string' ? doc.id : '';
    return this.batch(this.partitionKeyOf(doc), [
      { operationType: 'Replace', id, resourceBody: doc, ...(ifMatch !== undefined ? { ifMatch } : {}) },
    ])[0]!;
  }

  upsert(doc: JSONObject): string {
    return this.batch(this.partitionKeyOf(doc), [{ operationType: 'Upsert', resourceBody: doc }])[0]!;
  }

  /** Cosmos partial update with `set`/`incr` operations on top-level paths; 404 when absent. */
  patch(partitionKey: string, id: string, operations: PatchRequestBody): string {
    return this.batch(partitionKey, [{ operationType: 'Patch', id, resourceBody: operations }])[0]!;
  }

  /** 404 when absent. */
  delete(partitionKey: string, id: string): void {
    this.batch(partitionKey, [{ operationType: 'Delete', id }]);
  }

  /**
   * A transactional batch in one partition: every operation is checked against the state the earlier ones leave,
   * and only if all succeed is anything applied (Cosmos batches are atomic). The first failure is thrown as a
   * Cosmos-style error with that operation's status, as `executeBatch` reports it. Returns each operation's new ETag.
   */
  batch(partitionKey: string, operations: readonly BatchOperation[]): string[] {
    const staged = new Map(this.partitions.get(partitionKey) ?? []);
    const batch = this.batches + 1;
    const writes: CommittedWrite[] = [];
    const etags: string[] = [];
    for (const [index, op] of operations.entries()) {
      try {
        this.stage(partitionKey, op, staged, batch, writes, etags);
      } catch (error) {
        // As executeBatch reports it: which operation failed.
        throw Object.assign(error as Error, { failedOperation: index });
      }
    }
    this.partitions.set(partitionKey, staged);
    this.batches = batch;
    this.log.push(...writes.map((w) => (w.doc ? { ...w, doc: copy(w.doc) } : w)));
    return etags;
  }

  private stage(
    partitionKey: string,
    op: BatchOperation,
    staged: Map<string, StoredItem<JSONObject>>,
    batch: number,
    writes: CommittedWrite[],
    etags: string[],
  ): void {
    {
      if (op.partitionKey !== undefined && op.partitionKey !== partitionKey) {
        throw cosmosError(400, `${this.name}: a batch spans one partition; ${JSON.stringify(op.partitionKey)} is another`);
      }
      switch (op.operationType) {
        case 'Create':
        case 'Upsert':
        case 'Replace': {
          const doc = copy(op.resourceBody);
          const id = typeof doc.id === 'string' ? doc.id : undefined;
          if (!id) throw cosmosError(400, `${this.name}: an item needs a string id`);
          if (this.partitionKeyOf(doc) !== partitionKey) {
            throw cosmosError(400, `${this.name}: item ${id} does not belong to partition ${partitionKey}`);
          }
          const current = staged.get(id);
          if (op.operationType === 'Create' && current) throw cosmosError(409, `${this.name}: ${id} already exists`);
          if (op.operationType === 'Replace' && op.id !== id)
            throw cosmosError(400, `${this.name}: replace of ${op.id} with ${id}`);
          if (op.operationType === 'Replace' && !current) throw cosmosError(404, `${this.name}: ${id} not found`);
          if (op.ifMatch !== undefined && current?.etag !== op.ifMatch) {
            throw cosmosError(412, `${this.name}: ${id} is not at ETag ${op.ifMatch}`);
          }
          const etag = nextEtag();
          staged.set(id, { doc, etag });
          etags.push(etag);
          writes.push({
            batch,
            container: this.name,
            partitionKey,
            operation: op.operationType.toLowerCase() as 'create',
            id,
            doc,
          });
          break;
        }
        case 'Patch': {
          const current = staged.get(op.id);
          if (!current) throw cosmosError(404, `${this.name}: ${op.id} not found`);
          if (op.ifMatch !== undefined && current.etag !== op.ifMatch) {
            throw cosmosError(412, `${this.name}: ${op.id} is not at ETag ${op.ifMatch}`);
          }
          const doc = applyPatch(current.doc, op.resourceBody);
          const etag = nextEtag();
          staged.set(op.id, { doc, etag });
          etags.push(etag);
          writes.push({ batch, container: this.name, partitionKey, operation: 'patch', id: op.id, doc });
          break;
        }
        case 'Delete': {
          if (!staged.has(op.id)) throw cosmosError(404, `${this.name}: ${op.id} not found`);
          staged.delete(op.id);
          etags.push('');
          writes.push({ batch, container: this.name, partitionKey, operation: 'delete', id: op.id });
          break;
        }
        default:
          throw new Error(`${this.name}: the in-memory container does not support ${op.operationType} in a batch`);
      }
    }
  }

  private partitionKeyOf(doc: JSONObject): string {
    const value = doc[this.partitionKeyField];
    if (typeof value !== 'string') throw cosmosError(400, `${this.name}: item has no ${this.partitionKeyField}`);
    return value;
  }
}

/** The patch operations the adapters use (`set`, `incr`) on top-level paths; anything else is refused loudly. */
function applyPatch(doc: JSONObject, operations: PatchRequestBody): JSONObject {
  const list = Array.isArray(operations) ? operations : operations.operations;
  const next = copy(doc);
  for (const op of list) {
    const path = op.path.replace(/^\//, '');
    if (path.includes('/')) throw new Error(`in-memory patch supports top-level paths only, not ${op.path}`);
    if (op.op === 'remove' || !('value' in op)) {
      delete next[path];
    } else if (op.op === 'incr') {
      const current = next[path];
      next[path] = (typeof current === 'number' ? current : 0) + Number(op.value);
    } else if (op.op === 'set' || op.op === 'add' || op.op === 'replace') {
      next[path] = copy(op.value as JSONObject[string]);
    } else {
      throw new Error(`in-memory patch does not support ${String(op.op)}`);
    }
  }
  return next;
}
