// Every HTTP endpoint contract, for the OpenAPI document (functions register their own contract).
import type { EndpointContract } from '../http/endpoint.js';
import * as agreements from './agreement-contracts.js';
import * as audit from './audit-contracts.js';
import * as billingAccess from './billing-access-contracts.js';
import * as devices from './device-contracts.js';
import * as directory from './directory-contracts.js';
import * as invitations from './invitation-contracts.js';
import * as leads from './lead-contracts.js';
import * as lifecycle from './lifecycle-contracts.js';
import * as meta from './meta-contracts.js';
import * as orders from './order-contracts.js';
import * as relationships from './relationship-contracts.js';

const isContract = (value: unknown): value is EndpointContract =>
  typeof value === 'object' && value !== null && 'route' in value && 'method' in value && 'responses' in value;

export const allContracts: readonly EndpointContract[] = [
  meta,
  directory,
  leads,
  invitations,
  relationships,
  lifecycle,
  audit,
  agreements,
  orders,
  billingAccess,
  devices,
].flatMap((module) => (Object.values(module) as unknown[]).filter(isContract));
