import type { $ZodIssue, ParseContext } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

const localeError = en().localeError;

/**
 * Parse options that state zod's own issues in English. Classic zod set English as soon as a schema was built;
 * zod/mini loads no locale, so outside the API's validation (which picks Spanish or English per request) a
 * message would read only "Invalid input". Files read at deployment or load time — settings, canton files,
 * holiday calendars, seeds, imported registry households — are reported with these.
 */
export const IN_ENGLISH: ParseContext<$ZodIssue> = {
  error: (issue) => localeError(issue as never) as string | undefined,
};
