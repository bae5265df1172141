import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import {
  HOLIDAY_CALENDAR_CHECK,
  HOLIDAY_CALENDAR_METRIC,
} from '../../functions/app/holiday-calendar-check.js';
import { SwcsFunction } from './swcs-function.js';

export interface HolidayCalendarCheckProps {
  readonly stage: string;
}

/** 07:00 in Quito (UTC−5, no daylight saving time), before offices open. */
export const HOLIDAY_CHECK_SCHEDULE = events.Schedule.cron({ minute: '0', hour: '12' });

/**
 * The daily check that the deployed holiday calendar has next year's holidays (functions/app/
 * holiday-calendar-check.ts). Without them working-day deadlines silently count weekends only, so a missing year
 * raises an alarm from 2 November on: add the year (README → Configuration → Holidays) and redeploy.
 */
export class HolidayCalendarCheck extends Construct {
  readonly function: SwcsFunction;
  readonly schedule: events.Rule;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: HolidayCalendarCheckProps) {
    super(scope, id);
    const { stage } = props;

    // No table, no secret: the calendar is inside the bundle, which is exactly what the check is about.
    this.function = new SwcsFunction(this, 'Check', {
      handler: 'handlers/system/holiday-calendar-check',
      description: 'Daily check: the deployed holiday calendar has the current and the coming year',
      memorySize: 256,
    });

    this.schedule = new events.Rule(this, 'Daily', {
      description: `SWCS ${stage}: daily check of the holiday calendar`,
      schedule: HOLIDAY_CHECK_SCHEDULE,
      targets: [new targets.LambdaFunction(this.function.function, { retryAttempts: 2 })],
    });

    const missingYears = new cloudwatch.Metric({
      namespace: 'SWCS',
      metricName: HOLIDAY_CALENDAR_METRIC,
      dimensionsMap: { check: HOLIDAY_CALENDAR_CHECK },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.days(1),
    });
    this.alarm = missingYears.createAlarm(this, 'MissingYearAlarm', {
      alarmName: `swcs-${stage}-holiday-calendar-missing-year`,
      alarmDescription:
        `SWCS ${stage}: the deployed holiday calendar lacks the current or the coming year, so working-day ` +
        'deadlines in it count weekends only (they come out early). Add the year to cantons/holidays/ecuador.json ' +
        'with its legal source and redeploy the Platform and Canton stacks.',
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // The check reports 0 every day; a day without a data point is a check that did not run, not a gap.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
