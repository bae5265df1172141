import { NATIONAL_HOLIDAYS } from './holiday-calendar.js';
import { logger } from '#kernel/logger.js';
import { describeHolidayGap, holidayCalendarGaps, type NationalHolidays } from '#domain/holidays.js';

/** The metric the daily check publishes and its alarm watches: years of national holidays missing. */
export const HOLIDAY_CALENDAR_METRIC = 'HolidayCalendarMissingYears';
/** The metric's one dimension, `check`, has this value. */
export const HOLIDAY_CALENDAR_CHECK = 'holiday-calendar';
/** The Powertools variable, like the notifier's, so that every SWCS metric shares one namespace. */
const METRICS_NAMESPACE = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'SWCS';

/**
 * The daily check of the deployed holiday calendar (EventBridge schedule, Platform stack). The calendar is
 * bundled at deploy time, so a year added to the repository reaches referrals only with a redeploy: this check
 * says, from 60 days before a year starts, that the deployed bundle lacks it. It reports, never throws: deadlines
 * keep computing (weekends only) whatever it finds. Only the national calendar is checked here; the Platform stack
 * knows no canton, and cantons' own holidays are checked by `cdk synth` when their stacks are built.
 */
export async function checkHolidayCalendar(
  now: Date = new Date(),
  national: NationalHolidays = NATIONAL_HOLIDAYS,
): Promise<{ missingYears: number[]; derivedYears: number[] }> {
  const gaps = holidayCalendarGaps(now, national);
  const missing = gaps.filter((g) => g.problem === 'missing');
  const derived = gaps.filter((g) => g.problem === 'derived');
  const result = { missingYears: missing.map((g) => g.year), derivedYears: derived.map((g) => g.year) };
  for (const gap of derived) {
    logger.warn('holiday calendar not confirmed', { year: gap.year, detail: describeHolidayGap(gap).en });
  }
  // One line that is both the log and, in CloudWatch embedded metric format, the metric the alarm watches; 0 on
  // healthy days too, so the alarm's graph shows the check running.
  const line = {
    ...result,
    ...(missing.length > 0 ? { detail: missing.map((g) => describeHolidayGap(g).en).join(' ') } : {}),
    check: HOLIDAY_CALENDAR_CHECK,
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['check']],
          Metrics: [{ Name: HOLIDAY_CALENDAR_METRIC, Unit: 'Count' }],
        },
      ],
    },
    [HOLIDAY_CALENDAR_METRIC]: missing.length,
  };
  if (missing.length > 0) logger.error('holiday calendar missing a year', line);
  else logger.info('holiday calendar complete', line);
  return result;
}
