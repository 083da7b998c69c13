// The only way the portal calls the API: openapi-fetch over the types openapi-typescript generated from the API's
// OpenAPI document (./generated, written by the build). Paths, parameters, bodies and answers are all checked
// against the document at compile time; nothing here describes a request by hand.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/api';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** An API answer that is not a success: the problem+json body, with the status and Retry-After. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Field errors of a 400, keyed by the field's path in the body (`contact.email`). */
  get fieldErrors(): Record<string, string[]> {
    return this.problem.errors ?? {};
  }
}

/** The browser could not reach the API (network down, or CORS refused the answer). */
export class ApiUnreachable extends Error {}

export interface ClientContext {
  baseUrl: string;
  /** The bearer token of the signed-in user, if any. */
  token(): string | undefined;
  /** The page's language, sent as Accept-Language. */
  language(): string;
  /** Called on 401: the token expired or was refused. */
  onUnauthorized(): void;
}

export function createApiClient(context: ClientContext): ApiClient {
  const client = createClient<paths>({ baseUrl: context.baseUrl });
  const middleware: Middleware = {
    onRequest({ request }) {
      const token = context.token();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      request.headers.set('Accept-Language', context.language());
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) context.onUnauthorized();
      return response;
    },
    onError({ error }) {
      return new ApiUnreachable(error instanceof Error ? error.message : String(error));
    },
  };
  client.use(middleware);
  return client;
}

/** What openapi-fetch answers: the typed body on success, the typed error body otherwise. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer, or an ApiProblem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return { data, response };
  if (response.ok && response.status === 204) return { data: undefined as T, response };
  const retryAfter = Number(response.headers.get('Retry-After'));
  const problem = typeof error === 'object' && error !== null ? (error as Partial<Problem>) : {};
  throw new ApiProblem(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

/** The body only. */
export const body = async <T>(call: Promise<FetchResult<T>>): Promise<T> => (await unwrap(call)).data;

/**
 * A fresh Idempotency-Key for each different body, and the same key when the same body is sent again (the user
 * retries after a network error): the API then answers the first attempt's result instead of acting twice.
 */
export function idempotencyKeys(): (body: unknown) => string {
  let last: { json: string; key: string } | undefined;
  return (body) => {
    const json = JSON.stringify(body);
    if (last?.json !== json) last = { json, key: crypto.randomUUID() };
    return last.key;
  };
}
