// Transactional outbox: queue messages are stored with the change that causes them, then dispatched; a sweeper
// re-sends any left behind by a crash. Consumers are idempotent (by message id), so a double send is harmless.
import type { Container, JSONObject } from '@azure/cosmos';
import type { Clock } from '../core/clock.js';
import { isNotFound, queryDueItems, type BatchOperation } from '../persistence/cosmos.js';
import type { QueueSender } from './queue-sender.js';

export interface QueueMessage {
  /** Stable id: consumers dedupe on it. */
  readonly id: string;
  readonly queue: string;
  readonly payload: { readonly id: string } & Record<string, unknown>;
}

interface OutboxDoc {
  id: string;
  type: 'outbox';
  partnerId: string;
  queue: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

const outboxDocId = (messageId: string) => `outbox_${messageId}`;

/** The batch operation that stores a message in the outbox of a partner partition. */
export function outboxCreateOperation(partnerId: string, message: QueueMessage, now: Date): BatchOperation {
  const doc: OutboxDoc = {
    id: outboxDocId(message.id),
    type: 'outbox',
    partnerId,
    queue: message.queue,
    payload: { ...message.payload },
    createdAt: now.toISOString(),
  };
  return { operationType: 'Create', partitionKey: partnerId, resourceBody: doc as unknown as JSONObject };
}

/** The outbox port: send what a change committed (the Cosmos + queue adapter below). */
export interface OutboxDispatcher {
  /**
   * Sends messages just committed with their change, then removes them from the outbox. Never throws: the change is
   * already stored, so a queue outage must not fail the request — the sweeper sends what is left.
   */
  dispatch(partnerId: string, messages: readonly QueueMessage[]): Promise<boolean>;
  /** Re-sends outbox messages older than `graceSeconds` (their request crashed before dispatching). */
  sweep(graceSeconds: number, limit?: number): Promise<number>;
}

export class CosmosOutboxDispatcher implements OutboxDispatcher {
  constructor(
    private readonly container: Container,
    private readonly sender: QueueSender,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends messages just committed with their change, then removes them from the outbox. Never throws: the change is
   * already stored, so a queue outage must not fail the request — the sweeper sends what is left.
   */
  async dispatch(partnerId: string, messages: readonly QueueMessage[]): Promise<boolean> {
    try {
      for (const message of messages) {
        await this.sender.send(message.queue, message.payload);
        await this.remove(partnerId, message.id);
      }
      return true;
    } catch {
      return false;
    }
  }

  /** Re-sends outbox messages older than `graceSeconds` (their request crashed before dispatching). */
  async sweep(graceSeconds: number, limit = 200): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - graceSeconds * 1000).toISOString();
    const resources = await queryDueItems<OutboxDoc>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.type = 'outbox' AND c.createdAt <= @cutoff",
        parameters: [{ name: '@cutoff', value: cutoff }],
      },
      limit,
    );
    for (const doc of resources) {
      await this.sender.send(doc.queue, doc.payload);
      await this.remove(doc.partnerId, doc.id.slice('outbox_'.length));
    }
    return resources.length;
  }

  private async remove(partnerId: string, messageId: string): Promise<void> {
    try {
      await this.container.item(outboxDocId(messageId), partnerId).delete();
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
