// The customer's copy of its orders (from every partner), in its own partition of `customer-views`, kept by the change
// feed of `partner-data` (functions/project-customer-views.ts). It serves the one list that spans partners — the
// orders of the MPSA partners sharing purchases — from one partition; a partner's own orders are read where they are
// written (see order-use-cases.ts).
import type { Container } from '@azure/cosmos';
import {
  sourceVersionOf,
  writeIfNewer,
  type ChangeProjectorRegistry,
  type ViewItem,
} from '../../platform/persistence/change-feed.js';
import { queryPage, withoutSystemFields } from '../../platform/persistence/cosmos.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import type { Order } from './order.js';

interface OrderViewDoc extends ViewItem {
  type: 'order';
  customerTenantId: string;
  partnerId: string;
  placedAt: string;
  order: Order;
}

/** The customer's copy of its orders (port; the Cosmos adapter below). */
export interface OrderViewRepository {
  /** The customer's orders placed by any of `partnerIds`, newest first. */
  listForCustomer(customerTenantId: string, partnerIds: readonly string[], page: PageRequest): Promise<Page<Order>>;
}

export class CosmosOrderViewRepository implements OrderViewRepository {
  constructor(private readonly container: Container) {}

  async listForCustomer(customerTenantId: string, partnerIds: readonly string[], page: PageRequest): Promise<Page<Order>> {
    return queryPage<OrderViewDoc, Order>(
      this.container,
      {
        query:
          "SELECT * FROM c WHERE c.customerTenantId = @c AND c.type = 'order' AND ARRAY_CONTAINS(@ps, c.partnerId) ORDER BY c.placedAt DESC",
        parameters: [
          { name: '@c', value: customerTenantId },
          { name: '@ps', value: [...partnerIds] },
        ],
      },
      page,
      (doc) => withoutSystemFields(doc).order,
      customerTenantId,
    );
  }

  /** The projector of order items: each order copied into its customer's partition. */
  projectors(): ChangeProjectorRegistry {
    return {
      order: async (item) => {
        const { type, ...order } = withoutSystemFields(item) as unknown as Order & { type: 'order' };
        void type;
        const view: OrderViewDoc = {
          id: order.id,
          type: 'order',
          customerTenantId: order.customerTenantId,
          partnerId: order.partnerId,
          placedAt: order.placedAt,
          sourceVersion: sourceVersionOf(item),
          order,
        };
        await writeIfNewer(this.container, order.customerTenantId, view);
      },
    };
  }
}
