import type { Language } from './taxonomy.js';

/** A text for officers and citizens in every supported language; Spanish (Ecuador) is the default. */
export type Localized = Readonly<Record<Language, string>>;

export const DEFAULT_LANGUAGE: Language = 'es';

/** Picks the language from an Accept-Language header: English only when asked for before Spanish. */
export function languageFrom(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const first = acceptLanguage
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .find((part) => part.startsWith('es') || part.startsWith('en'));
  return first?.startsWith('en') ? 'en' : DEFAULT_LANGUAGE;
}
