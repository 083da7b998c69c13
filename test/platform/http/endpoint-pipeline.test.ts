// The HTTP pipeline called directly through a handler factory (no host): unexpected errors become a bare 500
// problem that leaks nothing, and the log line carries the correlation id but no personal data.
import azureFunctions from '@azure/functions';
import { z } from 'zod';
import { httpEndpoint, ok, type EndpointContract } from '../../../shared/platform/http/endpoint.js';
import type { IdempotencyStore } from '../../../shared/platform/http/idempotency.js';
import type { TokenVerifier } from '../../../shared/platform/auth/token-verifier.js';

const { HttpRequest, InvocationContext } = azureFunctions;

const contract = {
  name: 'probe',
  method: 'POST',
  route: 'probe',
  summary: 'test',
  tag: 'test',
  auth: 'public',
  body: z.object({ email: z.email() }),
  responses: { 200: { description: 'ok' } },
} as const satisfies EndpointContract;

const unused = (): never => {
  throw new Error('not used by public endpoints');
};
const deps = {
  tokenVerifier: unused as () => Promise<TokenVerifier>,
  idempotencyStore: unused as () => Promise<IdempotencyStore>,
};

function invoke(handler: ReturnType<typeof httpEndpoint>, body: string) {
  const logs: string[] = [];
  const context = new InvocationContext({
    invocationId: 'inv-123456789',
    functionName: 'probe',
    logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')),
  });
  const request = new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/probe',
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-abcdef-123' },
    body: { string: body },
  });
  return { logs, response: handler(request, context) };
}

describe('httpEndpoint', () => {
  it('maps an unexpected error to a generic 500 problem without its message, and logs it without personal data', async () => {
    const handler = httpEndpoint(contract, deps, async ({ body }) => {
      throw new Error(`database password hunter2 while saving ${body.email}`);
    });
    const { logs, response } = invoke(handler, JSON.stringify({ email: 'ana@example.org' }));
    const result = await response;
    expect(result.status).toBe(500);
    const problem = JSON.parse(result.body as string) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 500, code: 'internal-error', instance: 'inv-123456789' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(JSON.stringify(problem)).not.toContain('ana@example.org');
    expect((result.headers as Record<string, string>)['x-correlation-id']).toBe('corr-abcdef-123');
    const errorLine = logs.find((l) => l.includes('unhandled error'));
    expect(errorLine).toContain('[cid=corr-abcdef-123]');
    expect(logs.join('\n')).not.toContain('ana@example.org');
  });

  it('hands the parsed body to the runner and maps its result', async () => {
    const handler = httpEndpoint(contract, deps, async ({ body }) => ok({ domain: body.email.split('@')[1] }, 'etag-1'));
    const result = await invoke(handler, JSON.stringify({ email: 'ana@example.org' })).response;
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual({ domain: 'example.org' });
    expect((result.headers as Record<string, string>).etag).toBe('"etag-1"');
  });
});
