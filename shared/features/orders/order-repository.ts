// Stores orders in the placing partner's partition of partner-data (type 'order') and lists a customer's orders of that
// partner (a single-partition query). The orders of several partners come from the customer's copy (order-views.ts).
import type { Container } from '@azure/cosmos';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import { isConflict, queryPage, readItem, withoutSystemFields } from '../../platform/persistence/cosmos.js';
import type { Order } from './order.js';

interface OrderDoc extends Order {
  type: 'order';
}

/** The orders port (the Cosmos adapter below). */
export interface OrderRepository {
  /** Stores a new order; 'exists' when its id is taken (a retried create under the same Idempotency-Key). */
  create(order: Order): Promise<Versioned<Order> | 'exists'>;
  get(partnerId: string, id: string): Promise<Versioned<Order> | undefined>;
  /** The customer's orders placed by `partnerId`, newest first. */
  listForCustomer(partnerId: string, customerTenantId: string, page: PageRequest): Promise<Page<Versioned<Order>>>;
}

export class CosmosOrderRepository implements OrderRepository {
  constructor(private readonly container: Container) {}

  /** 'exists' when the id is taken (a retried request whose id derives from its Idempotency-Key). */
  async create(order: Order): Promise<Versioned<Order> | 'exists'> {
    try {
      const { resource } = await this.container.items.create<OrderDoc>({ ...order, type: 'order' });
      return { value: order, etag: resource!._etag };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async get(partnerId: string, id: string): Promise<Versioned<Order> | undefined> {
    const doc = await readItem<OrderDoc>(this.container, id, partnerId);
    return doc && doc.type === 'order' ? { value: toOrder(doc), etag: doc._etag } : undefined;
  }

  /** The customer's orders placed by `partnerId`, newest first. */
  async listForCustomer(partnerId: string, customerTenantId: string, page: PageRequest): Promise<Page<Versioned<Order>>> {
    return queryPage<OrderDoc & { _etag: string }, Versioned<Order>>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.type = 'order' AND c.customerTenantId = @c AND c.partnerId = @p ORDER BY c.placedAt DESC",
        parameters: [
          { name: '@c', value: customerTenantId },
          { name: '@p', value: partnerId },
        ],
      },
      page,
      (doc) => ({ value: toOrder(doc), etag: doc._etag }),
      partnerId,
    );
  }
}

function toOrder(doc: OrderDoc): Order {
  const { type, ...order } = withoutSystemFields(doc);
  void type;
  return order;
}
