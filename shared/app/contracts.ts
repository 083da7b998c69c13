// Every HTTP endpoint contract, for the OpenAPI document (functions register their own contract).
import type { EndpointContract } from '../platform/http/endpoint.js';
import * as agreements from '../features/agreements/agreement-contracts.js';
import * as audit from '../features/audit/audit-contracts.js';
import * as billingAccess from '../features/admin-center-access/admin-center-access-contracts.js';
import * as devices from '../features/devices/device-contracts.js';
import * as directory from '../features/directory/directory-contracts.js';
import * as invitations from '../features/invitations/invitation-contracts.js';
import * as leads from '../features/leads/lead-contracts.js';
import * as lifecycle from '../features/relationships/lifecycle-contracts.js';
import * as access from '../features/relationships/access-contracts.js';
import * as meta from './service-contracts.js';
import * as orders from '../features/orders/order-contracts.js';
import * as operations from '../features/operations/operation-contracts.js';
import * as roleTemplates from '../features/invitations/role-template-contracts.js';
import * as relationships from '../features/relationships/relationship-contracts.js';
import * as webhooks from '../features/webhooks/webhook-contracts.js';

const isContract = (value: unknown): value is EndpointContract =>
  typeof value === 'object' && value !== null && 'route' in value && 'method' in value && 'responses' in value;

export const allContracts: readonly EndpointContract[] = [
  meta,
  directory,
  leads,
  invitations,
  relationships,
  lifecycle,
  access,
  audit,
  agreements,
  orders,
  billingAccess,
  devices,
  roleTemplates,
  operations,
  webhooks,
].flatMap((module) =>
  // By export name, as an ES module namespace lists them: the same order whichever loader read the module (Node, or
  // the Vite module runner that builds the portal's client), so the document's bytes do not depend on it.
  Object.entries(module)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, value]) => value as unknown)
    .filter(isContract),
);
