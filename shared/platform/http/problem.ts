// The one mapping from errors to RFC 9457 problem+json responses, in the caller's language: the title by status and
// the detail by code come from the language file when it has them (stable `code`s never change); otherwise the
// error's own English text stays.
import type { HttpResponseInit } from '@azure/functions';
import { AppError, NotFoundError, ValidationError } from '../core/errors.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.js';
import { isMessageKey, translate } from '../i18n/translator.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: Record<string, string[]>;
}

export const problemTypeUri = (code: string): string => `urn:partner-relationships:problem:${code}`;

function localizedTitle(status: number, fallback: string, locale: Locale): string {
  const key = `problem.title.${status}`;
  return isMessageKey(key) ? translate(locale, key) : fallback;
}

/** The code's sentence in `locale`, or undefined when the language files have none (or it lacks its arguments). */
function localizedDetail(error: AppError, locale: Locale): string | undefined {
  const key =
    error instanceof NotFoundError
      ? [`problem.notFound.${error.subject}`, ...(locale === DEFAULT_LOCALE ? [] : ['problem.detail.not-found'])].find(
          isMessageKey,
        )
      : `problem.detail.${error.code}`;
  if (key === undefined || !isMessageKey(key)) return undefined;
  const args = typeof error.detailArgs === 'function' ? error.detailArgs(locale) : (error.detailArgs ?? {});
  try {
    return translate(locale, key, args);
  } catch {
    // A sentence that needs arguments this error did not give (thrown from a path that did not set them): its own
    // English detail says more than a sentence with a hole would.
    return undefined;
  }
}

export function problemResponse(
  error: unknown,
  instance: string,
  locale: Locale = DEFAULT_LOCALE,
): { response: HttpResponseInit; unexpected: boolean } {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'content-language': locale };
  if (error instanceof AppError) {
    const body: ProblemBody = {
      type: problemTypeUri(error.code),
      title: localizedTitle(error.status, error.title, locale),
      status: error.status,
      detail: localizedDetail(error, locale) ?? error.detail,
      code: error.code,
      instance,
    };
    if (error instanceof ValidationError && Object.keys(error.errors).length > 0) body.errors = error.errors;
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    return { response: { status: error.status, headers, body: JSON.stringify(body) }, unexpected: false };
  }
  const body: ProblemBody = {
    type: problemTypeUri('internal-error'),
    title: translate(locale, 'problem.title.500'),
    status: 500,
    detail: translate(locale, 'problem.detail.internal-error'),
    code: 'internal-error',
    instance,
  };
  return { response: { status: 500, headers, body: JSON.stringify(body) }, unexpected: true };
}
