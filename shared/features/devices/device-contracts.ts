// Contracts of Windows Autopilot devices: an OEM partner registers device hashes for a customer (no admin
// role needed, only the OEM relationship); the customer admin lists the devices registered for its tenant.
import { z } from 'zod';
import { autopilotDeviceSchema, deviceInputSchema } from './autopilot-device.js';
import type { EndpointContract } from '../../platform/http/endpoint.js';
import { pageSchema } from '../../platform/http/paging.js';
import { pageQuery, tenantIdSchema } from '../../platform/http/common-schemas.js';

export const registerAutopilotDevice = {
  name: 'registerAutopilotDevice',
  method: 'POST',
  route: 'partner/customers/{customerTenantId}/autopilot-devices',
  summary:
    'Register a Windows Autopilot device for a customer (OEM relationship required: 403 oem-relationship-required); a hash already registered anywhere answers 409 device-exists.',
  tag: 'partner',
  auth: 'signedIn',
  params: z.object({ customerTenantId: tenantIdSchema }),
  body: deviceInputSchema,
  idempotent: true,
  responses: { 201: { description: 'The registered device', schema: autopilotDeviceSchema, headers: ['etag'] } },
} as const satisfies EndpointContract;

export const listCustomerAutopilotDevices = {
  name: 'listCustomerAutopilotDevices',
  method: 'GET',
  route: 'customer/autopilot-devices',
  summary: "The Autopilot devices partners registered for the caller's tenant, newest first.",
  tag: 'customer',
  auth: 'signedIn',
  query: pageQuery,
  responses: { 200: { description: 'A page of devices', schema: pageSchema(autopilotDeviceSchema) } },
} as const satisfies EndpointContract;
