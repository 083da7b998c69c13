// Which language a reader gets: a supported one they asked for, else English.
import { z } from 'zod';
import { catalogs, type Locale } from './catalogs.js';

export type { Locale } from './catalogs.js';

export const DEFAULT_LOCALE: Locale = 'en';

export const supportedLocales = Object.keys(catalogs) as [Locale, ...Locale[]];

export const isLocale = (value: string): value is Locale => Object.hasOwn(catalogs, value);

/** A language the service speaks, as a body names it: its code (`fr`), exactly. */
export const localeSchema = z
  .enum(supportedLocales)
  .describe(`Language (${supportedLocales.join(', ')}) of the emails this resource causes; unknown languages are refused`);

/**
 * The best supported language of an `Accept-Language` header (RFC 9110: language ranges with q weights): the
 * highest-weighted range whose primary subtag the service speaks; `*` or nothing usable means English.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)).find(Boolean)?.[1];
      return { tag: range.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.map((r) => r.tag).find(isLocale) ?? DEFAULT_LOCALE;
}
