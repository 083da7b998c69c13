// Stores bulk operations and their items' results in the partner's partition of partner-data: the operation's changes
// (each pump step) are conditional on its ETag; an item's result is created once, in its effect's batch.
import type { Container, JSONObject } from '@azure/cosmos';
import { STALE, type Stale } from '../../platform/persistence/conditional-write.js';
import {
  executeBatch,
  isConflict,
  isPreconditionFailed,
  queryDueItems,
  readItem,
  withoutSystemFields,
  type BatchOperation,
} from '../../platform/persistence/cosmos.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { operationItemResultId, type Operation, type OperationItemResult } from './operation.js';

interface OperationDoc extends Operation {
  type: 'operation';
  /** Absent once completed: the timer's query looks for running operations only. */
  running?: true;
}

interface ResultDoc extends OperationItemResult {
  id: string;
  type: 'operationItem';
  partnerId: string;
}

/** The batch operation that records an item's result; it fails (409) when the item has one already. */
export function resultCreateOperation(partnerId: string, result: OperationItemResult): BatchOperation {
  const doc: ResultDoc = {
    ...result,
    id: operationItemResultId(result.operationId, result.index),
    type: 'operationItem',
    partnerId,
  };
  return { operationType: 'Create', partitionKey: partnerId, resourceBody: doc as unknown as JSONObject };
}

/** The operations port (the Cosmos adapter below; an in-memory fake in tests). */
export interface OperationRepository {
  get(partnerId: string, id: string): Promise<Versioned<Operation> | undefined>;
  /** Stores a new operation with its batch operations (outbox); 'exists' when the id is taken (a retried request). */
  create(operation: Operation, extraOperations: BatchOperation[]): Promise<Versioned<Operation> | 'exists'>;
  /** Replaces it if still at `etag`, with `extraOperations` in the same batch; 'stale' otherwise. */
  replace(operation: Operation, etag: string, extraOperations: BatchOperation[]): Promise<Versioned<Operation> | Stale>;
  /** Every result recorded so far (one partition). */
  results(partnerId: string, operationId: string): Promise<OperationItemResult[]>;
  hasResult(partnerId: string, operationId: string, index: number): Promise<boolean>;
  /** Records a result with `extraOperations` (its audit event); 'exists' when the item has one already. */
  recordResult(partnerId: string, result: OperationItemResult, extraOperations: BatchOperation[]): Promise<'recorded' | 'exists'>;
  /** Running operations whose pump is overdue, across partners (the timer's safety net). */
  findOverdue(nowIso: string, limit: number): Promise<Operation[]>;
}

export class CosmosOperationRepository implements OperationRepository {
  constructor(private readonly container: Container) {}

  async get(partnerId: string, id: string): Promise<Versioned<Operation> | undefined> {
    const doc = await readItem<OperationDoc>(this.container, id, partnerId);
    return doc && doc.type === 'operation' ? { value: toOperation(doc), etag: doc._etag } : undefined;
  }

  async create(operation: Operation, extraOperations: BatchOperation[]): Promise<Versioned<Operation> | 'exists'> {
    try {
      const [etag] = await executeBatch(this.container, operation.partnerId, [
        { operationType: 'Create', partitionKey: operation.partnerId, resourceBody: toDoc(operation) },
        ...extraOperations,
      ]);
      return { value: operation, etag: etag ?? '' };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async replace(operation: Operation, etag: string, extraOperations: BatchOperation[]): Promise<Versioned<Operation> | Stale> {
    try {
      const [newEtag] = await executeBatch(this.container, operation.partnerId, [
        {
          operationType: 'Replace',
          id: operation.id,
          partitionKey: operation.partnerId,
          resourceBody: toDoc(operation),
          ifMatch: etag,
        },
        ...extraOperations,
      ]);
      return { value: operation, etag: newEtag ?? '' };
    } catch (error) {
      if (isPreconditionFailed(error) || isConflict(error)) return STALE;
      throw error;
    }
  }

  async results(partnerId: string, operationId: string): Promise<OperationItemResult[]> {
    const { resources } = await this.container.items
      .query<ResultDoc>(
        {
          query: "SELECT * FROM c WHERE c.partnerId = @p AND c.type = 'operationItem' AND c.operationId = @o",
          parameters: [
            { name: '@p', value: partnerId },
            { name: '@o', value: operationId },
          ],
        },
        { partitionKey: partnerId },
      )
      .fetchAll();
    return resources.map(toResult);
  }

  async hasResult(partnerId: string, operationId: string, index: number): Promise<boolean> {
    return (await readItem<ResultDoc>(this.container, operationItemResultId(operationId, index), partnerId)) !== undefined;
  }

  async recordResult(
    partnerId: string,
    result: OperationItemResult,
    extraOperations: BatchOperation[],
  ): Promise<'recorded' | 'exists'> {
    try {
      await executeBatch(this.container, partnerId, [resultCreateOperation(partnerId, result), ...extraOperations]);
      return 'recorded';
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async findOverdue(nowIso: string, limit: number): Promise<Operation[]> {
    const docs = await queryDueItems<OperationDoc>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.type = 'operation' AND c.running = true AND c.pumpDueAt <= @now",
        parameters: [{ name: '@now', value: nowIso }],
      },
      limit,
    );
    return docs.map(toOperation);
  }
}

const toDoc = (operation: Operation): JSONObject =>
  ({ ...operation, type: 'operation', ...(operation.completedAt ? {} : { running: true }) }) as unknown as JSONObject;

function toOperation(doc: OperationDoc): Operation {
  const { type, running, ...operation } = withoutSystemFields(doc);
  void type;
  void running;
  return operation;
}

function toResult(doc: ResultDoc): OperationItemResult {
  return {
    operationId: doc.operationId,
    index: doc.index,
    status: doc.status,
    ...(doc.invitationId ? { invitationId: doc.invitationId } : {}),
    ...(doc.code ? { code: doc.code } : {}),
    at: doc.at,
  };
}
