// The local host writes a handler's plain HttpResponseInit straight to the socket (writePlainResponse): the client must
// see exactly what the library's own HttpResponse would have sent — status, headers and bytes.
import azureFunctions, { type HttpResponseInit } from '@azure/functions';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { writePlainResponse } from '../../../scripts/local-host/local-host.js';

// The package is CommonJS: its classes come through the default export under ESM.
const { HttpResponse } = azureFunctions;

async function serve(write: (res: http.ServerResponse) => Promise<void> | void) {
  const server = http.createServer((_req, res) => void write(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    const headers = Object.fromEntries(
      [...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
    );
    return { status: response.status, headers, body: await response.text() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const viaLibrary = (init: HttpResponseInit) =>
  serve(async (res) => {
    const response = new HttpResponse(init);
    const payload = Buffer.from(await response.arrayBuffer());
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.writeHead(response.status ?? 200).end(payload);
  });

describe('the local host writing a plain HttpResponseInit', () => {
  const cases: [string, HttpResponseInit][] = [
    [
      'JSON with an ETag',
      { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', etag: '"1"' }, body: '{"a":"é"}' },
    ],
    ['a string without a content type', { status: 201, headers: { Location: '/x' }, body: 'plain ü' }],
    ['no body', { status: 204, headers: { vary: 'Origin' } }],
    ['no status', { body: '' }],
  ];
  it.each(cases)('%s: the same status, headers and bytes as the library', async (_name, init) => {
    const direct = await serve((res) => {
      expect(writePlainResponse(init, res)).toBe(true);
    });
    expect(direct).toEqual(await viaLibrary(init));
  });

  it('leaves anything else to the library (HttpResponse, jsonBody, cookies, a Headers object)', () => {
    const res = new http.ServerResponse(new http.IncomingMessage(new net.Socket()));
    for (const result of [
      new HttpResponse({ body: 'x' }),
      { jsonBody: { a: 1 } },
      { body: 'x', cookies: [{ name: 'a', value: 'b' }] },
      { body: 'x', headers: new Headers({ a: 'b' }) },
      { body: new Uint8Array([1]) },
    ]) {
      expect(writePlainResponse(result, res)).toBe(false);
    }
    expect(res.headersSent).toBe(false);
  });
});
