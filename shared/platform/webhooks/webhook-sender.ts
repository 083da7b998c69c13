// Sends one signed webhook request, as the Standard Webhooks specification words it: a JSON POST with `webhook-id`
// (the message id, the same on every retry, which receivers dedupe on), `webhook-timestamp` (this attempt's time, in
// Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the `whsec_`
// secret). The signature is the `standardwebhooks` library's — the reference implementation receivers verify with —
// so no hand-made encoding detail (base64 of the key, the signed string, the version prefix) can drift from theirs.
//
// The secret is never logged or put in an error message. Redirects are not followed (the answer is the verdict: a 3xx
// is a failure), and each attempt is bounded by a short timeout, so a slow receiver holds a worker for seconds at most.
import { randomBytes } from 'node:crypto';
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

export class FetchWebhookSender implements WebhookSender {
  constructor(private readonly timeoutMs: number) {}

  async send(request: WebhookRequest): Promise<WebhookAttemptOutcome> {
    const headers = await signedHeaders(request);
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'partner-relationships-webhooks/1' },
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The body is not used; reading it (or cancelling it) frees the connection.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') return { error: `no answer within ${this.timeoutMs} ms` };
      // fetch's TypeError carries the network cause (ECONNREFUSED, ENOTFOUND, …); never the request, so no secret.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
      return { error: cause ?? (error instanceof Error ? error.message : 'request failed') };
    }
  }
}
