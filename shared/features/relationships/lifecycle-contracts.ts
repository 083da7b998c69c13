// Contracts of the relationship lifecycle: the customer removes admin roles and cannot delete; the
// partner terminates.
import { z } from 'zod';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { customerRelationshipSchema, partnerCustomerSchema } from './relationship.js';
import { resourceId, tenantIdSchema } from '../../platform/http/common-schemas.js';

export const removePartnerAdminRoles = {
  name: 'removePartnerAdminRoles',
  method: 'POST',
  route: 'customer/partner-relationships/{partnerId}/remove-roles',
  summary:
    'End every admin role grant of the partner at once; the relationship and its other types stay. 409 no-admin-roles when it holds none.',
  tag: 'customer',
  auth: 'signedIn',
  params: z.object({ partnerId: resourceId }),
  conditional: true,
  responses: {
    200: { description: 'The relationship, its admin roles removed', schema: customerRelationshipSchema, headers: ['etag'] },
  },
} as const satisfies EndpointContract;

export const deleteCustomerPartnerRelationship = {
  name: 'deleteCustomerPartnerRelationship',
  method: 'DELETE',
  route: 'customer/partner-relationships/{partnerId}',
  summary: 'Customers do not end relationships: always 409 contact-partner (ask the partner; or remove its admin roles).',
  tag: 'customer',
  auth: 'signedIn',
  params: z.object({ partnerId: resourceId }),
  responses: {},
} as const satisfies EndpointContract;

export const gdapChangeInputSchema = z
  .object({
    autoExtend: z
      .boolean()
      .describe('Renew every GDAP grant in force by 180 days at its end (never with Global Administrator among them)'),
  })
  .strict()
  .meta({ id: 'GdapChangeInput' });

export const changePartnerCustomerGdap = {
  name: 'changePartnerCustomerGdap',
  method: 'PATCH',
  route: 'partner/customers/{customerTenantId}/gdap',
  summary:
    'Turn auto-extension of the GDAP grants in force on or off (If-Match). 409 auto-extend-not-allowed with Global Administrator in force, no-gdap-roles without GDAP roles. The customer is emailed.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  body: gdapChangeInputSchema,
  conditional: true,
  examples: { autoExtend: { summary: 'Renew automatically', value: { autoExtend: true } } },
  responses: { 200: { description: 'The customer relationship, changed', schema: partnerCustomerSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const removePartnerCustomerGlobalAdmin = {
  name: 'removePartnerCustomerGlobalAdmin',
  method: 'POST',
  route: 'partner/customers/{customerTenantId}/gdap/remove-global-admin',
  summary:
    'Give up Global Administrator (GDAP) on this customer while every other grant stays (If-Match). 409 no-global-admin when none is in force. The customer is emailed.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  conditional: true,
  responses: {
    200: {
      description: 'The customer relationship, without Global Administrator',
      schema: partnerCustomerSchema,
      headers: ['etag'],
    },
  },
} as const satisfies EndpointContract;

export const terminatePartnerCustomer = {
  name: 'terminatePartnerCustomer',
  method: 'POST',
  route: 'partner/customers/{customerTenantId}/terminate',
  summary: 'End the relationship with a customer: every role grant and the right to order end; both sides are emailed.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  conditional: true,
  responses: { 200: { description: 'The terminated relationship', schema: partnerCustomerSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;
