/** The languages every text is written in; Spanish (Ecuador) first. */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text for officers and citizens in every supported language; Spanish (Ecuador) is the default. */
export type Localized = Readonly<Record<Language, string>>;

export const DEFAULT_LANGUAGE: Language = 'es';

/** Picks the language from an Accept-Language header by its q-values: English only when preferred to Spanish. */
export function languageFrom(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  // RFC 9110 §12.5.4: the highest q wins; a tie keeps the order given; q=0 means "not this one"; `*` is anything.
  let best: { language: Language; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0 && q <= 1)) continue;
    const tag = range.trim();
    const language: Language | undefined =
      tag === '*'
        ? DEFAULT_LANGUAGE
        : tag === 'es' || tag.startsWith('es-')
          ? 'es'
          : tag === 'en' || tag.startsWith('en-')
            ? 'en'
            : undefined;
    if (language && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
