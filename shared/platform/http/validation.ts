// zod parsing that turns schema failures into ValidationError with per-field messages, in the caller's language:
// zod's own messages come from its French and Italian locales; the messages a schema words itself stay English.
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../core/errors.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.js';

const zodLocales: Partial<Record<Locale, () => { localeError: z.core.$ZodErrorMap }>> = { fr: z.locales.fr, it: z.locales.it };
const errorMaps = new Map<Locale, z.core.$ZodErrorMap>();

function errorMapFor(locale: Locale): z.core.$ZodErrorMap | undefined {
  const make = zodLocales[locale];
  if (!make) return undefined;
  let map = errorMaps.get(locale);
  if (!map) errorMaps.set(locale, (map = make().localeError));
  return map;
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'route',
  locale: Locale = DEFAULT_LOCALE,
): z.output<S> {
  const error = errorMapFor(locale);
  const result = error ? schema.safeParse(value, { error }) : schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
    (errors[path] ??= []).push(issue.message);
  }
  const fields = Object.keys(errors).join(', ');
  throw new ValidationError(`The ${where === 'route' ? 'path' : where} is invalid: ${fields}.`, errors).withDetailArgs({
    where,
    fields,
  });
}
