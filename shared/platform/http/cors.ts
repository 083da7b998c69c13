// CORS answered by the app itself, so a browser page on another origin (the portal) can call the API, send
// Authorization / If-Match / Idempotency-Key, and read ETag from the answer. The hosts' own CORS features cannot
// expose response headers, so the app owns the policy; README "Calling the API from a browser" says where each
// host stands. The allowed origins come from APP_CORS_ALLOWED_ORIGINS (shared/platform/config.ts).
import type { HttpResponseInit } from '@azure/functions';
import { loadConfig } from '../config.js';
import { problemTypeUri } from './problem.js';

export const CORS_ALLOWED_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const CORS_ALLOWED_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'Idempotency-Key',
  'x-correlation-id',
];
/**
 * What a page may read from a response besides the CORS-safelisted headers: the ETag to send back as If-Match, where
 * a created resource lives, how long to wait after 429, the id to quote, and whether an Idempotency-Key answer is a
 * replay.
 */
export const CORS_EXPOSED_HEADERS: readonly string[] = [
  'ETag',
  'Location',
  'Retry-After',
  'x-correlation-id',
  'Idempotent-Replayed',
];
/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** `scheme://host[:port]` as a browser sends it in `Origin`. */
const ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * The origins allowed to call the API from a browser: exact origins (`https://portal.contoso.com`) or a host on any
 * port (`http://localhost:*`), as config.ts has validated and normalised them (lower case, no trailing slash).
 */
export class OriginAllowList {
  private readonly exact = new Set<string>();
  private readonly anyPort = new Set<string>();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      if (entry.endsWith(':*')) this.anyPort.add(entry.slice(0, -2));
      else this.exact.add(entry);
    }
  }

  allows(origin: string | null | undefined): origin is string {
    if (!origin) return false;
    const normalised = origin.toLowerCase();
    const parsed = ORIGIN.exec(normalised);
    if (!parsed) return false;
    return this.exact.has(normalised) || this.anyPort.has(`${parsed[1]}://${parsed[2]}`);
  }
}

let configured: OriginAllowList | undefined;

/** The allow-list of the app settings, built once. */
export function configuredOrigins(): OriginAllowList {
  configured ??= new OriginAllowList(loadConfig().APP_CORS_ALLOWED_ORIGINS);
  return configured;
}

/**
 * CORS headers for an actual (non-preflight) response. `Vary: Origin` goes on every response, so a cache never
 * hands one origin's answer to another; an origin that is not allowed gets no other CORS header.
 */
export function corsResponseHeaders(origin: string | null, allowList: () => OriginAllowList): Record<string, string> {
  // The allow-list (and with it the app settings) is only read when a browser sends an Origin.
  if (!origin || !allowList().allows(origin)) return { vary: 'Origin' };
  return {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
  };
}

/** The answer to `OPTIONS` on any API path: a CORS preflight, or a plain OPTIONS asking what the API allows. */
export function preflightResponse(
  headers: { get(name: string): string | null },
  allowList: () => OriginAllowList,
  instance: string,
): HttpResponseInit {
  const vary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
  const origin = headers.get('origin');
  const requestedMethod = headers.get('access-control-request-method');
  if (!origin || !requestedMethod) {
    return { status: 204, headers: { allow: [...CORS_ALLOWED_METHODS, 'OPTIONS'].join(', '), vary } };
  }
  if (!allowList().allows(origin)) {
    // No CORS header, so the browser blocks the call; the body tells whoever looks at the network panel why.
    const code = 'origin-not-allowed';
    return {
      status: 403,
      headers: { 'content-type': 'application/problem+json', vary },
      body: JSON.stringify({
        type: problemTypeUri(code),
        title: 'Forbidden',
        status: 403,
        detail: 'This origin may not call the API from a browser. Allowed origins are set in APP_CORS_ALLOWED_ORIGINS.',
        code,
        instance,
      }),
    };
  }
  // The fixed lists are answered whatever was asked: the browser itself refuses a method or header not listed.
  return {
    status: 204,
    headers: {
      vary,
      'access-control-allow-origin': origin,
      'access-control-allow-methods': CORS_ALLOWED_METHODS.join(', '),
      'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    },
  };
}
