// Sends JSON messages to Storage queues, base64-encoded as the Functions queue trigger expects.
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/identity';

export interface QueueSender {
  send(queue: string, message: object, options?: { delaySeconds?: number }): Promise<void>;
  /** Reaches the queue service (health check). */
  ping(queue: string): Promise<void>;
}

export function createQueueServiceClient(settings: {
  connectionString?: string;
  serviceUri?: string;
  credential?: TokenCredential;
}): QueueServiceClient {
  if (settings.connectionString) return QueueServiceClient.fromConnectionString(settings.connectionString);
  if (!settings.serviceUri || !settings.credential) throw new Error('queue service URI and credential are required');
  return new QueueServiceClient(settings.serviceUri, settings.credential);
}

export class StorageQueueSender implements QueueSender {
  private readonly clients = new Map<string, QueueClient>();
  constructor(private readonly service: QueueServiceClient) {}

  async send(queue: string, message: object, options: { delaySeconds?: number } = {}): Promise<void> {
    const text = Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
    await this.client(queue).sendMessage(text, {
      ...(options.delaySeconds ? { visibilityTimeout: Math.min(Math.ceil(options.delaySeconds), 7 * 86400 - 1) } : {}),
    });
  }

  async ping(queue: string): Promise<void> {
    await this.client(queue).getProperties();
  }

  private client(queue: string): QueueClient {
    let client = this.clients.get(queue);
    if (!client) {
      client = this.service.getQueueClient(queue);
      this.clients.set(queue, client);
    }
    return client;
  }
}
