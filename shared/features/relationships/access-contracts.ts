// Contracts of access assignments (the partner's security groups that hold a customer's GDAP roles) and of the calling
// agent's own access. The ETag of these answers is the customer relationship's: assignments live on it.
import { z } from 'zod';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { tenantIdSchema } from '../../platform/http/common-schemas.js';
import { TENANT_ID_PATTERN } from '../../platform/core/principal.js';
import { wellKnownRoles } from '../catalog/roles.js';
import { accessAssignmentSchema, myAccessSchema } from './access-assignments.js';

/** A security group's object id: a GUID, lower-cased here as the token verifier lower-cases the `groups` claim. */
export const groupIdSchema = z
  .string()
  .regex(TENANT_ID_PATTERN, 'a group object id (GUID)')
  .toLowerCase()
  .describe('Object id (GUID) of a security group of your tenant; compared case-insensitively');

const roleIdSchema = z.string().regex(TENANT_ID_PATTERN, 'a role template id (GUID)').toLowerCase();

export const accessAssignmentInputSchema = z
  .object({
    roles: z
      .array(roleIdSchema)
      .min(1)
      .max(50)
      .refine((roles) => new Set(roles).size === roles.length, { message: 'must not name the same role twice' })
      .meta({ uniqueItems: true })
      .describe("Role template ids: GDAP roles this customer granted that are in force (see the customer's roleGrants)"),
  })
  .strict()
  .meta({ id: 'AccessAssignmentInput' });

const assignmentParams = z.object({ customerTenantId: tenantIdSchema, groupId: groupIdSchema });

export const listAccessAssignments = {
  name: 'listAccessAssignments',
  method: 'GET',
  route: 'partner/customers/{customerTenantId}/access-assignments',
  summary:
    "Your security groups that hold this customer's GDAP roles, and which roles (at most 100 groups: always one page). The ETag is the relationship's.",
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  responses: {
    200: { description: 'The access assignments', schema: pageSchema(accessAssignmentSchema), headers: ['etag'] },
  },
} as const satisfies EndpointContract;

export const putAccessAssignment = {
  name: 'putAccessAssignment',
  method: 'PUT',
  route: 'partner/customers/{customerTenantId}/access-assignments/{groupId}',
  summary:
    "Give a security group GDAP roles of this customer (a subset of those in force), or change them (If-Match: the relationship's ETag). 409 roles-not-in-force.",
  tag: 'partner',
  auth: 'signedIn',
  params: assignmentParams,
  body: accessAssignmentInputSchema,
  conditional: true,
  examples: {
    helpdesk: {
      summary: 'Helpdesk Administrator for the support desk group',
      value: { roles: [wellKnownRoles.helpdeskAdministrator] },
    },
  },
  responses: {
    200: { description: 'The assignment, changed (or as it was)', schema: accessAssignmentSchema, headers: ['etag'] },
    201: { description: 'The assignment, created', schema: accessAssignmentSchema, headers: ['etag'] },
  },
} as const satisfies EndpointContract;

export const deleteAccessAssignment = {
  name: 'deleteAccessAssignment',
  method: 'DELETE',
  route: 'partner/customers/{customerTenantId}/access-assignments/{groupId}',
  summary: "The group's members lose this customer's roles at once (If-Match: the relationship's ETag).",
  tag: 'partner',
  auth: 'signedIn',
  params: assignmentParams,
  conditional: true,
  responses: { 204: { description: 'Removed; the ETag is the relationship’s new one', headers: ['etag'] } },
} as const satisfies EndpointContract;

export const getMyAccess = {
  name: 'getMyAccess',
  method: 'GET',
  route: 'partner/customers/{customerTenantId}/my-access',
  summary:
    'The GDAP roles you (the calling agent) hold on this customer through your security groups, with names in your language.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  responses: { 200: { description: 'Your roles on this customer', schema: myAccessSchema } },
} as const satisfies EndpointContract;
