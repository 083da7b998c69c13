// Use cases of Autopilot devices: an OEM partner registers a device for a customer — an active OEM
// relationship is the whole permission, no admin role involved — and the customer admin lists its devices.
import { actorOf, type AuditLog } from '../../platform/audit/audit-log.js';
import { assertCustomerAdmin } from '../catalog/access-rules.js';
import type { Principal } from '../../platform/core/principal.js';
import type { Clock } from '../../platform/core/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/core/errors.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import { activePartnerTypes } from '../relationships/relationship.js';
import type { RelationshipRepository } from '../relationships/relationship-repository.js';
import { deviceIdFor, toDeviceView, type AutopilotDeviceView, type DeviceInput } from './autopilot-device.js';
import type { DeviceRepository } from './device-repository.js';
import type { DeviceViewRepository } from './device-views.js';

export interface DeviceDeps {
  partners: PartnerRepository;
  relationships: RelationshipRepository;
  devices: DeviceRepository;
  deviceViews: DeviceViewRepository;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Registers a device: 404 without an active relationship (like any other tenant's customer), 403
 * `oem-relationship-required` when it has no OEM type, 409 `device-exists` when the hash is registered already —
 * the answer never says for which tenant.
 */
export async function registerDevice(
  deps: DeviceDeps,
  principal: Principal,
  customerTenantId: string,
  input: DeviceInput,
  ctx: { correlationId: string },
): Promise<Versioned<AutopilotDeviceView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const relationship = (await deps.relationships.get(partner.id, customerTenantId))?.value;
  if (!relationship || relationship.status !== 'active') throw new NotFoundError('The customer');
  if (!activePartnerTypes(relationship).includes('oem')) {
    throw new ForbiddenError(
      'oem-relationship-required',
      'Registering Autopilot devices for this customer needs an OEM relationship with it.',
    );
  }
  const created = await deps.devices.create({
    id: deviceIdFor(input.hardwareHash),
    hardwareHash: input.hardwareHash,
    customerTenantId: relationship.customerTenantId,
    partnerId: partner.id,
    partnerTenantId: partner.partnerTenantId,
    serialNumber: input.serialNumber,
    manufacturer: input.manufacturer,
    model: input.model,
    registeredAt: deps.clock.now().toISOString(),
    registeredBy: { userId: principal.userId, ...(principal.name ? { name: principal.name } : {}) },
  });
  if (created === 'exists') {
    throw new ConflictError(
      'device-exists',
      'A device with this hardware hash is already registered with Windows Autopilot; it must be deregistered first.',
    );
  }
  const device = created.value;
  await deps.audit.record({
    actor: actorOf(principal, 'partner'),
    action: 'device.registered',
    target: { type: 'autopilotDevice', id: device.id },
    correlationId: ctx.correlationId,
    details: { manufacturer: device.manufacturer, model: device.model },
    tenants: [device.partnerTenantId, device.customerTenantId],
  });
  return { value: toDeviceView(device, { id: partner.id, name: partner.name }), etag: created.etag };
}

/** The devices registered for the caller's tenant, newest first. */
export async function listCustomerDevices(
  deps: DeviceDeps,
  principal: Principal,
  page: PageRequest,
): Promise<Page<AutopilotDeviceView>> {
  assertCustomerAdmin(principal);
  // The customer's copy of its devices, in its own partition (a new device shows within a feed poll).
  const result = await deps.deviceViews.listForCustomer(principal.tenantId, page);
  const ids = [...new Set(result.items.map((d) => d.partnerId))];
  const profiles = await Promise.all(ids.map((id) => deps.partners.get(id)));
  const names = new Map(ids.map((id, i) => [id, profiles[i]?.value.name ?? id]));
  return {
    items: result.items.map((d) => toDeviceView(d, { id: d.partnerId, name: names.get(d.partnerId) ?? d.partnerId })),
    continuationToken: result.continuationToken,
  };
}
