// GET /api/health — liveness and dependency checks.
import { register } from '../shared/platform/functions-registry.js';
import { health as contract } from '../shared/app/service-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { checkHealth } from '../shared/platform/health.js';
import { httpEndpoint, httpTrigger } from '../shared/platform/http/endpoint.js';

export const makeHealthHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async () => {
    const report = await checkHealth(await deps());
    return { status: report.status === 'ok' ? 200 : 503, body: report, headers: { 'cache-control': 'no-store' } };
  });

register.http(contract.name, httpTrigger(contract, makeHealthHandler(dependencies)));
