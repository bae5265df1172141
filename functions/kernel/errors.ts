import type { Localized } from './messages.js';

/** One problem with one field of the input: already in the caller's language, or in both. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string | Localized;
}

/**
 * An error whose status and message may be shown to the caller. Anything else that escapes a handler becomes a
 * generic 500 (logged with its detail, never serialised to the client).
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly text: Localized,
    readonly details: readonly FieldProblem[] = [],
    /** Headers the answer needs (Allow on a 405, Retry-After on a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(text.en);
    this.name = 'AppError';
  }
}

export const badRequest = (field: string, problem: Localized) =>
  new AppError(400, 'invalid_input', { es: `Dato no válido: ${field}`, en: `Invalid input: ${field}` }, [
    { field, problem },
  ]);

/** Like badRequest, but the field problems are already in the caller's language. */
export const invalidInput = (details: readonly FieldProblem[]) =>
  new AppError(
    400,
    'invalid_input',
    {
      es: `Datos no válidos: ${details.map((d) => d.field).join(', ')}`,
      en: `Invalid input: ${details.map((d) => d.field).join(', ')}`,
    },
    details,
  );

export const notFound = (what: Localized) => new AppError(404, 'not_found', what);

export const conflict = (text: Localized) => new AppError(409, 'conflict', text);

export const unauthorized = () =>
  new AppError(401, 'unauthorized', {
    es: 'Falta el token de acceso o no es válido',
    en: 'The access token is missing or invalid',
  });

export const forbidden = (allowed: readonly string[]) =>
  new AppError(403, 'forbidden', {
    es: `Su rol no permite esta acción (roles permitidos: ${allowed.join(', ')})`,
    en: `Your role does not allow this action (allowed roles: ${allowed.join(', ')})`,
  });
