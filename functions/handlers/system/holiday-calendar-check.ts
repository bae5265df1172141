import { checkHolidayCalendar } from '#app/holiday-calendar-check.js';

/** The daily check of the deployed holiday calendar (app/holiday-calendar-check.ts). */
export const handler = async (): Promise<{ missingYears: number[]; derivedYears: number[] }> =>
  checkHolidayCalendar();
