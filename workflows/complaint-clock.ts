/**
 * A complaint case's response-time clock: one Standard execution per case and level (the canton's, then the
 * national single window's if the decision is appealed), from its opening to its resolution. Amazon States
 * Language, JSONPath only, on the timer machinery the referral workflow uses (timed-phases.ts): the CDK stack
 * deploys this definition and the local runtime runs the very same object.
 *
 * Two timed phases: `acknowledge` (answered when the case is first acted on: its first activity, or its
 * resolution) and `resolve` (answered when it is resolved). Each reminds the people assigned before its deadline
 * and climbs its escalation ladder after it, as the complaint's protocol says (functions/domain/complaint-clock.ts).
 */
import { type ClockWorkflow, timedPhase } from './timed-phases.js';

export const COMPLAINT_CLOCK_STEP = '${ComplaintClockStepArn}';

export type ComplaintClockPhase = 'acknowledge' | 'resolve';

const CLOCK: ClockWorkflow = { stepArn: COMPLAINT_CLOCK_STEP, record: 'complaint' };

export function complaintClockDefinition() {
  return {
    Comment: 'SWCS complaint case: acknowledgement and resolution clocks with reminders and escalations',
    StartAt: 'Resume',
    States: {
      // A new case starts with its acknowledgement; the local runtime resumes cases in flight after a restart.
      Resume: {
        Type: 'Choice',
        Choices: [{ Variable: '$.phase', StringEquals: 'resolve', Next: 'PlanResolveTimer' }],
        Default: 'PlanAcknowledgeTimer',
      },
      ...timedPhase(CLOCK, 'acknowledge', 'Acknowledge', 'AfterAcknowledge'),
      // Resolved without a first activity: both clocks stop at once.
      AfterAcknowledge: {
        Type: 'Choice',
        Choices: [{ Variable: '$.answer.outcome', StringEquals: 'resolved', Next: 'Stopped' }],
        Default: 'PlanResolveTimer',
      },
      ...timedPhase(CLOCK, 'resolve', 'Resolve', 'Stopped'),
      Stopped: { Type: 'Succeed' },
    },
  };
}

/** The execution input: the case's keys and level, and the phase to start in ('start' for a new case). */
export interface ComplaintClockInput {
  readonly phase: 'start' | ComplaintClockPhase;
  readonly complaint: {
    readonly cantonId: string;
    readonly complaintId: string;
    readonly level: 'canton' | 'national';
  };
}
