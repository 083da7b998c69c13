// Contracts of the partner directory.
import { z } from 'zod';
import { partnerTypeSchema } from '../catalog/partner-types.js';
import {
  countryCodeSchema,
  industrySchema,
  organizationSizeSchema,
  partnerProfileInputSchema,
  partnerProfileSchema,
  productSchema,
} from './partner-profile.js';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { pageQuery, resourceId } from '../../platform/http/common-schemas.js';

export const searchPartners = {
  name: 'searchPartners',
  method: 'GET',
  route: 'partners',
  summary: 'Search the partner directory.',
  tag: 'directory',
  auth: 'public',
  query: pageQuery.extend({
    q: z.string().trim().min(1).max(200).optional().describe('Text in the name or description'),
    country: countryCodeSchema.optional(),
    industry: industrySchema.optional(),
    product: productSchema.optional(),
    organizationSize: organizationSizeSchema.optional(),
    partnerType: partnerTypeSchema.optional(),
  }),
  responses: { 200: { description: 'A page of partners', schema: pageSchema(partnerProfileSchema) } },
} as const satisfies EndpointContract;

export const getPartner = {
  name: 'getPartner',
  method: 'GET',
  route: 'partners/{partnerId}',
  summary: 'One partner profile.',
  tag: 'directory',
  auth: 'public',
  params: z.object({ partnerId: resourceId }),
  responses: { 200: { description: 'The profile', schema: partnerProfileSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const getOwnPartnerProfile = {
  name: 'getOwnPartnerProfile',
  method: 'GET',
  route: 'partner/profile',
  summary: "The calling partner's own directory listing.",
  tag: 'partner',
  auth: 'signedIn',
  responses: { 200: { description: 'The profile', schema: partnerProfileSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const saveOwnPartnerProfile = {
  name: 'saveOwnPartnerProfile',
  method: 'PUT',
  route: 'partner/profile',
  summary: "Create (201) or update (200) the calling partner's directory listing.",
  tag: 'partner',
  auth: 'signedIn',
  body: partnerProfileInputSchema,
  conditional: true,
  responses: {
    200: { description: 'Updated', schema: partnerProfileSchema, headers: ['etag'] },
    201: { description: 'Created', schema: partnerProfileSchema, headers: ['etag', 'location'] },
  },
  examples: {
    profile: {
      summary: 'A reseller and GDAP partner in Paris',
      value: {
        name: 'Fabrikam Cloud Services',
        description: 'Fabrikam helps retailers move to Microsoft 365 and keeps their tenants secure.',
        website: 'https://fabrikam.example.com',
        contactEmail: 'sales@fabrikam.example.com',
        locations: [{ country: 'FR', region: 'Île-de-France', city: 'Paris' }],
        industries: ['retail'],
        products: ['Microsoft 365', 'Microsoft Security'],
        organizationSizes: ['10-49', '50-249'],
        partnerTypes: ['reseller', 'gdap'],
      },
    },
  },
} as const satisfies EndpointContract;
