// Contracts of bulk operations: invite or terminate up to 1,000 customers at once (202 with the operation), and read
// an operation's progress.
import { z } from 'zod';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { resourceId, tenantIdSchema } from '../../platform/http/common-schemas.js';
import { invitationInputSchema, templateOrSettings } from '../invitations/invitation.js';
import { wellKnownRoles } from '../catalog/roles.js';
import { MAX_BULK_ITEMS, operationSchema } from './operation.js';

/** The body limit of the bulk requests: 1,000 items with every optional field, with room to spare. */
const BULK_MAX_BODY_BYTES = 512 * 1024;

const invitation = invitationInputSchema.shape;

export const bulkInvitationInputSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            customerEmail: invitation.customerEmail,
            customerTenantId: invitation.customerTenantId,
            customerDisplayName: invitation.customerDisplayName,
            locale: invitation.locale,
            displayName: invitation.displayName,
          })
          .strict(),
      )
      .min(1)
      .max(MAX_BULK_ITEMS)
      .describe('The recipients, one invitation each (no address twice)'),
    roleTemplateId: invitation.roleTemplateId,
    partnerType: invitation.partnerType,
    roles: invitation.roles,
    durationDays: invitation.durationDays,
    autoExtend: invitation.autoExtend,
  })
  .strict()
  .superRefine((input, ctx) => templateOrSettings(input, ctx))
  .meta({ id: 'BulkInvitationInput' });

export type BulkInvitationInput = z.output<typeof bulkInvitationInputSchema>;

export const bulkTerminationInputSchema = z
  .object({
    customerTenantIds: z
      .array(tenantIdSchema)
      .min(1)
      .max(MAX_BULK_ITEMS)
      .meta({ uniqueItems: true })
      .describe('The customers whose relationship ends (no tenant twice)'),
  })
  .strict()
  .meta({ id: 'BulkTerminationInput' });

const accepted202 = {
  description: 'Accepted: the items are processed from a queue at the configured pace (Location: the operation)',
  schema: operationSchema,
  headers: ['location'],
} as const;

export const startBulkInvitations = {
  name: 'startBulkInvitations',
  method: 'POST',
  route: 'partner/bulk-invitations',
  summary: 'Invite up to 1,000 customers with the same settings (or role template); 202 with the operation to follow.',
  tag: 'partner',
  auth: 'signedIn',
  body: bulkInvitationInputSchema,
  idempotent: true,
  // 1,000 items with every optional field run past the usual 64 KiB.
  maxBodyBytes: BULK_MAX_BODY_BYTES,
  responses: { 202: accepted202 },
  examples: {
    gdap: {
      summary: 'GDAP Helpdesk Administrator for a year, to two customers',
      value: {
        items: [
          { customerEmail: 'admin@contoso.example.com', customerDisplayName: 'Contoso', displayName: 'contoso-helpdesk' },
          { customerEmail: 'it@fabrikam.example.com', locale: 'fr' },
        ],
        partnerType: 'gdap',
        roles: [wellKnownRoles.helpdeskAdministrator],
        durationDays: 365,
      },
    },
  },
} as const satisfies EndpointContract;

export const startBulkTerminations = {
  name: 'startBulkTerminations',
  method: 'POST',
  route: 'partner/bulk-terminations',
  summary: 'End the relationships with up to 1,000 customers; 202 with the operation to follow.',
  tag: 'partner',
  auth: 'signedIn',
  body: bulkTerminationInputSchema,
  idempotent: true,
  // 1,000 items with every optional field run past the usual 64 KiB.
  maxBodyBytes: BULK_MAX_BODY_BYTES,
  responses: { 202: accepted202 },
  examples: {
    two: {
      summary: 'Two customers',
      value: { customerTenantIds: ['4a1d2c3b-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '5b2e3d4c-6f70-4b8c-9d0e-1f2a3b4c5d6e'] },
    },
  },
} as const satisfies EndpointContract;

export const getOperation = {
  name: 'getOperation',
  method: 'GET',
  route: 'partner/operations/{operationId}',
  summary: "A bulk operation's status, counts and every item's result (the invitation id, or the problem code).",
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ operationId: resourceId }),
  responses: { 200: { description: 'The operation', schema: operationSchema } },
} as const satisfies EndpointContract;
