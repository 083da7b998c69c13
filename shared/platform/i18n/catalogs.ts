// The languages the service speaks: one message file each under messages/. Adding a language is adding its file
// (`messages/de.ts`, typed `Catalog`, so the compiler refuses a missing or extra key) and naming it here.
import { en, type Catalog } from './messages/en.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';

export type { MessageKey } from './messages/en.js';

export const catalogs = { en, fr, it } as const satisfies Readonly<Record<string, Catalog>>;

export type Locale = keyof typeof catalogs;
