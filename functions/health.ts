// GET /api/health — liveness and dependency checks.
import { app } from '@azure/functions';
import { health as contract } from '../shared/api/meta-contracts.js';
import { dependencies, endpointDependencies, type DependencyProvider } from '../shared/composition-root.js';
import { checkHealth } from '../shared/health.js';
import { httpEndpoint, httpTrigger } from '../shared/http/endpoint.js';

export const makeHealthHandler = (deps: DependencyProvider) =>
  httpEndpoint(contract, endpointDependencies(deps), async () => {
    const report = await checkHealth(deps());
    return { status: report.status === 'ok' ? 200 : 503, body: report, headers: { 'cache-control': 'no-store' } };
  });

app.http(contract.name, httpTrigger(contract, makeHealthHandler(dependencies)));
