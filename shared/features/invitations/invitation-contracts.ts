// Contracts of invitations: the partner's side and the customer admin's review/accept/decline.
import { z } from 'zod';
import { wellKnownRoles } from '../catalog/roles.js';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { invitationInputSchema, invitationStatuses } from './invitation.js';
import { customerInvitationSchema, partnerInvitationSchema } from './invitation-views.js';
import { customerRelationshipSchema } from '../relationships/relationship.js';
import { pageQuery, resourceId, safeText } from '../../platform/http/common-schemas.js';

/** Any string: a malformed code must answer 404 like a wrong one, not 400, so it reveals nothing. */
const codeSchema = z.string().min(1).max(500).describe('The code from the accept link');

const invitationParams = z.object({ invitationId: resourceId });

export const createInvitation = {
  name: 'createInvitation',
  method: 'POST',
  route: 'partner/invitations',
  summary: 'Invite a customer to a relationship; the email goes out from a queue (202).',
  tag: 'partner',
  auth: 'signedIn',
  throttled: true,
  body: invitationInputSchema,
  idempotent: true,
  responses: {
    202: {
      description: 'Stored; the email is queued (Location: the invitation, where its email status shows)',
      schema: partnerInvitationSchema,
      headers: ['etag', 'location'],
    },
  },
  examples: {
    gdap: {
      summary: 'GDAP: Helpdesk and User Administrator for 730 days, extended automatically',
      value: {
        customerEmail: 'admin@contoso.example.com',
        partnerType: 'gdap',
        roles: [wellKnownRoles.helpdeskAdministrator, wellKnownRoles.userAdministrator],
        durationDays: 730,
        autoExtend: true,
        message: 'As discussed, this lets our helpdesk reset passwords for your team.',
        locale: 'fr',
        customerDisplayName: 'Contoso (Paris)',
        displayName: 'contoso-paris-helpdesk',
      },
    },
    reseller: {
      summary: 'Reseller for a named customer tenant (no roles)',
      value: {
        customerEmail: 'admin@contoso.example.com',
        customerTenantId: '4a1d2c3b-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        partnerType: 'reseller',
      },
    },
  },
} as const satisfies EndpointContract;

export const listInvitations = {
  name: 'listInvitations',
  method: 'GET',
  route: 'partner/invitations',
  summary: "The calling partner's invitations, newest first.",
  tag: 'partner',
  auth: 'signedIn',
  query: pageQuery.extend({ status: z.enum(invitationStatuses).optional() }),
  responses: { 200: { description: 'A page of invitations', schema: pageSchema(partnerInvitationSchema) } },
} as const satisfies EndpointContract;

export const getInvitation = {
  name: 'getInvitation',
  method: 'GET',
  route: 'partner/invitations/{invitationId}',
  summary: 'One invitation of the calling partner, with its status and email status.',
  tag: 'partner',
  auth: 'signedIn',
  params: invitationParams,
  responses: { 200: { description: 'The invitation', schema: partnerInvitationSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const resendInvitation = {
  name: 'resendInvitation',
  method: 'POST',
  route: 'partner/invitations/{invitationId}/resend',
  summary: 'Send a pending invitation again with a new code; the old link stops working (202).',
  tag: 'partner',
  auth: 'signedIn',
  throttled: true,
  params: invitationParams,
  conditional: true,
  responses: { 202: { description: 'A new email is queued', schema: partnerInvitationSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const revokeInvitation = {
  name: 'revokeInvitation',
  method: 'POST',
  route: 'partner/invitations/{invitationId}/revoke',
  summary: 'Withdraw a pending invitation; its link stops working.',
  tag: 'partner',
  auth: 'signedIn',
  params: invitationParams,
  conditional: true,
  responses: { 200: { description: 'The revoked invitation', schema: partnerInvitationSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const reviewInvitation = {
  name: 'reviewInvitation',
  method: 'GET',
  route: 'customer/invitations/{invitationId}',
  summary: 'What the accept page shows: partner, type, roles, duration, the Customer Agreement and whether it is accepted.',
  tag: 'customer',
  auth: 'signedIn',
  params: invitationParams,
  query: z.object({ code: codeSchema }),
  responses: { 200: { description: 'The invitation', schema: customerInvitationSchema } },
} as const satisfies EndpointContract;

export const acceptInvitation = {
  name: 'acceptInvitation',
  method: 'POST',
  route: 'customer/invitations/{invitationId}/accept',
  summary:
    'Accept: records the Customer Agreement (acceptAgreement: true unless already accepted), creates or extends the relationship, grants the roles.',
  tag: 'customer',
  auth: 'signedIn',
  params: invitationParams,
  body: z
    .object({
      code: codeSchema,
      acceptAgreement: z
        .boolean()
        .optional()
        .describe('"I have read the agreement"; required unless the tenant accepted the current version'),
      organizationName: safeText(200)
        .optional()
        .describe("Your organization's name: the partner sees it instead of your bare tenant id"),
    })
    .strict()
    .meta({ id: 'InvitationAcceptance' }),
  idempotent: true,
  responses: { 200: { description: 'The resulting relationship', schema: customerRelationshipSchema, headers: ['etag'] } },
  examples: {
    accept: {
      summary: 'Accept, ticking "I have read the agreement"',
      value: { code: 'the-code-from-the-accept-link', acceptAgreement: true, organizationName: 'Contoso Ltd' },
    },
  },
} as const satisfies EndpointContract;

export const declineInvitation = {
  name: 'declineInvitation',
  method: 'POST',
  route: 'customer/invitations/{invitationId}/decline',
  summary: 'Decline (the way to refuse admin roles); the partner is notified.',
  tag: 'customer',
  auth: 'signedIn',
  params: invitationParams,
  body: z.object({ code: codeSchema }).strict().meta({ id: 'InvitationDecline' }),
  responses: { 200: { description: 'The declined invitation', schema: customerInvitationSchema } },
} as const satisfies EndpointContract;
