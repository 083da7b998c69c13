// Contracts of admin-center Billing access: which Billing pages a partner acting on behalf of a customer,
// or a customer's own signed-in user, may use — each page with `available` and, when closed, the reason.
import { z } from 'zod';
import { adminCenterAccessSchema } from './admin-center-access.js';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { tenantIdSchema } from '../../platform/http/common-schemas.js';

export const getPartnerAdminCenterAccess = {
  name: 'getPartnerAdminCenterAccess',
  method: 'GET',
  route: 'partner/customers/{customerTenantId}/admin-center-access',
  summary:
    'Billing pages open to you acting on behalf of this customer: Licenses and Billing notifications while you hold, through your security groups (access assignments), a GDAP role in force; purchases, products, bills: Partner Center.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  responses: { 200: { description: 'The Billing pages and whether each is available', schema: adminCenterAccessSchema } },
} as const satisfies EndpointContract;

export const getCustomerAdminCenterAccess = {
  name: 'getCustomerAdminCenterAccess',
  method: 'GET',
  route: 'customer/admin-center-access',
  summary:
    'Billing pages open to the signed-in customer user by their own roles (domain subscriptions: Domain Name Administrator and Billing Administrator).',
  tag: 'customer',
  auth: 'signedIn',
  responses: { 200: { description: 'The Billing pages and whether each is available', schema: adminCenterAccessSchema } },
} as const satisfies EndpointContract;
