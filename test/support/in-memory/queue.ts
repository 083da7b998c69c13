// In-memory QueueSender, OutboxDispatcher and EmailSender. The dispatcher mirrors CosmosOutboxDispatcher over the in-memory
// partner-data container: send each committed message with the partition of its outbox item, never throw (a queue
// outage leaves the items for the sweeper); the consumer that handled a message removes its item (`acknowledge`).
import type { Clock } from '../../../shared/platform/core/clock.js';
import type { EmailSender, OutgoingEmail, SendOutcome } from '../../../shared/platform/email/email-sender.js';
import { isNotFound } from '../../../shared/platform/persistence/cosmos.js';
import {
  OUTBOX_PARTITION_FIELD,
  remainingDelaySeconds,
  type OutboxDispatcher,
  type QueueMessage,
} from '../../../shared/platform/queue/outbox.js';
import type { QueueSender } from '../../../shared/platform/queue/queue-sender.js';
import type { InMemoryContainer } from './container.js';

export interface SentMessage {
  queue: string;
  message: Record<string, unknown>;
  delaySeconds?: number;
}

export class InMemoryQueueSender implements QueueSender {
  /** Every message sent, in order. */
  readonly sent: SentMessage[] = [];
  /** Set to make every send fail, as during a Storage outage. */
  down = false;

  async send(queue: string, message: object, options: { delaySeconds?: number } = {}): Promise<void> {
    if (this.down) throw new Error(`queue ${queue} is unavailable`);
    this.sent.push({
      queue,
      message: structuredClone(message) as Record<string, unknown>,
      ...(options.delaySeconds ? { delaySeconds: options.delaySeconds } : {}),
    });
  }

  async ping(queue: string): Promise<void> {
    if (this.down) throw new Error(`queue ${queue} is unavailable`);
  }

  /** The payloads sent to `queue`, in order. */
  messages(queue: string): Record<string, unknown>[] {
    return this.sent.filter((s) => s.queue === queue).map((s) => s.message);
  }
}

interface OutboxDoc {
  id: string;
  type: 'outbox';
  partnerId: string;
  queue: string;
  payload: Record<string, unknown>;
  createdAt: string;
  visibleAt?: string;
}

const outboxDocId = (messageId: string) => `outbox_${messageId}`;

export class InMemoryOutboxDispatcher implements OutboxDispatcher {
  constructor(
    private readonly container: InMemoryContainer,
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
    this.remove(partitionKey, id);
  }

  async sweep(graceSeconds: number, limit = 200): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - graceSeconds * 1000).toISOString();
    const docs = this.container
      .query<OutboxDoc>((d) => d.type === 'outbox' && d.createdAt <= cutoff)
      .slice(0, limit)
      .map((i) => i.doc);
    for (const doc of docs) {
      await this.sender.send(
        doc.queue,
        { ...doc.payload, [OUTBOX_PARTITION_FIELD]: doc.partnerId },
        { delaySeconds: remainingDelaySeconds(doc, this.clock.now()) },
      );
      this.remove(doc.partnerId, doc.id.slice('outbox_'.length));
    }
    return docs.length;
  }

  /** Test view: the outbox items still waiting (not dispatched yet), optionally of one partner. */
  pending(partnerId?: string): OutboxDoc[] {
    return this.container.query<OutboxDoc>((d) => d.type === 'outbox', partnerId).map((i) => i.doc);
  }

  private remove(partnerId: string, messageId: string): void {
    try {
      this.container.delete(partnerId, outboxDocId(messageId));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/**
 * In-memory EmailSender with the sent-ledger contract of AcsEmailSender: one email per job id, whatever the number of
 * deliveries of the job.
 */
export class InMemoryEmailSender implements EmailSender {
  /** Emails sent, in order, with the job that sent each. */
  readonly sent: { jobId: string; email: OutgoingEmail }[] = [];

  async send(jobId: string, email: OutgoingEmail): Promise<SendOutcome> {
    if (this.sent.some((s) => s.jobId === jobId)) return 'already-sent';
    this.sent.push({ jobId, email: structuredClone(email) });
    return 'sent';
  }
}
