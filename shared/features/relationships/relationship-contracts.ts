// Contracts of the relationship read side: the customer's partners and the partner's customers.
import { z } from 'zod';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { customerRelationshipSchema, partnerCustomerSchema } from './relationship.js';
import { pageQuery, resourceId, tenantIdSchema } from '../../platform/http/common-schemas.js';

export const listCustomerPartnerRelationships = {
  name: 'listCustomerPartnerRelationships',
  method: 'GET',
  route: 'customer/partner-relationships',
  summary: "The calling customer's partners: types, role grants, agreement status.",
  tag: 'customer',
  auth: 'signedIn',
  query: pageQuery,
  responses: { 200: { description: 'A page of relationships', schema: pageSchema(customerRelationshipSchema) } },
} as const satisfies EndpointContract;

export const getCustomerPartnerRelationship = {
  name: 'getCustomerPartnerRelationship',
  method: 'GET',
  route: 'customer/partner-relationships/{partnerId}',
  summary: 'The relationship with one partner: types, role grants (GDAP end dates), agreement, MPSA sharing, history.',
  tag: 'customer',
  auth: 'signedIn',
  params: z.object({ partnerId: resourceId }),
  responses: { 200: { description: 'The relationship', schema: customerRelationshipSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const listPartnerCustomers = {
  name: 'listPartnerCustomers',
  method: 'GET',
  route: 'partner/customers',
  summary: "The calling partner's customers.",
  tag: 'partner',
  auth: 'signedIn',
  query: pageQuery,
  responses: { 200: { description: 'A page of customers', schema: pageSchema(partnerCustomerSchema) } },
} as const satisfies EndpointContract;

export const getPartnerCustomer = {
  name: 'getPartnerCustomer',
  method: 'GET',
  route: 'partner/customers/{customerTenantId}',
  summary: 'The relationship with one customer.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  responses: { 200: { description: 'The customer relationship', schema: partnerCustomerSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;
