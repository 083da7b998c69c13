// The language files: every key in every language, every message valid ICU with the same arguments as the English
// one, translated rather than copied; and how a request's Accept-Language picks one.
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs, type MessageKey } from '../../../shared/platform/i18n/catalogs.js';
import { localeSchema, negotiateLocale, supportedLocales } from '../../../shared/platform/i18n/locales.js';
import { formatDateTime, formatList, translate } from '../../../shared/platform/i18n/translator.js';

const keys = Object.keys(catalogs.en) as MessageKey[];

/** The argument names a message uses (and, for plurals and selects, the cases it offers). */
function argumentsOf(message: string, locale: string): string[] {
  const found = new Set<string>();
  const walk = (elements: unknown[]): void => {
    for (const element of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
      // Literal (0) and pound (7) carry no argument; the others name one.
      if (element.type !== 0 && element.type !== 7 && element.value) found.add(element.value);
      for (const [choice, option] of Object.entries(element.options ?? {})) {
        found.add(`${element.value}=${choice}`);
        walk(option.value);
      }
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  // Plural categories differ by language (`one`, `many`…): only the select cases and argument names must match.
  return [...found].filter((a) => !/=(zero|one|two|few|many)$/.test(a)).sort();
}

/** The words of a message's literal text (placeholders and ICU syntax left out). */
const words = (message: string) =>
  message
    .replace(/\{[^{}]*\}/g, ' ')
    .split(/[^\p{L}’']+/u)
    .filter((w) => w.length > 1);

describe('language files', () => {
  it('are English, French and Italian, English first (the fallback)', () => {
    expect(supportedLocales).toEqual(['en', 'fr', 'it']);
    expect(keys.length).toBeGreaterThan(150);
  });

  it('have every key in every language, and no other', () => {
    for (const locale of supportedLocales) {
      const own = Object.keys(catalogs[locale]).sort();
      expect([locale, own]).toEqual([locale, [...keys].sort()]);
    }
  });

  it('hold valid ICU messages that use exactly the arguments (and select cases) of the English one', () => {
    const mismatches: string[] = [];
    for (const key of keys) {
      const expected = argumentsOf(catalogs.en[key], 'en');
      for (const locale of supportedLocales) {
        const own = argumentsOf(catalogs[locale][key], locale);
        if (JSON.stringify(own) !== JSON.stringify(expected)) {
          mismatches.push(`${locale} ${key}: ${own.join(',')} ≠ ${expected.join(',')}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('hands out a message without ICU syntax as is, exactly what ICU would format it to', () => {
    let plain = 0;
    for (const locale of supportedLocales) {
      for (const key of keys) {
        const message = catalogs[locale][key];
        if (message.includes('{') || message.includes("'")) continue;
        plain++;
        const viaIcu = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).format<string>();
        expect([locale, key, translate(locale, key)]).toEqual([locale, key, String(viaIcu)]);
      }
    }
    expect(plain).toBeGreaterThan(100);
  });

  it('translate rather than copy: no French or Italian message of three words or more is the English one', () => {
    const copied = keys.flatMap((key) =>
      (['fr', 'it'] as const)
        .filter((locale) => words(catalogs.en[key]).length >= 3 && catalogs[locale][key] === catalogs.en[key])
        .map((locale) => `${locale} ${key}`),
    );
    expect(copied).toEqual([]);
  });

  it('use the seeds’ wording for the admin center’s pages and actions', () => {
    const all = (locale: 'fr' | 'it') => Object.values(catalogs[locale]).join('\n');
    for (const term of [
      'Accepter le contrat & autoriser le partenaire',
      'Supprimer les rôles',
      'Relations partenaires',
      'Me contacter',
      'Espace partenaires',
      'Contrat client Microsoft',
    ]) {
      expect(all('fr')).toContain(term);
    }
    for (const term of [
      'Accetta contratto & autorizzare il partner',
      'Rimuovi ruoli',
      'Relazioni con i partner',
      'Contattami',
      'Centro per i partner',
      'Contratto del cliente Microsoft',
    ]) {
      expect(all('it')).toContain(term);
    }
  });

  it('format plurals, dates (the time zone named) and lists for the language', () => {
    const at = new Date('2025-03-12T14:05:00Z');
    expect(translate('fr', 'email.invitation.duration', { days: 1 })).toBe('1 jour à compter de l’acceptation');
    expect(translate('fr', 'email.invitation.duration', { days: 30 })).toBe('30 jours à compter de l’acceptation');
    expect(translate('it', 'email.invitation.duration', { days: 1 })).toBe('1 giorno dall’accettazione');
    expect(translate('en', 'email.invitation.duration', { days: 2 })).toBe('2 days from acceptance');
    expect(formatDateTime('fr', at)).toBe('12 mars 2025 à 14:05 UTC');
    expect(formatDateTime('it', at)).toMatch(/^12 marzo 2025.*14:05 UTC$/);
    expect(formatDateTime('en', at)).toMatch(/^March 12, 2025.*UTC$/);
    expect(formatList('fr', ['A', 'B', 'C'])).toBe('A, B et C');
    expect(formatList('it', ['A', 'B'])).toBe('A e B');
  });
});

describe('Accept-Language', () => {
  it('picks the best language the service speaks, by weight then order; English otherwise', () => {
    const cases: [string | null, string][] = [
      [null, 'en'],
      ['', 'en'],
      ['fr', 'fr'],
      ['fr-CA', 'fr'],
      ['IT-it', 'it'],
      ['de-DE, fr;q=0.8, en;q=0.5', 'fr'],
      ['en;q=0.3, it;q=0.9', 'it'],
      ['it, fr', 'it'],
      ['fr;q=0, it;q=0.1', 'it'],
      ['de, es', 'en'],
      ['*', 'en'],
      ['fr;q=nonsense, it', 'fr'],
      ['x'.repeat(5000), 'en'],
    ];
    for (const [header, expected] of cases)
      expect([header?.slice(0, 40), negotiateLocale(header)]).toEqual([header?.slice(0, 40), expected]);
  });

  it('a body names a language by its code, exactly', () => {
    expect(localeSchema.safeParse('fr').success).toBe(true);
    expect(localeSchema.safeParse('de').success).toBe(false);
    expect(localeSchema.safeParse('fr-FR').success).toBe(false);
  });
});
