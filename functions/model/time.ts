import * as z from 'zod/mini';

/**
 * The shapes of time in answers, so that the document says `format: date-time` or `format: date` and a client
 * can parse them: instants are ISO 8601 in UTC (`2026-11-20T14:05:00.000Z`), days are the canton's local
 * calendar days (`2026-11-20`).
 */
export const Timestamp = z.iso.datetime({ offset: true });
export const CalendarDay = z.iso.date();
