/**
 * The timer machinery every SWCS clock workflow shares (the referral workflow, the complaint clock): Amazon States
 * Language, JSONPath only (the local interpreter ignores JSONata), built as plain objects that the CDK stack
 * deploys and the local runtime runs as they are.
 *
 * Time lives in the workflow's Lambda step, not in the definition: before each wait, `plan-timer` says how many
 * seconds remain until the phase's next reminder or escalation (from absolute instants the domain computed when
 * the case began: functions/domain/deadline-ladder.ts); the wait is the task that holds the task token, with that
 * many seconds as its timeout; on timeout `fire-timer` sends the reminder or climbs the ladder, and the phase plans
 * its next timer. An answer to the case (acknowledged, resolved…) answers the token.
 */
import { RETRY_LAMBDA_TRANSIENT } from './retries.js';

/** The longest a Lambda step may take; every task carries a timeout so nothing can hang. */
export const STEP_TIMEOUT_SECONDS = 60;

/** Lambda steps are retried on the service's own transient errors, never on our domain errors. */
export const RETRY_TRANSIENT = [RETRY_LAMBDA_TRANSIENT];

/** Which workflow: its one Lambda step (a `${…}` placeholder the CDK stack substitutes) and its record's key. */
export interface ClockWorkflow {
  readonly stepArn: string;
  /** Where the execution input holds the record's keys, and the step's payload names them (e.g. `referral`). */
  readonly record: string;
}

/** A task that invokes the workflow's step with an action, the record's keys and `extra`. */
export function lambdaStep(
  workflow: ClockWorkflow,
  action: string,
  next: string,
  extra: Record<string, string> = {},
  resultPath: string | null = null,
) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: workflow.stepArn,
      Payload: { action, [`${workflow.record}.$`]: `$.${workflow.record}`, ...extra },
    },
    ResultSelector: { 'value.$': '$.Payload' },
    ResultPath: resultPath,
    OutputPath: '$',
    TimeoutSeconds: STEP_TIMEOUT_SECONDS,
    Retry: RETRY_TRANSIENT,
    Next: next,
  };
}

/**
 * The three states of a timed phase `title` (e.g. `Acknowledgement`): Plan<title>Timer → Await<title> (the task
 * token, answered by the case or timed out by the next timer) → Fire<title>Timer → Plan<title>Timer…, leaving for
 * `afterAnswer` with the answer under `$.answer`.
 */
export function timedPhase(workflow: ClockWorkflow, phase: string, title: string, afterAnswer: string) {
  return {
    [`Plan${title}Timer`]: {
      ...lambdaStep(workflow, 'plan-timer', `Await${title}`, { phase }, '$.timer'),
      // plan-timer returns { seconds, timerIndex }; keep just that under $.timer.
      ResultSelector: { 'seconds.$': '$.Payload.seconds', 'timerIndex.$': '$.Payload.timerIndex' },
    },
    [`Await${title}`]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: workflow.stepArn,
        Payload: {
          action: 'await',
          phase,
          [`${workflow.record}.$`]: `$.${workflow.record}`,
          'timer.$': '$.timer',
          'token.$': '$$.Task.Token',
        },
      },
      TimeoutSecondsPath: '$.timer.seconds',
      ResultPath: '$.answer',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: `Fire${title}Timer` }],
      Next: afterAnswer,
    },
    [`Fire${title}Timer`]: lambdaStep(workflow, 'fire-timer', `Plan${title}Timer`, {
      phase,
      'timer.$': '$.timer',
    }),
  };
}
