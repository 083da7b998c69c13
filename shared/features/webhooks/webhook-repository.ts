// Stores a partner's webhook subscription and its deliveries in the partner's partition of partner-data, so a change
// to either commits in one transactional batch with the outbox items it sets off (the next attempt, the disabled
// notice, the audit events).
import type { Container, JSONObject } from '@azure/cosmos';
import {
  batchFailure,
  executeBatch,
  isConflict,
  isNotFound,
  isPreconditionFailed,
  readItem,
  withoutSystemFields,
  type BatchOperation,
} from '../../platform/persistence/cosmos.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { LastDelivery, WebhookDelivery, WebhookSubscription } from './webhook.js';

/** One subscription per partner: a fixed id in its partition. */
export const SUBSCRIPTION_DOC_ID = 'webhookSubscription';
/** Deliveries are history, not state: they leave the container after 30 days (the container has TTL on). */
export const DELIVERY_TTL_SECONDS = 30 * 86400;
export const deliveryDocId = (webhookId: string) => `webhookDelivery_${webhookId}`;

export type SubscriptionDoc = WebhookSubscription & { id: string; type: 'webhookSubscription' };
export type DeliveryDoc = Omit<WebhookDelivery, 'id'> & { id: string; webhookId: string; type: 'webhookDelivery'; ttl: number };

export const subscriptionDoc = (s: WebhookSubscription): SubscriptionDoc => ({
  ...s,
  id: SUBSCRIPTION_DOC_ID,
  type: 'webhookSubscription',
});
export const deliveryDoc = (d: WebhookDelivery): DeliveryDoc => ({
  ...d,
  id: deliveryDocId(d.id),
  webhookId: d.id,
  type: 'webhookDelivery',
  ttl: DELIVERY_TTL_SECONDS,
});
export const fromSubscriptionDoc = (doc: SubscriptionDoc): WebhookSubscription => {
  const { id: _id, type: _type, ...rest } = withoutSystemFields(doc);
  void _id;
  void _type;
  return rest;
};
export const fromDeliveryDoc = (doc: DeliveryDoc): WebhookDelivery => {
  const { id: _id, type: _type, ttl: _ttl, webhookId, ...rest } = withoutSystemFields(doc);
  void _id;
  void _type;
  void _ttl;
  return { ...rest, id: webhookId };
};

/** The patch a success applies to the subscription: no read, no ETag, so concurrent successes never contend. */
export const deliveredPatch = (lastDelivery: LastDelivery) => [
  { op: 'set' as const, path: '/consecutiveFailures', value: 0 },
  { op: 'set' as const, path: '/lastDelivery', value: lastDelivery as unknown as JSONObject },
];

/** The webhook port (the Cosmos adapter below; an in-memory fake in tests). */
export interface WebhookRepository {
  getSubscription(partnerId: string): Promise<Versioned<WebhookSubscription> | undefined>;
  /** Creates it with `outbox` in one batch; 'exists' when another request created one first. */
  createSubscription(s: WebhookSubscription, outbox: BatchOperation[]): Promise<Versioned<WebhookSubscription> | 'exists'>;
  /** Replaces it if still at `etag`, with `outbox`, in one batch; 'stale' otherwise. */
  replaceSubscription(
    s: WebhookSubscription,
    etag: string,
    outbox: BatchOperation[],
  ): Promise<Versioned<WebhookSubscription> | 'stale'>;
  /** Deletes it if still at `etag`, with `outbox`; 'stale' when it changed or is gone. */
  deleteSubscription(partnerId: string, etag: string, outbox: BatchOperation[]): Promise<'deleted' | 'stale'>;

  getDelivery(partnerId: string, webhookId: string): Promise<Versioned<WebhookDelivery> | undefined>;
  /** Creates the delivery with its first attempt's outbox item; 'exists' when it was created before (a replay). */
  createDelivery(d: WebhookDelivery, outbox: BatchOperation[]): Promise<'created' | 'exists'>;
  /**
   * Records a success: the delivery (if still at `etag`) and, when the subscription is still there, its reset failure
   * run and last delivery. 'stale' when the delivery changed meanwhile (another worker recorded this attempt).
   */
  recordDelivered(d: WebhookDelivery, etag: string, lastDelivery: LastDelivery): Promise<'saved' | 'stale'>;
  /**
   * Records an attempt that failed, or a delivery given up: the delivery (if still at `etag`), the subscription's new
   * state (if still at its ETag), and `outbox` (the next attempt, the disabled notice, audit events), all or nothing.
   */
  recordAttempt(
    d: WebhookDelivery,
    etag: string,
    subscription: Versioned<WebhookSubscription> | undefined,
    outbox: BatchOperation[],
  ): Promise<'saved' | 'stale'>;
}

export class CosmosWebhookRepository implements WebhookRepository {
  constructor(private readonly container: Container) {}

  async getSubscription(partnerId: string): Promise<Versioned<WebhookSubscription> | undefined> {
    const doc = await readItem<SubscriptionDoc>(this.container, SUBSCRIPTION_DOC_ID, partnerId);
    return doc ? { value: fromSubscriptionDoc(doc), etag: doc._etag } : undefined;
  }

  async createSubscription(s: WebhookSubscription, outbox: BatchOperation[]) {
    try {
      const [etag] = await executeBatch(this.container, s.partnerId, [
        { operationType: 'Create', resourceBody: subscriptionDoc(s) as unknown as JSONObject },
        ...outbox,
      ]);
      return { value: s, etag: etag! };
    } catch (error) {
      if (batchFailure(error)?.index === 0 && isConflict(error)) return 'exists' as const;
      throw error;
    }
  }

  async replaceSubscription(s: WebhookSubscription, etag: string, outbox: BatchOperation[]) {
    try {
      const [next] = await executeBatch(this.container, s.partnerId, [
        {
          operationType: 'Replace',
          id: SUBSCRIPTION_DOC_ID,
          resourceBody: subscriptionDoc(s) as unknown as JSONObject,
          ifMatch: etag,
        },
        ...outbox,
      ]);
      return { value: s, etag: next! };
    } catch (error) {
      if (batchFailure(error)?.index === 0 && (isPreconditionFailed(error) || isNotFound(error))) return 'stale' as const;
      throw error;
    }
  }

  async deleteSubscription(partnerId: string, etag: string, outbox: BatchOperation[]) {
    try {
      // A batch's Delete takes no If-Match: a patch conditional on the ETag, first, fails the batch when it changed.
      await executeBatch(this.container, partnerId, [
        {
          operationType: 'Patch',
          id: SUBSCRIPTION_DOC_ID,
          ifMatch: etag,
          resourceBody: [{ op: 'set', path: '/deleting', value: true }],
        },
        { operationType: 'Delete', id: SUBSCRIPTION_DOC_ID },
        ...outbox,
      ]);
      return 'deleted' as const;
    } catch (error) {
      if (batchFailure(error)?.index === 0 && (isPreconditionFailed(error) || isNotFound(error))) return 'stale' as const;
      throw error;
    }
  }

  async getDelivery(partnerId: string, webhookId: string): Promise<Versioned<WebhookDelivery> | undefined> {
    const doc = await readItem<DeliveryDoc>(this.container, deliveryDocId(webhookId), partnerId);
    return doc ? { value: fromDeliveryDoc(doc), etag: doc._etag } : undefined;
  }

  async createDelivery(d: WebhookDelivery, outbox: BatchOperation[]) {
    try {
      await executeBatch(this.container, d.partnerId, [
        { operationType: 'Create', resourceBody: deliveryDoc(d) as unknown as JSONObject },
        ...outbox,
      ]);
      return 'created' as const;
    } catch (error) {
      if (batchFailure(error)?.index === 0 && isConflict(error)) return 'exists' as const;
      throw error;
    }
  }

  async recordDelivered(d: WebhookDelivery, etag: string, lastDelivery: LastDelivery) {
    const replace: BatchOperation = {
      operationType: 'Replace',
      id: deliveryDocId(d.id),
      resourceBody: deliveryDoc(d) as unknown as JSONObject,
      ifMatch: etag,
    };
    try {
      await executeBatch(this.container, d.partnerId, [
        replace,
        { operationType: 'Patch', id: SUBSCRIPTION_DOC_ID, resourceBody: deliveredPatch(lastDelivery) },
      ]);
      return 'saved' as const;
    } catch (error) {
      const failed = batchFailure(error);
      if (failed?.index === 0 && (isPreconditionFailed(error) || isNotFound(error))) return 'stale' as const;
      if (failed?.index !== 1 || !isNotFound(error)) throw error;
    }
    // The subscription was deleted meanwhile: the delivery is recorded all the same.
    try {
      await executeBatch(this.container, d.partnerId, [replace]);
      return 'saved' as const;
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return 'stale' as const;
      throw error;
    }
  }

  async recordAttempt(
    d: WebhookDelivery,
    etag: string,
    subscription: Versioned<WebhookSubscription> | undefined,
    outbox: BatchOperation[],
  ) {
    try {
      await executeBatch(this.container, d.partnerId, [
        {
          operationType: 'Replace',
          id: deliveryDocId(d.id),
          resourceBody: deliveryDoc(d) as unknown as JSONObject,
          ifMatch: etag,
        },
        ...(subscription
          ? [
              {
                operationType: 'Replace' as const,
                id: SUBSCRIPTION_DOC_ID,
                resourceBody: subscriptionDoc(subscription.value) as unknown as JSONObject,
                ifMatch: subscription.etag,
              },
            ]
          : []),
        ...outbox,
      ]);
      return 'saved' as const;
    } catch (error) {
      const failed = batchFailure(error);
      if (failed && failed.index <= (subscription ? 1 : 0) && (isPreconditionFailed(error) || isNotFound(error)))
        return 'stale' as const;
      throw error;
    }
  }
}
