// Cosmos-backed Idempotency-Key records (24-hour TTL from the container default).
import type { Container } from '@azure/cosmos';
import type { EndpointResult } from '../http/endpoint.js';
import type { IdempotencyRecord, IdempotencyStore } from '../http/idempotency.js';
import { isConflict, isNotFound, readItem } from './cosmos.js';

export class CosmosIdempotencyStore implements IdempotencyStore {
  constructor(private readonly container: Container) {}

  async claim(id: string, fingerprint: string): Promise<'claimed' | IdempotencyRecord> {
    try {
      await this.container.items.create<IdempotencyRecord>({ id, fingerprint, state: 'pending' });
      return 'claimed';
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const existing = await readItem<IdempotencyRecord>(this.container, id, id);
    // Released between our create and read: treat as in progress; the client retries.
    return existing ?? { id, fingerprint, state: 'pending' };
  }

  async complete(id: string, result: EndpointResult): Promise<void> {
    await this.container.item(id, id).patch([
      { op: 'set', path: '/state', value: 'completed' },
      { op: 'set', path: '/result', value: result },
    ]);
  }

  async release(id: string): Promise<void> {
    try {
      await this.container.item(id, id).delete();
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
