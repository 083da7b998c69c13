// Stores Autopilot devices in `autopilot-devices`, one item per hardware hash (id = deviceIdFor(hash), partitioned by
// id): creating an id that exists is a conflict, which is how a duplicate hash is refused, race-free and globally. A
// customer's devices are listed from its copy of them (device-views.ts), not by a query across every device.
import type { Container } from '@azure/cosmos';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { isConflict } from '../../platform/persistence/cosmos.js';
import type { AutopilotDevice } from './autopilot-device.js';

interface DeviceDoc extends AutopilotDevice {
  type: 'autopilotDevice';
}

/** The Autopilot devices port (the Cosmos adapter below). */
export interface DeviceRepository {
  /** 'exists' when a device with this hash is already registered (for any customer, by any partner). */
  create(device: AutopilotDevice): Promise<Versioned<AutopilotDevice> | 'exists'>;
}

export class CosmosDeviceRepository implements DeviceRepository {
  constructor(private readonly container: Container) {}

  /** 'exists' when a device with this hash is already registered (for any customer, by any partner). */
  async create(device: AutopilotDevice): Promise<Versioned<AutopilotDevice> | 'exists'> {
    try {
      const { resource } = await this.container.items.create<DeviceDoc>({ ...device, type: 'autopilotDevice' });
      return { value: device, etag: resource!._etag };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }
}
