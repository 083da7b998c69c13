// Transactional outbox: the queue messages a change causes are stored in the same Cosmos batch as the change (one
// outbox item each, in the partner's partition), then sent by the request. The request does not wait for the outbox
// item to be removed: the consumer removes it once it has handled the message (`acknowledge`), and a sweeper re-sends
// what a crash left behind. So a change costs its one batch in Cosmos DB and nothing more; consumers are idempotent
// (by message id), so a message the sweeper sends again is harmless.
import type { Container, JSONObject } from '@azure/cosmos';
import type { Clock } from '../core/clock.js';
import { isNotFound, queryDueItems, type BatchOperation } from '../persistence/cosmos.js';
import type { QueueSender } from './queue-sender.js';

export interface QueueMessage {
  /** Stable id: consumers dedupe on it. */
  readonly id: string;
  readonly queue: string;
  readonly payload: { readonly id: string } & Record<string, unknown>;
  /** Hidden on the queue this long after it is sent (a retry's back-off); absent: visible at once. */
  readonly delaySeconds?: number;
}

interface OutboxDoc {
  id: string;
  type: 'outbox';
  partnerId: string;
  queue: string;
  payload: Record<string, unknown>;
  createdAt: string;
  /** When the message may be handled (a delayed message): the sweeper keeps what is left of the delay. */
  visibleAt?: string;
}

const outboxDocId = (messageId: string) => `outbox_${messageId}`;

/**
 * The field a message sent from the outbox carries: the partition of its outbox item, so the consumer can remove the
 * item once the message is handled (its id derives from the message id).
 */
export const OUTBOX_PARTITION_FIELD = 'outboxPartitionKey';

/** The batch operation that stores a message in the outbox of a partner partition. */
export function outboxCreateOperation(partnerId: string, message: QueueMessage, now: Date): BatchOperation {
  const doc: OutboxDoc = {
    id: outboxDocId(message.id),
    type: 'outbox',
    partnerId,
    queue: message.queue,
    payload: { ...message.payload },
    createdAt: now.toISOString(),
    ...(message.delaySeconds ? { visibleAt: new Date(now.getTime() + message.delaySeconds * 1000).toISOString() } : {}),
  };
  return { operationType: 'Create', partitionKey: partnerId, resourceBody: doc as unknown as JSONObject };
}

/** What is left of a delayed message's delay (0 when none): a message the sweeper re-sends keeps its back-off. */
export const remainingDelaySeconds = (doc: { visibleAt?: string }, now: Date): number =>
  doc.visibleAt ? Math.max(0, Math.ceil((Date.parse(doc.visibleAt) - now.getTime()) / 1000)) : 0;

/** The outbox port: send what a change committed, forget what consumers handled (the Cosmos + queue adapter below). */
export interface OutboxDispatcher {
  /**
   * Sends messages just committed with their change. Never throws: the change is already stored, so a queue outage
   * must not fail the request — the sweeper sends what is left. Makes no Cosmos request.
   */
  dispatch(partnerId: string, messages: readonly QueueMessage[]): Promise<boolean>;
  /** A consumer handled `message` (a queue message's body): its outbox item, if it came from one, is removed. */
  acknowledge(message: unknown): Promise<void>;
  /** Re-sends outbox messages older than `graceSeconds` (their request crashed before sending, or no consumer acknowledged). */
  sweep(graceSeconds: number, limit?: number): Promise<number>;
}

export class CosmosOutboxDispatcher implements OutboxDispatcher {
  constructor(
    private readonly container: Container,
    private readonly sender: QueueSender,
    private readonly clock: Clock,
  ) {}

  async dispatch(partnerId: string, messages: readonly QueueMessage[]): Promise<boolean> {
    const sent = await Promise.allSettled(
      messages.map((message) =>
        this.sender.send(
          message.queue,
          { ...message.payload, [OUTBOX_PARTITION_FIELD]: partnerId },
          message.delaySeconds ? { delaySeconds: message.delaySeconds } : {},
        ),
      ),
    );
    return sent.every((s) => s.status === 'fulfilled');
  }

  async acknowledge(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const { id, [OUTBOX_PARTITION_FIELD]: partitionKey } = message as Record<string, unknown>;
    if (typeof id !== 'string' || typeof partitionKey !== 'string') return;
    await this.remove(partitionKey, id);
  }

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
      // Handed to the queue once more, then forgotten here: from now on the queue (and its poison queue) owns it.
      await this.sender.send(
        doc.queue,
        { ...doc.payload, [OUTBOX_PARTITION_FIELD]: doc.partnerId },
        { delaySeconds: remainingDelaySeconds(doc, this.clock.now()) },
      );
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
