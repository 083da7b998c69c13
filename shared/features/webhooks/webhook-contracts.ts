// Contracts of a partner's webhook (one per partner).
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { webhookInputSchema, webhookSchema, webhookWithSecretSchema } from './webhook.js';

export const putPartnerWebhook = {
  name: 'putPartnerWebhook',
  method: 'PUT',
  route: 'partner/webhook',
  summary:
    'Create (201, with the signing secret — shown this once) or change (200) your webhook; rotateSecret: true issues a new secret. Saving a disabled webhook enables it again.',
  tag: 'partner',
  auth: 'signedIn',
  body: webhookInputSchema,
  conditional: true,
  responses: {
    200: { description: 'Updated (the secret only when rotated)', schema: webhookWithSecretSchema, headers: ['etag'] },
    201: { description: 'Created, with its signing secret', schema: webhookWithSecretSchema, headers: ['etag', 'location'] },
  },
  examples: {
    webhook: {
      summary: 'Invitation answers and GDAP expiry to a partner system',
      value: {
        url: 'https://hooks.fabrikam.example.com/partner-relationships',
        events: ['invitation.accepted', 'invitation.declined', 'grant.expiring', 'grant.expired'],
      },
    },
  },
} as const satisfies EndpointContract;

export const getPartnerWebhook = {
  name: 'getPartnerWebhook',
  method: 'GET',
  route: 'partner/webhook',
  summary: 'Your webhook: URL, events, enabled or disabled, failures in a row, the last delivery (never the secret).',
  tag: 'partner',
  auth: 'signedIn',
  responses: { 200: { description: 'The webhook', schema: webhookSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const deletePartnerWebhook = {
  name: 'deletePartnerWebhook',
  method: 'DELETE',
  route: 'partner/webhook',
  summary: 'Remove your webhook: nothing more is delivered, retries included.',
  tag: 'partner',
  auth: 'signedIn',
  conditional: true,
  responses: { 204: { description: 'Removed' } },
} as const satisfies EndpointContract;
