// HTTP endpoint contracts (route, method, schemas, auth) and the pipeline that runs a handler behind one.
// A contract is the single description of an endpoint: the function registers its route from it and
// the OpenAPI document is generated from it.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { type z } from 'zod';
import { PayloadTooLargeError, UnauthorizedError, UnsupportedMediaTypeError, ValidationError } from '../core/errors.js';
import { Logger } from '../core/logger.js';
import type { Principal } from '../core/principal.js';
import { negotiateLocale, type Locale } from '../i18n/locales.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { configuredOrigins, corsResponseHeaders } from './cors.js';
import type { EndpointResult } from './endpoint-result.js';
import { parseIfMatch, toEtagHeader } from './etag.js';
import { problemResponse } from './problem.js';
import { parseOrThrow } from './validation.js';
import type { IdempotencyStore } from './idempotency.js';
import { runIdempotently } from './idempotency.js';

export const MAX_BODY_BYTES = 64 * 1024;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** public: no token; optionalUser: a token is used when present; signedIn: any valid token (the use case checks roles). */
export type AuthRequirement = 'public' | 'optionalUser' | 'signedIn';

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

export interface EndpointContract<
  P extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  Q extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** The function name. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Functions route template, without the `api/` prefix: `partners/{partnerId}`. */
  readonly route: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: AuthRequirement;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Success status, body schema and the headers the handler sets on it, for the OpenAPI document. */
  readonly responses: Readonly<
    Record<number, { description: string; schema?: z.ZodType; headers?: readonly SuccessResponseHeader[] }>
  >;
  /** Creating POSTs honour the Idempotency-Key header. */
  readonly idempotent?: boolean;
  /** The body's size limit when not MAX_BODY_BYTES: bulk requests of up to 1,000 items need more. */
  readonly maxBodyBytes?: number;
  /** Whether the endpoint reads If-Match (state changes). */
  readonly conditional?: boolean;
  /** Whether the endpoint may answer 429 with Retry-After. */
  readonly throttled?: boolean;
  /** Request body examples by name, for the OpenAPI document (a test checks each one against `body`). */
  readonly examples?: Readonly<Record<string, { summary: string; value: unknown }>>;
}

/** `etag` when the handler returns the resource's ETag, `location` when it returns where the resource lives. */
export type SuccessResponseHeader = 'etag' | 'location';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointInput<C extends EndpointContract> {
  readonly params: Out<C['params']>;
  readonly query: Out<C['query']>;
  readonly body: Out<C['body']>;
  /** Present when the contract's auth is `signedIn`, or `optionalUser` with a token. */
  readonly principal: C['auth'] extends 'signedIn' ? Principal : Principal | undefined;
  readonly ifMatch: string | undefined;
  readonly logger: Logger;
  readonly correlationId: string;
  /** The caller's network address as the platform reports it, for throttling; never logged. */
  readonly clientAddress: string;
  /** The language the caller reads (`Accept-Language`; English when it names none the service speaks). */
  readonly locale: Locale;
  /**
   * With an Idempotency-Key: the same for every run of that key and body. A use case that creates something derives
   * its id from it, so a run after one that already created it (a retry after a crash) finds it instead of a duplicate.
   */
  readonly operationKey?: string;
}

export type { EndpointResult };

/** Resolved when a request needs them (async: the first one builds the clients, importing their SDKs). */
export interface EndpointDependencies {
  tokenVerifier(): Promise<TokenVerifier>;
  idempotencyStore(): Promise<IdempotencyStore>;
}

export type EndpointRunner<C extends EndpointContract> = (input: EndpointInput<C>) => Promise<EndpointResult>;

export const ok = (body: unknown, etag?: string): EndpointResult => ({ status: 200, body, etag });
export const created = (body: unknown, etag?: string, location?: string): EndpointResult => ({
  status: 201,
  body,
  etag,
  location,
});
export const accepted = (body: unknown, etag?: string): EndpointResult => ({ status: 202, body, etag });

/** The `app.http` options for a contract: its route and method are the contract's, never restated. */
export const httpTrigger = (
  contract: EndpointContract,
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
) => ({ route: contract.route, methods: [contract.method], authLevel: 'anonymous' as const, handler });

const CORRELATION_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the Functions handler for a contract: auth, parsing, idempotency, problem mapping, correlation, CORS. */
export function httpEndpoint<C extends EndpointContract>(
  contract: C,
  deps: EndpointDependencies,
  run: EndpointRunner<C>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    const supplied = request.headers.get('x-correlation-id');
    const correlationId = supplied && CORRELATION_ID.test(supplied) ? supplied : context.invocationId;
    const logger = new Logger(context, correlationId);
    let response: HttpResponseInit;
    let cors: Record<string, string> = { vary: 'Origin' };
    const locale = negotiateLocale(request.headers.get('accept-language'));
    try {
      // Errors answer with CORS headers too, so a page can read the problem (and its status) it caused.
      cors = corsResponseHeaders(request.headers.get('origin'), configuredOrigins);
      const principal = await authenticate(request, contract.auth, deps);
      const params = contract.params ? parseOrThrow(contract.params, request.params, 'route', locale) : undefined;
      const query = contract.query ? parseOrThrow(contract.query, queryObject(request), 'query', locale) : undefined;
      const rawBody = contract.body ? await readJsonBody(request, contract.maxBodyBytes ?? MAX_BODY_BYTES) : undefined;
      const body = contract.body ? parseOrThrow(contract.body, rawBody, 'body', locale) : undefined;
      const ifMatch = contract.conditional ? parseIfMatch(request.headers.get('if-match')) : undefined;
      const input = {
        params,
        query,
        body,
        principal,
        ifMatch,
        logger,
        correlationId,
        clientAddress: clientAddressOf(request),
        locale,
      } as EndpointInput<C>;

      const idempotencyKey = contract.idempotent ? request.headers.get('idempotency-key') : null;
      const result =
        idempotencyKey !== null
          ? await runIdempotently(await deps.idempotencyStore(), {
              key: idempotencyKey,
              scope: `${contract.name}|${principal?.tenantId ?? 'public'}|${principal?.userId ?? ''}|${JSON.stringify(params ?? {})}`,
              requestFingerprint: JSON.stringify(rawBody ?? null),
              run: (operationKey) => run({ ...input, operationKey }),
              logger,
            })
          : await run(input);
      response = toHttpResponse(result);
    } catch (error) {
      const { response: problem, unexpected } = problemResponse(error, context.invocationId, locale);
      if (unexpected) {
        logger.error('unhandled error', {
          function: contract.name,
          error: error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown',
        });
      }
      response = problem;
    }
    response.headers = { ...(response.headers as Record<string, string>), ...cors, 'x-correlation-id': correlationId };
    logger.info('http', { function: contract.name, status: response.status ?? 200 });
    return response;
  };
}

function toHttpResponse(result: EndpointResult): HttpResponseInit {
  const headers: Record<string, string> = { ...result.headers };
  if (result.etag) headers.etag = toEtagHeader(result.etag);
  if (result.location) headers.location = result.location;
  if (result.body === undefined) return { status: result.status, headers };
  headers['content-type'] = 'application/json; charset=utf-8';
  return { status: result.status, headers, body: JSON.stringify(result.body) };
}

async function authenticate(
  request: HttpRequest,
  requirement: AuthRequirement,
  deps: EndpointDependencies,
): Promise<Principal | undefined> {
  if (requirement === 'public') return undefined;
  const header = request.headers.get('authorization');
  if (header === null) {
    if (requirement === 'optionalUser') return undefined;
    throw new UnauthorizedError('Sign in: this endpoint needs a bearer access token.', 'token-missing');
  }
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".', 'invalid-token');
  return (await deps.tokenVerifier()).verify(match[1]);
}

function queryObject(request: HttpRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of request.query.entries()) if (!(k in out)) out[k] = v;
  return out;
}

async function readJsonBody(request: HttpRequest, limit: number): Promise<unknown> {
  const declaredLength = Number(request.headers.get('content-length') ?? '0');
  if (declaredLength > limit) throw tooLarge(limit);
  const contentType = request.headers.get('content-type');
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > limit) throw tooLarge(limit);
  if (bytes.length === 0) throw new ValidationError('A JSON request body is required.', {}, 'body-required');
  if (!contentType || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('unsupported-media-type', 'Send the body as application/json.');
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new ValidationError('The request body is not valid JSON.', {}, 'malformed-json');
  }
}

const tooLarge = (limit: number) =>
  new PayloadTooLargeError('payload-too-large', `The request body exceeds ${limit / 1024} KiB.`).withDetailArgs({
    kib: limit / 1024,
  });

function clientAddressOf(request: HttpRequest): string {
  // The platform's front end appends the address it saw to X-Forwarded-For, after whatever the client sent: only the
  // last entry is the platform's word. (Headers such as X-Azure-ClientIP are trusted only behind a Front Door that
  // sets them, which this deployment does not have, so a client could choose them: they are ignored.)
  const lastHop = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return lastHop && lastHop.length <= 64 ? lastHop.replace(/^\[|\](:\d+)?$|(?<=\d):\d+$/g, '') : 'unknown';
}
