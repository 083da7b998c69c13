// The local webhook receiver: a URL a partner's webhook can point at on the local stack, which records what it gets,
// and answers with injected faults on demand, so tests see the service's deliveries, retries and disabling from the
// outside — the code under test is never mocked.
//
//   POST   /.dev/webhooks[?receiver=name]  a delivery: recorded, answered 204 (or the fault armed for that receiver)
//   GET    /.dev/webhooks[?receiver=name]  what was received, oldest first: [{ receiver, headers, body, rawBody,
//                                          receivedAt, status }] (`status`: what the receiver answered)
//   DELETE /.dev/webhooks                  forget them
//   POST   /.dev/webhook-faults            { receiver?, status, times?, delayMs? }: answer `status` (after `delayMs`)
//                                          to the next `times` deliveries to `receiver` (every one when absent)
//   DELETE /.dev/webhook-faults            clear them
//
// `receiver` (a query parameter of the URL the webhook is saved with) keeps tests that run at once on one stack apart:
// each arms faults for, and reads, its own.
import type http from 'node:http';

export interface ReceivedWebhook {
  receiver: string;
  headers: Record<string, string>;
  body: unknown;
  rawBody: string;
  receivedAt: string;
  status: number;
}

interface Fault {
  status: number;
  /** Deliveries left to fail; undefined: every one until cleared. */
  remaining?: number;
  delayMs: number;
}

export interface WebhookReceiver {
  received(receiver?: string): ReceivedWebhook[];
  handleDevRequest(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<boolean>;
}

export function createWebhookReceiver(): WebhookReceiver {
  const received: ReceivedWebhook[] = [];
  const faults = new Map<string, Fault>();
  const json = (res: http.ServerResponse, status: number, value: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  const list = (receiver?: string) => received.filter((r) => receiver === undefined || r.receiver === receiver);

  const takeFault = (receiver: string): Fault | undefined => {
    const fault = faults.get(receiver);
    if (!fault) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining--;
      if (fault.remaining <= 0) faults.delete(receiver);
    }
    return fault;
  };

  return {
    received: (receiver) => structuredClone(list(receiver)),
    async handleDevRequest(req, res, body) {
      const url = new URL(req.url ?? '/', 'http://local');
      const method = req.method ?? 'GET';
      const receiver = url.searchParams.get('receiver') ?? '';
      if (url.pathname === '/.dev/webhooks') {
        if (method === 'POST') {
          const rawBody = body.toString('utf8');
          let parsed: unknown = rawBody;
          try {
            parsed = JSON.parse(rawBody);
          } catch {
            // Not JSON: recorded as text, so a test sees what was sent.
          }
          const fault = takeFault(receiver);
          if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
          const status = fault?.status ?? 204;
          const headers = Object.fromEntries(
            Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
          );
          received.push({ receiver, headers, body: parsed, rawBody, receivedAt: new Date().toISOString(), status });
          if (status === 204) res.writeHead(204).end();
          else json(res, status, { detail: `Injected fault: ${status}` });
          return true;
        }
        if (method === 'GET') {
          json(res, 200, url.searchParams.has('receiver') ? list(receiver) : list());
          return true;
        }
        if (method === 'DELETE') {
          received.length = 0;
          res.writeHead(204).end();
          return true;
        }
      }
      if (url.pathname === '/.dev/webhook-faults') {
        if (method === 'POST') {
          let request: { receiver?: unknown; status?: unknown; times?: unknown; delayMs?: unknown };
          try {
            request = JSON.parse(body.toString('utf8') || '{}') as typeof request;
          } catch {
            request = {};
          }
          const status = request.status;
          if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
            json(res, 400, { detail: 'send { "receiver"?: name, "status": 100-599, "times"?: n, "delayMs"?: n }' });
            return true;
          }
          faults.set(typeof request.receiver === 'string' ? request.receiver : '', {
            status,
            ...(typeof request.times === 'number' ? { remaining: request.times } : {}),
            delayMs: typeof request.delayMs === 'number' ? request.delayMs : 0,
          });
          res.writeHead(204).end();
          return true;
        }
        if (method === 'DELETE') {
          faults.clear();
          res.writeHead(204).end();
          return true;
        }
      }
      return false;
    },
  };
}
