// Sends one signed webhook request, as the Standard Webhooks specification words it: a JSON POST with `webhook-id`
// (the message id, the same on every retry, which receivers dedupe on), `webhook-timestamp` (this attempt's time, in
// Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the `whsec_`
// secret). The signature is the `standardwebhooks` library's — the reference implementation receivers verify with —
// so no hand-made encoding detail (base64 of the key, the signed string, the version prefix) can drift from theirs.
//
// The secret is never logged or put in an error message. Redirects are not followed (the answer is the verdict: a 3xx
// is a failure), and each attempt is bounded by a short timeout, so a slow receiver holds a worker for seconds at most.
import { randomBytes } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from './public-address.js';
import type { Webhook } from 'standardwebhooks';

export interface WebhookRequest {
  url: string;
  /** `whsec_<base64>` */
  secret: string;
  /** `webhook-id`: the same for every attempt at one message. */
  messageId: string;
  /** This attempt's time: `webhook-timestamp`, and part of what is signed. */
  timestamp: Date;
  /** The JSON body, exactly as signed and sent. */
  body: string;
}

/** What one attempt came to: the receiver's status, or why no answer came (timeout, connection refused, …). */
export type WebhookAttemptOutcome = { status: number } | { error: string };

export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookAttemptOutcome>;
}

/** A new signing secret in the Standard Webhooks format: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

type WebhookClass = typeof Webhook;
let webhookClass: Promise<WebhookClass> | undefined;
/** Loaded on the first delivery, not when the functions register (cold start). */
const loadWebhook = (): Promise<WebhookClass> =>
  // A CommonJS package: the bundle hands its exports over as `default`, Node as named exports too.
  (webhookClass ??= import('standardwebhooks').then(
    (m) => (m as unknown as { default?: { Webhook?: WebhookClass } }).default?.Webhook ?? m.Webhook,
  ));

/** The three Standard Webhooks headers of one attempt. */
export async function signedHeaders(request: Omit<WebhookRequest, 'url'>): Promise<Record<string, string>> {
  const Signer = await loadWebhook();
  return {
    'webhook-id': request.messageId,
    'webhook-timestamp': String(Math.floor(request.timestamp.getTime() / 1000)),
    'webhook-signature': new Signer(request.secret).sign(request.messageId, request.timestamp, request.body),
  };
}

/**
 * Sends with node:http(s), whose `lookup` hook sees the address a delivery really connects to: an address that is not
 * public (public-address.ts) ends the attempt before a byte is sent, whatever the URL's host name resolved to at
 * registration. Loopback is allowed only where the deployment says so (the local stack's receiver).
 */
export class HttpWebhookSender implements WebhookSender {
  constructor(
    private readonly timeoutMs: number,
    private readonly allowLoopback = false,
  ) {}

  async send(request: WebhookRequest): Promise<WebhookAttemptOutcome> {
    const headers = await signedHeaders(request);
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const allowLoopback = this.allowLoopback;
    // Node asks for every address (`all`, to try them in turn) or for one; each one given back must be public.
    const lookup = ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error);
        const refused = addresses.find((a) => !isPublicAddress(a.address, allowLoopback));
        if (refused || addresses.length === 0) {
          return callback(Object.assign(new Error(`refused: ${hostname} is not a public address`), { code: 'ENOTPUBLIC' }));
        }
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    }) as unknown as LookupFunction;
    return new Promise<WebhookAttemptOutcome>((resolve) => {
      const outgoing = client.request(
        url,
        {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(request.body)),
            'user-agent': 'partner-relationships-webhooks/1',
          },
          lookup,
          // Redirects are never followed: node:http does not; the status is the verdict. The whole attempt, connecting
          // and answering, is bounded.
          signal: AbortSignal.timeout(this.timeoutMs),
        },
        (response) => {
          // The body is not used; reading it frees the connection.
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
          response.on('error', () => resolve({ status: response.statusCode ?? 0 }));
        },
      );
      // Never the request in the message: it carries the signature, not the secret, but nothing of it belongs in logs.
      outgoing.on('error', (error) =>
        resolve({ error: error.name === 'AbortError' ? `no answer within ${this.timeoutMs} ms` : error.message }),
      );
      outgoing.end(request.body);
    });
  }
}
