// Typed domain errors; each maps to one HTTP status in platform/http/problem.ts and nowhere else. `detail` is English;
// the answer carries the language file's `problem.detail.<code>` instead where one exists, filled from `detailArgs`.
import type { Locale } from '../i18n/locales.js';
import type { MessageArgs } from '../i18n/translator.js';

export type FieldErrors = Record<string, string[]>;

/** What a translated detail needs besides its code: fixed values, or values that depend on the language (names). */
export type DetailArgs = MessageArgs | ((locale: Locale) => MessageArgs);

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** When set, the answer carries Retry-After: the client should try again after this many seconds. */
  readonly retryAfterSeconds?: number;
  /** The arguments of the code's translated detail, when it has any. */
  detailArgs?: DetailArgs;
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }

  /** Gives the translated detail its arguments (chainable: `throw new ConflictError(…).withDetailArgs({…})`). */
  withDetailArgs(args: DetailArgs): this {
    this.detailArgs = args;
    return this;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly title = 'Invalid request';
  constructor(
    detail: string,
    readonly errors: FieldErrors = {},
    code = 'validation-failed',
  ) {
    super(code, detail);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = 'Unauthorized';
  constructor(detail = 'A valid access token is required.', code = 'unauthorized') {
    super(code, detail);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = 'Not found';
  /**
   * What was not found, as a language-file key suffix: "The contact request" → `contactRequest`, whose sentence
   * (`problem.notFound.contactRequest`) each language words with its own article and agreement.
   */
  readonly subject: string;
  constructor(what: string) {
    super('not-found', `${what} was not found.`);
    this.subject = what
      .replace(/^(the|your)\s+/i, '')
      .toLowerCase()
      .replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase());
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
}

export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly title = 'Precondition failed';
  constructor(detail = 'The resource changed since you read it (If-Match does not match its ETag).') {
    super('precondition-failed', detail);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly title = 'Payload too large';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly title = 'Unsupported media type';
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(
    detail: string,
    override readonly retryAfterSeconds: number,
    code = 'throttled',
  ) {
    super(code, detail);
  }
}

/** A passing condition on our side (e.g. contention that outlasted the retry policy): retry after `retryAfterSeconds`. */
export class ServiceBusyError extends AppError {
  readonly status = 503;
  readonly title = 'Service busy';
  constructor(
    code: string,
    detail: string,
    override readonly retryAfterSeconds: number,
  ) {
    super(code, detail);
  }
}
