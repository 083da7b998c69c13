// Contracts of the Microsoft Customer Agreement on its own: read it and accept it as a customer admin.
import { z } from 'zod';
import { customerAgreementSchema } from './customer-agreement.js';
import type { EndpointContract } from '../../platform/http/endpoint.js';

export const getCustomerAgreements = {
  name: 'getCustomerAgreements',
  method: 'GET',
  route: 'customer/agreements',
  summary:
    "The current Customer Agreement (version, link), whether, when and by whom the caller's tenant accepted it, and past acceptances.",
  tag: 'customer',
  auth: 'signedIn',
  responses: { 200: { description: 'The agreement and its acceptances', schema: customerAgreementSchema } },
} as const satisfies EndpointContract;

export const acceptCustomerAgreement = {
  name: 'acceptCustomerAgreement',
  method: 'POST',
  route: 'customer/agreements',
  summary:
    'Accept the current Customer Agreement for the caller\'s tenant ("I have read the agreement"): 201 when recorded, 200 when it already was.',
  tag: 'customer',
  auth: 'signedIn',
  body: z
    .object({
      acceptAgreement: z.literal(true, { error: 'must be true: tick "I have read the agreement"' }),
    })
    .strict()
    .meta({ id: 'AgreementAcceptanceRequest' }),
  idempotent: true,
  responses: {
    201: { description: 'Accepted now', schema: customerAgreementSchema, headers: ['location'] },
    200: { description: 'Already accepted: the existing acceptance', schema: customerAgreementSchema },
  },
} as const satisfies EndpointContract;
