// Stores orders in the placing partner's partition of partner-data (type 'order') and lists a customer's orders of
// one partner (a single-partition query) or of several MPSA partners sharing purchases (a cross-partition query).
import type { Container } from '@azure/cosmos';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import { queryPage, withoutSystemFields } from '../../platform/persistence/cosmos.js';
import type { Order } from './order.js';

interface OrderDoc extends Order {
  type: 'order';
}

/** The orders port (the Cosmos adapter below). */
export interface OrderRepository {
  create(order: Order): Promise<Versioned<Order>>;
  /** The customer's orders placed by any of `partnerIds`, newest first. */
  listForCustomer(partnerIds: readonly string[], customerTenantId: string, page: PageRequest): Promise<Page<Versioned<Order>>>;
}

export class CosmosOrderRepository implements OrderRepository {
  constructor(private readonly container: Container) {}

  async create(order: Order): Promise<Versioned<Order>> {
    const { resource } = await this.container.items.create<OrderDoc>({ ...order, type: 'order' });
    return { value: order, etag: resource!._etag };
  }

  /** The customer's orders placed by any of `partnerIds`, newest first. */
  async listForCustomer(
    partnerIds: readonly string[],
    customerTenantId: string,
    page: PageRequest,
  ): Promise<Page<Versioned<Order>>> {
    const single = partnerIds.length === 1 ? partnerIds[0] : undefined;
    return queryPage<OrderDoc & { _etag: string }, Versioned<Order>>(
      this.container,
      {
        query: `SELECT * FROM c WHERE c.type = 'order' AND c.customerTenantId = @c AND ${
          single !== undefined ? 'c.partnerId = @p' : 'ARRAY_CONTAINS(@ps, c.partnerId)'
        } ORDER BY c.placedAt DESC`,
        parameters: [
          { name: '@c', value: customerTenantId },
          single !== undefined ? { name: '@p', value: single } : { name: '@ps', value: [...partnerIds] },
        ],
      },
      page,
      (doc) => ({ value: toOrder(doc), etag: doc._etag }),
      single,
    );
  }
}

function toOrder(doc: OrderDoc): Order {
  const { type, ...order } = withoutSystemFields(doc);
  void type;
  return order;
}
