// Contracts of the audit trail: each side reads its own tenant's events, newest first.
import { auditEventSchema } from '../../platform/audit/audit-log.js';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { pageQuery } from '../../platform/http/common-schemas.js';

export const listCustomerAuditEvents = {
  name: 'listCustomerAuditEvents',
  method: 'GET',
  route: 'customer/audit-events',
  summary: "The calling customer tenant's audit events (who did what, when, to what, with which outcome), newest first.",
  tag: 'customer',
  auth: 'signedIn',
  query: pageQuery,
  responses: { 200: { description: 'A page of audit events', schema: pageSchema(auditEventSchema) } },
} as const satisfies EndpointContract;

export const listPartnerAuditEvents = {
  name: 'listPartnerAuditEvents',
  method: 'GET',
  route: 'partner/audit-events',
  summary: "The calling partner tenant's audit events, newest first.",
  tag: 'partner',
  auth: 'signedIn',
  query: pageQuery,
  responses: { 200: { description: 'A page of audit events', schema: pageSchema(auditEventSchema) } },
} as const satisfies EndpointContract;
