// The portal's languages: one JSON file of messages per language in ./messages (adding a language is adding a file).
// The language is the one chosen with the switcher, else the browser's first language the portal speaks, else
// English. Every API call carries it as Accept-Language, so names and problem texts the API translates follow it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import en from './messages/en.json';

export type Messages = typeof en;
export type MessageKey = keyof Messages;
export type Lang = string;

// Each language is its own chunk, fetched when chosen; English, the fallback of every missing message, is built in.
const loaders = Object.fromEntries(
  Object.entries(import.meta.glob<Messages>(['./messages/*.json', '!./messages/en.json'], { import: 'default' })).map(
    ([file, load]) => [/([\w-]+)\.json$/.exec(file)![1]!, load],
  ),
);
const catalogs: Record<Lang, Messages> = { en };

/** The languages the portal speaks, English first. */
export const languages: readonly Lang[] = ['en', ...Object.keys(loaders).sort()];

/** Fetches a language's messages (once), before the pages switch to it. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (catalogs[lang]) return;
  const load = loaders[lang];
  if (load) catalogs[lang] = await load();
}
export const DEFAULT_LANG: Lang = 'en';
const STORAGE_KEY = 'portal.language';

/** The language's name in itself ("français"), as a language switcher shows it. */
export const languageName = (lang: Lang): string => {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
};

/** The first of `preferred` (BCP 47 tags, best first) that the portal speaks. */
export function pickLanguage(preferred: readonly string[]): Lang | undefined {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (languages.includes(base)) return base;
  }
  return undefined;
}

export function initialLanguage(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be off (private mode, policies): the browser's language still applies.
  }
  if (stored && languages.includes(stored)) return stored;
  return pickLanguage(navigator.languages ?? [navigator.language]) ?? DEFAULT_LANG;
}

export function rememberLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}

export type Params = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** `key` is the stem of `<key>.one` / `<key>.other` (plural rules of the language); `{count}` is the number. */
  plural: (key: string, count: number, params?: Params) => string;
  /**
   * The name of an API value (`label('industry', 'retail')`): the message `<group>.<value>`, or the value itself
   * when the API has a value the portal has no words for yet.
   */
  label: (group: string, value: string) => string;
  /** A date and time, with the time zone named. */
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  country: (code: string) => string;
  setLang: (lang: Lang) => void;
}

const fill = (text: string, params: Params = {}) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

export function createI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  const messages = catalogs[lang] ?? en;
  const lookup = (key: string): string => (messages as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
  const rules = new Intl.PluralRules(lang);
  const dateTimeFormat = new Intl.DateTimeFormat(lang, {
    // dateStyle and timeStyle cannot be combined with timeZoneName, hence the fields one by one.
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  return {
    lang,
    t: (key, params) => fill(lookup(key), params),
    plural: (key, count, params) => {
      const rule = rules.select(count);
      const text = (messages as Record<string, string>)[`${key}.${rule}`] ?? lookup(`${key}.other`);
      return fill(text, { count: new Intl.NumberFormat(lang).format(count), ...params });
    },
    label: (group, value) =>
      (messages as Record<string, string>)[`${group}.${value}`] ?? (en as Record<string, string>)[`${group}.${value}`] ?? value,
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    date: (iso) => dateFormat.format(new Date(iso)),
    country: (code) => regions.of(code) ?? code,
    setLang,
  };
}

export const I18nContext = createContext<I18n>(createI18n(DEFAULT_LANG, () => undefined));
export const useI18n = (): I18n => useContext(I18nContext);

/**
 * ISO 3166-1 alpha-2 codes with a name in the browser's region data: every two-letter code is tried, and those that
 * are not countries or territories (the EU, the UN, private-use codes) are left out.
 */
const NOT_COUNTRIES = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ']);
let countryCodes: string[] | undefined;
export function allCountryCodes(): string[] {
  if (countryCodes) return countryCodes;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  countryCodes = [...letters].flatMap((a) =>
    [...letters].map((b) => `${a}${b}`).filter((code) => !NOT_COUNTRIES.has(code) && names.of(code) !== undefined),
  );
  return countryCodes;
}
