import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import es from 'zod/v4/locales/es.js';
import type { FieldProblem } from '#kernel/errors.js';
import type { Localized } from '#kernel/messages.js';

/**
 * Parsing a protocol's parts with their problems in both languages, and the names of a counter-referral's fields:
 * apart from protocol.ts (which re-exports them) so that the functions that check a counter-referral or make a
 * referral (domain/referral.ts) do not load the protocol schemas with them.
 */

export const COUNTER_REFERRAL_FIELDS = [
  'assisted',
  'outcome',
  'reason',
  'dateServed',
  'note',
  // What the citizen received (in kind or cash, amount): recorded among the canton's local benefits.
  'benefit',
] as const;

export interface ProtocolProblem extends FieldProblem {
  readonly problem: Localized;
}

const text = (es: string, en: string): Localized => ({ es, en });

const locales = { es: es().localeError, en: en().localeError };

/** Dotted field path, as the API reports it (`reminders.acknowledgement.1`). */
export const fieldPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: ProtocolProblem[] };

/**
 * Parses with the schema and reports every issue in both languages: custom checks carry their own texts, zod's
 * own issues get its Spanish and English locales (hence one parse per language; the issues come in the same order).
 */
export function parseBilingual<T>(schema: z.core.$ZodType<T>, value: unknown): Parsed<T> {
  const inEnglish = z.safeParse(schema, value, {
    error: (i) => locales.en(i as never) as string | undefined,
  });
  if (inEnglish.success) return { ok: true, value: inEnglish.data };
  const inSpanish = z.safeParse(schema, value, {
    error: (i) => locales.es(i as never) as string | undefined,
  });
  const spanish = inSpanish.success ? [] : inSpanish.error.issues;
  return {
    ok: false,
    problems: inEnglish.error.issues.flatMap((issue, i) => {
      const params = (issue as { params?: Partial<Localized> }).params;
      const problem =
        params?.es !== undefined && params.en !== undefined
          ? text(params.es, params.en)
          : text(spanish[i]?.message ?? issue.message, issue.message);
      // Name each unknown key as the field, so a typo points at itself rather than at its parent.
      const paths =
        issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      return paths.map((path) => ({ field: fieldPath(path) || '(protocol)', problem }));
    }),
  };
}
