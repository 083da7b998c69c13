// The customer's copy of its Autopilot devices, in its own partition of `customer-views`, kept by the change feed of
// `autopilot-devices` (functions/project-device-views.ts), where each device is in a partition of its own (a hash
// registers once, globally): the customer's list reads one partition instead of every device of every tenant.
import type { Container } from '@azure/cosmos';
import {
  sourceVersionOf,
  writeIfNewer,
  type ChangeProjectorRegistry,
  type ViewItem,
} from '../../platform/persistence/change-feed.js';
import { queryPage, withoutSystemFields } from '../../platform/persistence/cosmos.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import type { AutopilotDevice } from './autopilot-device.js';

interface DeviceViewDoc extends ViewItem {
  type: 'autopilotDevice';
  customerTenantId: string;
  registeredAt: string;
  device: AutopilotDevice;
}

/** The customer's copy of its devices (port; the Cosmos adapter below). */
export interface DeviceViewRepository {
  /** The devices registered for a customer tenant, newest first. */
  listForCustomer(customerTenantId: string, page: PageRequest): Promise<Page<AutopilotDevice>>;
}

export class CosmosDeviceViewRepository implements DeviceViewRepository {
  constructor(private readonly container: Container) {}

  async listForCustomer(customerTenantId: string, page: PageRequest): Promise<Page<AutopilotDevice>> {
    return queryPage<DeviceViewDoc, AutopilotDevice>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.customerTenantId = @t AND c.type = 'autopilotDevice' ORDER BY c.registeredAt DESC",
        parameters: [{ name: '@t', value: customerTenantId }],
      },
      page,
      (doc) => withoutSystemFields(doc).device,
      customerTenantId,
    );
  }

  /** The projector of device items: each device copied into its customer's partition. */
  projectors(): ChangeProjectorRegistry {
    return {
      autopilotDevice: async (item) => {
        const { type, ...device } = withoutSystemFields(item) as unknown as AutopilotDevice & { type: string };
        void type;
        const view: DeviceViewDoc = {
          id: device.id,
          type: 'autopilotDevice',
          customerTenantId: device.customerTenantId,
          registeredAt: device.registeredAt,
          sourceVersion: sourceVersionOf(item),
          device,
        };
        await writeIfNewer(this.container, device.customerTenantId, view);
      },
    };
  }
}
