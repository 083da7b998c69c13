// Formats the messages of the language files with ICU MessageFormat (plurals, selects, dates) and Intl (lists,
// countries): one formatter per (language, key), built on first use. Dates are instants and always name their time
// zone — the service does not know the reader's, so it says UTC rather than let a time read as local.
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs, type Locale, type MessageKey } from './catalogs.js';

export type MessageValue = string | number | Date;
export type MessageArgs = Readonly<Record<string, MessageValue>>;

/** The ICU date formats the language files may name: `{end, date, dateTime}`, `{end, date, day}`. */
const DATE_FORMATS = {
  date: {
    dateTime: {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    },
    day: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  },
} as const;

const formatters = new Map<string, IntlMessageFormat>();

function formatter(locale: Locale, key: MessageKey): IntlMessageFormat {
  const cacheKey = `${locale}\u0000${key}`;
  let found = formatters.get(cacheKey);
  if (!found) {
    found = new IntlMessageFormat(catalogs[locale][key], locale, DATE_FORMATS, { ignoreTag: true });
    formatters.set(cacheKey, found);
  }
  return found;
}

/**
 * A message with no ICU syntax at all — no `{argument}` and no `'` (ICU's quote) — formats to itself: answered as is,
 * without compiling a formatter (what the catalogs' names are, and what modules translate when they load).
 */
const isPlainText = (text: string) => !text.includes('{') && !text.includes("'");

/** The message `key` in `locale`, its `{placeholders}` filled from `args`. */
export function translate(locale: Locale, key: MessageKey, args: MessageArgs = {}): string {
  const text = catalogs[locale][key];
  if (isPlainText(text)) return text;
  const out = formatter(locale, key).format<string>(args);
  // A message made only of literal text formats to a string; one with arguments may come back as parts.
  return Array.isArray(out) ? out.join('') : String(out);
}

/** Whether `key` names a message (keys built at run time, such as a problem code's, may not). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(catalogs.en, key);

/** The same function with its language fixed: what a renderer of one email or one answer passes around. */
export type Translate = (key: MessageKey, args?: MessageArgs) => string;
export const translatorFor =
  (locale: Locale): Translate =>
  (key, args) =>
    translate(locale, key, args);

/** "A, B and C" in the language's own way (Intl.ListFormat). */
export const formatList = (locale: Locale, items: readonly string[]): string =>
  new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);

/** "A, B or C" in the language's own way. */
export const formatDisjunction = (locale: Locale, items: readonly string[]): string =>
  new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }).format(items);

/** A date and time in the language's format, in UTC, the zone named. */
export const formatDateTime = (locale: Locale, at: string | Date): string =>
  new Intl.DateTimeFormat(locale, DATE_FORMATS.date.dateTime).format(typeof at === 'string' ? new Date(at) : at);

/** A country's name in the language (ISO 3166-1 alpha-2 in; the code itself when Intl does not know it). */
export function countryName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
