/**
 * The referral workflow: one Standard execution per referral, from notifying the contact officer to closing the
 * loop with the referring officer. Amazon States Language, JSONPath only (the local interpreter ignores JSONata),
 * built here once: the CDK stack deploys this definition and the local runtime runs the very same object.
 *
 * Time lives in the referral-step function, not in the definition: before each wait, `plan-timer` says how many
 * seconds remain until the next reminder or escalation of the phase (from absolute times computed when the
 * referral was made, from the protocol version snapshotted into it); the wait is the task that holds the task
 * token, with that many seconds as its timeout; on timeout `fire-timer` sends the reminder or climbs the ladder,
 * and the phase plans its next timer. A callback (acknowledge, complete, reject, cancel…) answers the token.
 */
import { RETRY_ANY_ERROR, RETRY_LAMBDA_TRANSIENT } from './retries.js';

export const REFERRAL_STEP = '${ReferralStepArn}';

/** The longest a Lambda step may take; every task carries a timeout so nothing can hang. */
const STEP_TIMEOUT_SECONDS = 60;

export type Phase = 'acknowledgement' | 'counterReferral';

const title = (phase: Phase) => (phase === 'acknowledgement' ? 'Acknowledgement' : 'CounterReferral');

/** Lambda steps are retried on the service's own transient errors, never on our domain errors. */
const RETRY_TRANSIENT = [RETRY_LAMBDA_TRANSIENT];

function step(
  action: string,
  next: string,
  extra: Record<string, string> = {},
  resultPath: string | null = null,
) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: REFERRAL_STEP,
      Payload: { action, 'referral.$': '$.referral', ...extra },
    },
    ResultSelector: { 'value.$': '$.Payload' },
    ResultPath: resultPath,
    OutputPath: '$',
    TimeoutSeconds: STEP_TIMEOUT_SECONDS,
    Retry: RETRY_TRANSIENT,
    Next: next,
  };
}

function phaseStates(phase: Phase, afterAnswer: string) {
  const t = title(phase);
  return {
    [`Plan${t}Timer`]: {
      ...step('plan-timer', `Await${t}`, { phase }, '$.timer'),
      // plan-timer returns { seconds, timerIndex }; keep just that under $.timer.
      ResultSelector: { 'seconds.$': '$.Payload.seconds', 'timerIndex.$': '$.Payload.timerIndex' },
    },
    [`Await${t}`]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: REFERRAL_STEP,
        Payload: {
          action: 'await',
          phase,
          'referral.$': '$.referral',
          'timer.$': '$.timer',
          'token.$': '$$.Task.Token',
        },
      },
      TimeoutSecondsPath: '$.timer.seconds',
      ResultPath: '$.answer',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: `Fire${t}Timer` }],
      Next: afterAnswer,
    },
    [`Fire${t}Timer`]: step('fire-timer', `Plan${t}Timer`, { phase, 'timer.$': '$.timer' }),
  };
}

export function referralWorkflowDefinition() {
  return {
    Comment:
      'SWCS referral: notify, acknowledgement and counter-referral with reminders and escalations, close',
    StartAt: 'Resume',
    States: {
      // A fresh referral starts by notifying; the local runtime resumes referrals in flight after a restart.
      Resume: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.phase', StringEquals: 'acknowledgement', Next: 'PlanAcknowledgementTimer' },
          { Variable: '$.phase', StringEquals: 'counterReferral', Next: 'PlanCounterReferralTimer' },
        ],
        Default: 'NotifyContactOfficer',
      },
      // Whatever fails here is retried, then recorded on the referral and alarmed; the timers start either way, so
      // no referral is ever left with no notice and no timer.
      NotifyContactOfficer: {
        ...step('notify-contact-officer', 'PlanAcknowledgementTimer'),
        Retry: [...RETRY_TRANSIENT, RETRY_ANY_ERROR],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordNotifyFailure' }],
      },
      RecordNotifyFailure: step('record-notify-failure', 'PlanAcknowledgementTimer', {
        'failure.$': '$.failure',
      }),
      // Every answer passes by the people its phase's escalations alerted (the step tells them, if any, once).
      ...phaseStates('acknowledgement', 'TellAlertedOfAcknowledgement'),
      TellAlertedOfAcknowledgement: step('tell-alerted', 'AfterAcknowledgement', {
        phase: 'acknowledgement',
      }),
      // Rejected or cancelled before the counter-referral phase: the referring officer must act on the request.
      AfterAcknowledgement: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.answer.outcome', StringEquals: 'closed', Next: 'NotifyReferringOfficer' },
          { Variable: '$.answer.outcome', StringEquals: 'entered-in-error', Next: 'Closed' },
        ],
        Default: 'PlanCounterReferralTimer',
      },
      ...phaseStates('counterReferral', 'TellAlertedOfCounterReferral'),
      TellAlertedOfCounterReferral: step('tell-alerted', 'AfterCounterReferral', {
        phase: 'counterReferral',
      }),
      // Completed, or ended unserved (rejected, failed, cancelled): the referring officer is told either way.
      AfterCounterReferral: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.answer.outcome', StringEquals: 'completed', Next: 'NotifyReferringOfficer' },
          { Variable: '$.answer.outcome', StringEquals: 'closed', Next: 'NotifyReferringOfficer' },
        ],
        Default: 'Closed',
      },
      NotifyReferringOfficer: step('notify-referring-officer', 'Closed'),
      Closed: { Type: 'Succeed' },
    },
  };
}

/** The execution input: the referral's keys and the phase to start in ('start' for a new referral). */
export interface ReferralExecutionInput {
  readonly phase: 'start' | Phase;
  readonly referral: { readonly cantonId: string; readonly referralId: string };
}
