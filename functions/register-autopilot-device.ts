// POST /api/partner/customers/{customerTenantId}/autopilot-devices — an OEM partner registers a device (201).
import { register } from '../shared/platform/functions-registry.js';
import { registerAutopilotDevice as contract } from '../shared/features/devices/device-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { registerDevice } from '../shared/features/devices/device-use-cases.js';
import { created, httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';

export const makeRegisterAutopilotDeviceHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async ({ principal, params, body, correlationId }) => {
    const { value, etag } = await registerDevice(await deps(), principal, params.customerTenantId, body, { correlationId });
    return created(value, etag);
  });

register.http(contract.name, httpTrigger(contract, makeRegisterAutopilotDeviceHandler(dependencies)));
