import type { $ZodIssue } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import es from 'zod/v4/locales/es.js';

/** Problems of an HSDS document, in Spanish and English, each at a JSON pointer into the document. */

export type Localized = Readonly<{ es: string; en: string }>;
export interface PointedProblem {
  /** RFC 6901 JSON pointer into the HSDS document, e.g. `/organizations/0/services/3/status`. */
  readonly pointer: string;
  readonly problem: Localized;
}

export const text = (es: string, en: string): Localized => ({ es, en });

const locales = { es: es().localeError, en: en().localeError };

const TYPE_NAMES: Readonly<Record<string, Localized>> = {
  string: { es: 'un texto', en: 'a string' },
  number: { es: 'un número', en: 'a number' },
  boolean: { es: 'verdadero o falso', en: 'true or false' },
  array: { es: 'una lista', en: 'a list (array)' },
  object: { es: 'un objeto', en: 'an object' },
};

const FORMAT_NAMES: Readonly<Record<string, Localized>> = {
  email: { es: 'un correo electrónico válido', en: 'a valid e-mail address' },
  url: { es: 'una URL válida', en: 'a valid URL' },
  datetime: {
    es: 'una fecha y hora ISO 8601 con zona horaria',
    en: 'an ISO 8601 date-time with a time zone',
  },
};

/**
 * Who asks for a value that is missing: HSDS itself, or SWCS (a field HSDS leaves optional that our catalogue
 * needs), so that a third-party publisher can tell a broken document from a gap to fill.
 */
export type Requirer = 'hsds' | 'swcs';

const MISSING: Readonly<Record<Requirer, Localized>> = {
  hsds: { es: 'es obligatorio en HSDS', en: 'is required by HSDS' },
  swcs: { es: 'SWCS necesita este dato', en: 'SWCS needs this value' },
};

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** One zod issue in both languages: custom checks carry their own text in `params`; zod's own are worded here. */
export function describeIssue(issue: $ZodIssue, requirer: Requirer = 'hsds'): Localized {
  const params = (issue as { params?: Partial<Localized> }).params;
  if (params?.es !== undefined && params.en !== undefined) return { es: params.es, en: params.en };
  // zod reports a missing enum as an invalid value: both mean the field is absent.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) {
    return MISSING[requirer];
  }
  switch (issue.code) {
    case 'invalid_type': {
      const name = TYPE_NAMES[issue.expected];
      if (name) return { es: `debe ser ${name.es}`, en: `must be ${name.en}` };
      break;
    }
    case 'invalid_value':
      return {
        es: `debe ser uno de: ${quoted(issue.values)}`,
        en: `must be one of: ${quoted(issue.values)}`,
      };
    case 'invalid_format': {
      const name = FORMAT_NAMES[issue.format];
      if (name) return { es: `debe ser ${name.es}`, en: `must be ${name.en}` };
      break;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) {
        return { es: 'no puede estar vacío', en: 'must not be empty' };
      }
      if (issue.origin === 'array') {
        return {
          es: `necesita al menos ${issue.minimum} elemento(s)`,
          en: `needs at least ${issue.minimum} item(s)`,
        };
      }
      break;
    case 'too_big':
      if (issue.origin === 'string') {
        return {
          es: `admite como máximo ${issue.maximum} caracteres`,
          en: `takes at most ${issue.maximum} characters`,
        };
      }
      if (issue.origin === 'array') {
        return {
          es: `admite como máximo ${issue.maximum} elementos`,
          en: `takes at most ${issue.maximum} items`,
        };
      }
      break;
    default:
      break;
  }
  return { es: localeText('es', issue), en: localeText('en', issue) };
}

function localeText(language: keyof Localized, issue: $ZodIssue): string {
  const result = locales[language](issue as never);
  return (typeof result === 'string' ? result : result?.message) ?? issue.message;
}
