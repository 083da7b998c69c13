// Contracts of orders (reseller and indirect reseller partners order for a customer that accepted the
// Customer Agreement) and of the customer's MPSA purchase sharing switch, which decides who sees which orders.
import { z } from 'zod';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { orderInputSchema, orderSchema } from './order.js';
import { customerRelationshipSchema } from '../relationships/relationship.js';
import { pageQuery, resourceId, tenantIdSchema } from '../../platform/http/common-schemas.js';

const customerParams = z.object({ customerTenantId: tenantIdSchema });

export const placeOrder = {
  name: 'placeOrder',
  method: 'POST',
  route: 'partner/customers/{customerTenantId}/orders',
  summary:
    'Place an order for a customer: reseller or indirect reseller relationships only (403 order-not-allowed), once the customer accepted the current Customer Agreement (403 agreement-required).',
  tag: 'partner',
  auth: 'signedIn',
  params: customerParams,
  body: orderInputSchema,
  idempotent: true,
  responses: { 201: { description: 'The order', schema: orderSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const listOrders = {
  name: 'listOrders',
  method: 'GET',
  route: 'partner/customers/{customerTenantId}/orders',
  summary:
    "Your orders for a customer, newest first, plus other MPSA partners' orders (shared: true) while the customer shares MPSA purchases with both.",
  tag: 'partner',
  auth: 'signedIn',
  params: customerParams,
  query: pageQuery,
  responses: { 200: { description: 'A page of orders', schema: pageSchema(orderSchema) } },
} as const satisfies EndpointContract;

export const setMpsaSharing = {
  name: 'setMpsaSharing',
  method: 'PUT',
  route: 'customer/partner-relationships/{partnerId}/mpsa-sharing',
  summary:
    'Let this MPSA partner see the purchases of your other MPSA partners that share too, and them see its (409 not-mpsa on other relationships).',
  tag: 'customer',
  auth: 'signedIn',
  params: z.object({ partnerId: resourceId }),
  body: z.object({ enabled: z.boolean() }).strict().meta({ id: 'MpsaSharing' }),
  conditional: true,
  responses: { 200: { description: 'The relationship', schema: customerRelationshipSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;
