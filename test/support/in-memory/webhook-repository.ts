// In-memory WebhookRepository over the in-memory partner-data container, mirroring CosmosWebhookRepository: the same
// documents, the same batches (subscription or delivery first, then the outbox items), the same answers on a lost race.
import type { JSONObject } from '@azure/cosmos';
import type { LastDelivery, WebhookDelivery, WebhookSubscription } from '../../../shared/features/webhooks/webhook.js';
import {
  deliveredPatch,
  deliveryDoc,
  deliveryDocId,
  fromDeliveryDoc,
  fromSubscriptionDoc,
  subscriptionDoc,
  SUBSCRIPTION_DOC_ID,
  type DeliveryDoc,
  type SubscriptionDoc,
  type WebhookRepository,
} from '../../../shared/features/webhooks/webhook-repository.js';
import { cosmosStatus, type BatchOperation } from '../../../shared/platform/persistence/cosmos.js';
import type { Versioned } from '../../../shared/platform/persistence/versioned.js';
import type { InMemoryContainer } from './container.js';

const status = (error: unknown) => cosmosStatus(error);

export class InMemoryWebhookRepository implements WebhookRepository {
  constructor(private readonly container: InMemoryContainer) {}

  async getSubscription(partnerId: string): Promise<Versioned<WebhookSubscription> | undefined> {
    const item = this.container.read<SubscriptionDoc>(partnerId, SUBSCRIPTION_DOC_ID);
    return item && { value: fromSubscriptionDoc(item.doc), etag: item.etag };
  }

  async createSubscription(s: WebhookSubscription, outbox: BatchOperation[]) {
    if (this.container.read(s.partnerId, SUBSCRIPTION_DOC_ID)) return 'exists' as const;
    const [etag] = this.container.batch(s.partnerId, [
      { operationType: 'Create', resourceBody: subscriptionDoc(s) as unknown as JSONObject },
      ...outbox,
    ]);
    return { value: s, etag: etag! };
  }

  async replaceSubscription(s: WebhookSubscription, etag: string, outbox: BatchOperation[]) {
    const current = this.container.read(s.partnerId, SUBSCRIPTION_DOC_ID);
    if (current?.etag !== etag) return 'stale' as const;
    const [next] = this.container.batch(s.partnerId, [
      {
        operationType: 'Replace',
        id: SUBSCRIPTION_DOC_ID,
        resourceBody: subscriptionDoc(s) as unknown as JSONObject,
        ifMatch: etag,
      },
      ...outbox,
    ]);
    return { value: s, etag: next! };
  }

  async deleteSubscription(partnerId: string, etag: string, outbox: BatchOperation[]) {
    const current = this.container.read(partnerId, SUBSCRIPTION_DOC_ID);
    if (current?.etag !== etag) return 'stale' as const;
    this.container.batch(partnerId, [{ operationType: 'Delete', id: SUBSCRIPTION_DOC_ID }, ...outbox]);
    return 'deleted' as const;
  }

  async getDelivery(partnerId: string, webhookId: string): Promise<Versioned<WebhookDelivery> | undefined> {
    const item = this.container.read<DeliveryDoc>(partnerId, deliveryDocId(webhookId));
    return item && { value: fromDeliveryDoc(item.doc), etag: item.etag };
  }

  async createDelivery(d: WebhookDelivery, outbox: BatchOperation[]) {
    if (this.container.read(d.partnerId, deliveryDocId(d.id))) return 'exists' as const;
    this.container.batch(d.partnerId, [
      { operationType: 'Create', resourceBody: deliveryDoc(d) as unknown as JSONObject },
      ...outbox,
    ]);
    return 'created' as const;
  }

  async recordDelivered(d: WebhookDelivery, etag: string, lastDelivery: LastDelivery) {
    if (this.container.read(d.partnerId, deliveryDocId(d.id))?.etag !== etag) return 'stale' as const;
    const replace: BatchOperation = {
      operationType: 'Replace',
      id: deliveryDocId(d.id),
      resourceBody: deliveryDoc(d) as unknown as JSONObject,
      ifMatch: etag,
    };
    const subscriptionThere = !!this.container.read(d.partnerId, SUBSCRIPTION_DOC_ID);
    this.container.batch(d.partnerId, [
      replace,
      ...(subscriptionThere
        ? [{ operationType: 'Patch' as const, id: SUBSCRIPTION_DOC_ID, resourceBody: deliveredPatch(lastDelivery) }]
        : []),
    ]);
    return 'saved' as const;
  }

  async recordAttempt(
    d: WebhookDelivery,
    etag: string,
    subscription: Versioned<WebhookSubscription> | undefined,
    outbox: BatchOperation[],
  ) {
    try {
      this.container.batch(d.partnerId, [
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
      // The delivery or the subscription changed (or went) since it was read: the guards are the only conditional ones.
      if (status(error) === 412 || status(error) === 404) return 'stale' as const;
      throw error;
    }
  }
}
