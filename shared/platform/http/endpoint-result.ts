// What a handler answers, before the pipeline turns it into an HTTP response (and what an idempotency record replays).
export interface EndpointResult {
  status: number;
  body?: unknown;
  etag?: string;
  location?: string;
  headers?: Record<string, string>;
}
