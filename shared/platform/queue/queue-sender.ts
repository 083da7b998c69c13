// Sends JSON messages to Storage queues, base64-encoded as the Functions queue trigger expects.
import type { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/identity';

export interface QueueSender {
  send(queue: string, message: object, options?: { delaySeconds?: number }): Promise<void>;
  /** Reaches the queue service (health check). */
  ping(queue: string): Promise<void>;
}

/** Builds the client; the SDK is imported here, on first use, not when the functions are registered (cold start). */
export async function createQueueServiceClient(settings: {
  connectionString?: string;
  serviceUri?: string;
  credential?: TokenCredential;
}): Promise<QueueServiceClient> {
  const { QueueServiceClient } = await import('@azure/storage-queue');
  if (settings.connectionString) return QueueServiceClient.fromConnectionString(settings.connectionString);
  if (!settings.serviceUri || !settings.credential) throw new Error('queue service URI and credential are required');
  return new QueueServiceClient(settings.serviceUri, settings.credential);
}

export class StorageQueueSender implements QueueSender {
  private readonly clients = new Map<string, QueueClient>();
  private service?: Promise<QueueServiceClient>;
  /** `connect` builds the service client; it runs once, on the first send, so a function that never sends never loads it. */
  constructor(private readonly connect: () => Promise<QueueServiceClient>) {}

  async send(queue: string, message: object, options: { delaySeconds?: number } = {}): Promise<void> {
    const text = Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
    await (
      await this.client(queue)
    ).sendMessage(text, {
      ...(options.delaySeconds ? { visibilityTimeout: Math.min(Math.ceil(options.delaySeconds), 7 * 86400 - 1) } : {}),
    });
  }

  async ping(queue: string): Promise<void> {
    await (await this.client(queue)).getProperties();
  }

  private async client(queue: string): Promise<QueueClient> {
    let client = this.clients.get(queue);
    if (!client) {
      // A failed connect is not cached: the next send tries again.
      this.service ??= this.connect().catch((error: unknown) => {
        this.service = undefined;
        throw error;
      });
      client = (await this.service).getQueueClient(queue);
      this.clients.set(queue, client);
    }
    return client;
  }
}
