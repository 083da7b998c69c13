// GET /api/customer/autopilot-devices — the Autopilot devices registered for the caller's tenant.
import { register } from '../shared/platform/functions-registry.js';
import { listCustomerAutopilotDevices as contract } from '../shared/features/devices/device-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { listCustomerDevices } from '../shared/features/devices/device-use-cases.js';
import { httpEndpoint, httpTrigger, ok } from '../shared/platform/http/endpoint.js';

export const makeListCustomerAutopilotDevicesHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, query }) =>
    ok(await listCustomerDevices(await deps(), principal, query)),
  );

register.http(contract.name, httpTrigger(contract, makeListCustomerAutopilotDevicesHandler(dependencies)));
