/**
 * The referral workflow: one Standard execution per referral, from notifying the contact officer to closing the
 * loop with the referring officer. Amazon States Language, JSONPath only (the local interpreter ignores JSONata),
 * built here once: the CDK stack deploys this definition and the local runtime runs the very same object.
 *
 * Its two timed phases are the shared timer machinery (timed-phases.ts): timers computed when the referral was
 * made, from the protocol version snapshotted into it; a callback (acknowledge, complete, reject, cancel…) answers
 * the wait's token.
 */
import { RETRY_ANY_ERROR } from './retries.js';
import { type ClockWorkflow, lambdaStep, RETRY_TRANSIENT, timedPhase } from './timed-phases.js';

export const REFERRAL_STEP = '${ReferralStepArn}';

export type Phase = 'acknowledgement' | 'counterReferral';

const title = (phase: Phase) => (phase === 'acknowledgement' ? 'Acknowledgement' : 'CounterReferral');

const REFERRAL: ClockWorkflow = { stepArn: REFERRAL_STEP, record: 'referral' };

const step = (action: string, next: string, extra: Record<string, string> = {}) =>
  lambdaStep(REFERRAL, action, next, extra);

const phaseStates = (phase: Phase, afterAnswer: string) =>
  timedPhase(REFERRAL, phase, title(phase), afterAnswer);

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
