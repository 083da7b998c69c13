// Contracts of a partner's role templates: named invitation settings, checked by the invitation's rules.
import { z } from 'zod';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { pageQuery, resourceId } from '../../platform/http/common-schemas.js';
import { wellKnownRoles } from '../catalog/roles.js';
import { roleTemplateInputSchema, roleTemplateSchema } from './role-template.js';

const templateParams = z.object({ roleTemplateId: resourceId });

const helpdeskExample = {
  summary: 'GDAP helpdesk for a year',
  value: { name: 'Helpdesk (1 year)', partnerType: 'gdap', roles: [wellKnownRoles.helpdeskAdministrator], durationDays: 365 },
};

export const createRoleTemplate = {
  name: 'createRoleTemplate',
  method: 'POST',
  route: 'partner/role-templates',
  summary: 'Save invitation settings (type, roles, GDAP duration) under a name, checked by the invitation rules.',
  tag: 'partner',
  auth: 'signedIn',
  body: roleTemplateInputSchema,
  idempotent: true,
  responses: { 201: { description: 'The role template', schema: roleTemplateSchema, headers: ['etag', 'location'] } },
  examples: { helpdesk: helpdeskExample },
} as const satisfies EndpointContract;

export const listRoleTemplates = {
  name: 'listRoleTemplates',
  method: 'GET',
  route: 'partner/role-templates',
  summary: "The calling partner's role templates, newest first.",
  tag: 'partner',
  auth: 'signedIn',
  query: pageQuery,
  responses: { 200: { description: 'A page of role templates', schema: pageSchema(roleTemplateSchema) } },
} as const satisfies EndpointContract;

export const getRoleTemplate = {
  name: 'getRoleTemplate',
  method: 'GET',
  route: 'partner/role-templates/{roleTemplateId}',
  summary: 'One role template of the calling partner.',
  tag: 'partner',
  auth: 'signedIn',
  params: templateParams,
  responses: { 200: { description: 'The role template', schema: roleTemplateSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const replaceRoleTemplate = {
  name: 'replaceRoleTemplate',
  method: 'PUT',
  route: 'partner/role-templates/{roleTemplateId}',
  summary: 'Replace a role template (If-Match honoured); invitations already sent from it keep what they were given.',
  tag: 'partner',
  auth: 'signedIn',
  params: templateParams,
  body: roleTemplateInputSchema,
  conditional: true,
  responses: { 200: { description: 'The role template', schema: roleTemplateSchema, headers: ['etag'] } },
  examples: { helpdesk: helpdeskExample },
} as const satisfies EndpointContract;

export const deleteRoleTemplate = {
  name: 'deleteRoleTemplate',
  method: 'DELETE',
  route: 'partner/role-templates/{roleTemplateId}',
  summary: 'Delete a role template (If-Match honoured); invitations already sent from it are not changed.',
  tag: 'partner',
  auth: 'signedIn',
  params: templateParams,
  conditional: true,
  responses: { 204: { description: 'Deleted' } },
} as const satisfies EndpointContract;
