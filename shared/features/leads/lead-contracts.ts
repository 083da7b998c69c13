// Contracts of "Contact me".
import { z } from 'zod';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { leadCreatedSchema, leadInputSchema, leadSchema, leadStatuses, leadUpdateSchema } from './lead.js';
import { pageQuery, resourceId } from '../../platform/http/common-schemas.js';

export const createContactRequest = {
  name: 'createContactRequest',
  method: 'POST',
  route: 'partners/{partnerId}/contact-requests',
  summary: 'Ask a partner to contact you (201 new; 200 when the same email asked this partner in the last 24 hours).',
  tag: 'directory',
  auth: 'optionalUser',
  params: z.object({ partnerId: resourceId }),
  body: leadInputSchema,
  idempotent: true,
  responses: {
    201: { description: 'Created', schema: leadCreatedSchema, headers: ['etag'] },
    200: { description: 'The existing request from the last 24 hours', schema: leadCreatedSchema, headers: ['etag'] },
  },
  throttled: true,
  examples: {
    contactMe: {
      summary: '"Contact me" from a retailer in Paris',
      value: {
        location: { country: 'FR', region: 'Île-de-France', city: 'Paris' },
        contact: { firstName: 'Ana', lastName: 'Martin', email: 'ana.martin@contoso.example.com', phone: '+33 1 23 45 67 89' },
        organization: { name: 'Contoso Retail', size: '10-49', industry: 'retail' },
        needs: 'We want to move to Microsoft 365 and need help with licences.',
      },
    },
  },
} as const satisfies EndpointContract;

export const listContactRequests = {
  name: 'listContactRequests',
  method: 'GET',
  route: 'partner/contact-requests',
  summary: "The calling partner's leads, newest first.",
  tag: 'partner',
  auth: 'signedIn',
  query: pageQuery.extend({ status: z.enum(leadStatuses).optional() }),
  responses: { 200: { description: 'A page of leads', schema: pageSchema(leadSchema) } },
} as const satisfies EndpointContract;

export const getContactRequest = {
  name: 'getContactRequest',
  method: 'GET',
  route: 'partner/contact-requests/{contactRequestId}',
  summary: 'One lead of the calling partner.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ contactRequestId: resourceId }),
  responses: { 200: { description: 'The lead', schema: leadSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const updateContactRequest = {
  name: 'updateContactRequest',
  method: 'PATCH',
  route: 'partner/contact-requests/{contactRequestId}',
  summary: 'Move a lead: new → accepted → closed, or new → declined.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ contactRequestId: resourceId }),
  body: leadUpdateSchema,
  conditional: true,
  responses: { 200: { description: 'The updated lead', schema: leadSchema, headers: ['etag'] } },
  examples: {
    accept: { summary: 'Accept the lead', value: { status: 'accepted' } },
    decline: { summary: 'Decline it, saying why', value: { status: 'declined', reason: 'We do not serve this region.' } },
    closeWon: { summary: 'Close it as won', value: { status: 'closed', outcome: 'won' } },
  },
} as const satisfies EndpointContract;
