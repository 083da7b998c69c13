// Sends one email per job through ACS, at most once: a deterministic operationId (ACS dedupes retries of the same
// operation) plus a sent-ledger (a redelivered job that already went out is not sent again).
import type { EmailClient, EmailMessage } from '@azure/communication-email';
import type { TokenCredential } from '@azure/identity';
import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { isConflict, readItem } from '../persistence/cosmos.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type SendOutcome = 'sent' | 'already-sent';

export interface EmailSender {
  /** Sends `email` for `jobId` unless that job's email already went out. */
  send(jobId: string, email: OutgoingEmail): Promise<SendOutcome>;
}

/** ACS answered 429 (after the SDK's own Retry-After-honouring retries): try again no sooner than this. */
export class EmailThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`email service throttled; retry after ${retryAfterSeconds}s`);
  }
}

/** Builds the client; the SDK is imported here, on first use, not when the functions are registered (cold start). */
export async function createEmailClient(settings: {
  connectionString?: string;
  endpoint?: string;
  credential?: TokenCredential;
  allowInsecureConnection: boolean;
}): Promise<EmailClient> {
  const { EmailClient } = await import('@azure/communication-email');
  // Two in-process retries keep short throttles cheap; longer ones go back to the queue with a delay.
  const options = {
    allowInsecureConnection: settings.allowInsecureConnection,
    retryOptions: { maxRetries: 2, maxRetryDelayInMs: 5000 },
  };
  if (settings.connectionString) return new EmailClient(settings.connectionString, options);
  if (!settings.endpoint || !settings.credential) throw new Error('ACS endpoint and credential are required');
  return new EmailClient(settings.endpoint, settings.credential, options);
}

/** ACS wants a UUID operation id; derive one from the job id so every retry reuses it. */
export function operationIdForJob(jobId: string): string {
  const h = createHash('sha256').update(`email-job:${jobId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

interface LedgerDoc {
  id: string;
  operationId: string;
  sentAt: string;
}

export class AcsEmailSender implements EmailSender {
  private client?: Promise<EmailClient>;
  /** `connect` builds the ACS client once, on the first email: only the email worker ever loads the SDK. */
  constructor(
    private readonly connect: () => Promise<EmailClient>,
    private readonly ledger: Container,
    private readonly senderAddress: string,
    private readonly clock: Clock,
  ) {}

  async send(jobId: string, email: OutgoingEmail): Promise<SendOutcome> {
    if (await readItem<LedgerDoc>(this.ledger, jobId, jobId)) return 'already-sent';
    const operationId = operationIdForJob(jobId);
    const message: EmailMessage = {
      senderAddress: this.senderAddress,
      recipients: { to: [{ address: email.to }] },
      content: { subject: email.subject, html: email.html, plainText: email.text },
    };
    try {
      this.client ??= this.connect().catch((error: unknown) => {
        this.client = undefined;
        throw error;
      });
      const client = await this.client;
      const poller = await client.beginSend(message, { operationId, updateIntervalInMs: 250 });
      const result = await poller.pollUntilDone();
      if (result.status !== 'Succeeded') throw new Error(`email operation ended ${result.status}`);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 429) throw new EmailThrottledError(retryAfterOf(error));
      throw error;
    }
    try {
      await this.ledger.items.create<LedgerDoc>({ id: jobId, operationId, sentAt: this.clock.now().toISOString() });
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    return 'sent';
  }
}

function retryAfterOf(error: unknown): number {
  const headers = (error as { response?: { headers?: { get?(name: string): string | undefined } } }).response?.headers;
  const raw = headers?.get?.('retry-after');
  const seconds = raw === undefined ? NaN : Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(Math.ceil(seconds), 3600);
  const date = raw ? Date.parse(raw) : NaN;
  return Number.isFinite(date) ? Math.max(1, Math.ceil((date - Date.now()) / 1000)) : 60;
}
