// Cosmos-backed Idempotency-Key records (24-hour TTL from the container default), leased to the attempt running them.
import type { Container } from '@azure/cosmos';
import type { Clock } from '../core/clock.js';
import type { EndpointResult } from '../http/endpoint-result.js';
import type { IdempotencyLease, IdempotencyRecord, IdempotencyStore } from '../http/idempotency.js';
import { isConflict, isNotFound, isPreconditionFailed, readItem } from './cosmos.js';

interface RecordDoc {
  id: string;
  fingerprint: string;
  state: 'pending' | 'completed';
  result?: EndpointResult;
  leaseExpiresAt?: string;
}

export interface IdempotencyStoreOptions {
  clock: Clock;
  /** How long an attempt owns a pending record before a retry may take it over. */
  leaseSeconds: number;
}

export class CosmosIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly container: Container,
    private readonly options: IdempotencyStoreOptions,
  ) {}

  private leaseUntil(): string {
    return new Date(this.options.clock.now().getTime() + this.options.leaseSeconds * 1000).toISOString();
  }

  async create(id: string, fingerprint: string): Promise<IdempotencyLease | 'exists'> {
    try {
      const doc: RecordDoc = { id, fingerprint, state: 'pending', leaseExpiresAt: this.leaseUntil() };
      const { resource } = await this.container.items.create<RecordDoc>(doc);
      return { id, fingerprint, etag: resource!._etag };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async read(id: string): Promise<IdempotencyRecord | undefined> {
    const doc = await readItem<RecordDoc>(this.container, id, id);
    if (!doc) return undefined;
    return {
      id: doc.id,
      fingerprint: doc.fingerprint,
      state: doc.state,
      ...(doc.result ? { result: doc.result } : {}),
      ...(doc.leaseExpiresAt ? { leaseExpiresAt: doc.leaseExpiresAt } : {}),
      etag: doc._etag,
    };
  }

  leaseExpired(record: IdempotencyRecord): boolean {
    // A record without a lease was written before leases existed: nothing can still be running it.
    return !record.leaseExpiresAt || Date.parse(record.leaseExpiresAt) <= this.options.clock.now().getTime();
  }

  async takeOver(record: IdempotencyRecord): Promise<IdempotencyLease | 'lost'> {
    const doc: RecordDoc = {
      id: record.id,
      fingerprint: record.fingerprint,
      state: 'pending',
      leaseExpiresAt: this.leaseUntil(),
    };
    return this.replaceIfMatch(doc, record.etag, record.fingerprint);
  }

  async complete(lease: IdempotencyLease, result: EndpointResult): Promise<'completed' | 'lost'> {
    const doc: RecordDoc = { id: lease.id, fingerprint: lease.fingerprint, state: 'completed', result };
    if ((await this.replaceIfMatch(doc, lease.etag, lease.fingerprint)) !== 'lost') return 'completed';
    // Either an earlier try of ours was applied although its answer was lost, or another attempt took over.
    return (await this.read(lease.id))?.state === 'completed' ? 'completed' : 'lost';
  }

  async release(lease: IdempotencyLease): Promise<void> {
    const now = this.options.clock.now().toISOString();
    const doc: RecordDoc = { id: lease.id, fingerprint: lease.fingerprint, state: 'pending', leaseExpiresAt: now };
    await this.replaceIfMatch(doc, lease.etag, lease.fingerprint);
  }

  private async replaceIfMatch(doc: RecordDoc, etag: string, fingerprint: string): Promise<IdempotencyLease | 'lost'> {
    try {
      const { resource } = await this.container
        .item(doc.id, doc.id)
        .replace<RecordDoc>(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return { id: doc.id, fingerprint, etag: resource!._etag };
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return 'lost';
      throw error;
    }
  }
}
