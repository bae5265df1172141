import { clock } from '#kernel/clock.js';
import { logger } from '#kernel/logger.js';
import { notify } from '#adapters/sns/notifier.js';
import { NATIONAL } from '#app/tenancy.js';
import { answerWorkflow } from '#adapters/stepfunctions/task-tokens.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { findComplaint, saveClockToken, saveComplaint } from '#adapters/dynamodb/complaints-store.js';
import type { Complaint, ComplaintTimer } from '#domain/complaint.js';
import { type ClockPhase, clockAnswer, clockTimers, fireComplaintTimer } from '#domain/complaint-clock.js';
import {
  type ClockRecipient,
  clockRecipients,
  complaintClockEmail,
  type ComplaintClockKind,
} from '#domain/complaint-notices.js';
import { planWait } from '#domain/deadline-ladder.js';
import { parsePublicAddress } from '#domain/public-address.js';

/**
 * The complaint clock's one Lambda step (workflows/complaint-clock.ts). Like the referral step it reads the case
 * afresh each time — the execution input carries only its keys and level — so a retried step does no harm: timers
 * fire through a version-guarded, idempotent count, and a wait whose answer came while no token was stored answers
 * itself.
 */
export interface ClockStepEvent {
  readonly action: 'plan-timer' | 'await' | 'fire-timer';
  readonly complaint: {
    readonly cantonId: string;
    readonly complaintId: string;
    readonly level: Complaint['level'];
  };
  readonly phase: ClockPhase;
  readonly timer?: { readonly seconds: number; readonly timerIndex: number | null };
  readonly token?: string;
}

export const handler = async (event: ClockStepEvent): Promise<unknown> => {
  const { cantonId, complaintId, level } = event.complaint;
  const phase = requirePhase(event);
  const complaint = await findComplaint(cantonId, complaintId);
  if (!complaint) throw new Error(`Complaint ${complaintId} not found`);
  switch (event.action) {
    case 'plan-timer': {
      // A clock whose phase is answered, or whose level the case has left, waits a second and answers itself.
      if (clockAnswer(complaint, phase, level)) return { seconds: 1, timerIndex: null };
      const { timers, fired } = clockTimers(complaint, phase);
      return planWait(timers, fired, clock.now(), (at) => clock.realMsUntil(at));
    }
    case 'await': {
      if (!event.token) throw new Error('await needs the task token');
      await saveClockToken(cantonId, complaintId, { level, phase, taskToken: event.token });
      // An answer that arrived before the token was stored: read again, and give it now.
      const current = (await findComplaint(cantonId, complaintId)) ?? complaint;
      const outcome = clockAnswer(current, phase, level);
      if (outcome) await answerWorkflow(event.token, { outcome });
      return {};
    }
    case 'fire-timer': {
      const fired = await fireOnce(complaint, phase, level, event.timer?.timerIndex ?? null);
      if (fired?.notify) await sendClockNotices(fired.complaint, phase, fired.timer);
      return {};
    }
    default:
      throw new Error(`Unknown complaint clock step ${(event as ClockStepEvent).action}`);
  }
};

/**
 * Counts the fired timer on the case, deciding again on a fresh read when someone changed the case meanwhile (an
 * activity added in the same second): a conflict must not fail the execution, and the count keeps it from firing
 * twice.
 */
async function fireOnce(
  complaint: Complaint,
  phase: ClockPhase,
  level: Complaint['level'],
  timerIndex: number | null,
) {
  let current: Complaint | undefined = complaint;
  for (let attempt = 1; current; attempt++) {
    const fired = fireComplaintTimer(current, phase, level, timerIndex, clock.now().toISOString());
    if (!fired) return undefined;
    try {
      await saveComplaint(fired.complaint, fired.event);
      return fired;
    } catch (error) {
      if (attempt >= 3) throw error;
      current = await findComplaint(complaint.cantonId, complaint.complaintId);
    }
  }
  return undefined;
}

function requirePhase(event: ClockStepEvent): ClockPhase {
  if (event.phase !== 'acknowledge' && event.phase !== 'resolve') {
    throw new Error(`${event.action} needs a phase`);
  }
  return event.phase;
}

/**
 * Tells whom the fired timer is for, each by e-mail through their level's notifications topic. The notice names
 * the case by its reference and links to it; it carries nothing of the complaint.
 */
async function sendClockNotices(complaint: Complaint, phase: ClockPhase, timer: ComplaintTimer) {
  const [canton, national] = await Promise.all([findCanton(complaint.cantonId), findCanton(NATIONAL)]);
  if (!canton || !national) throw new Error('Canton registrations missing');
  const level = complaint.level === 'national' ? national : canton;
  const recipients = clockRecipients(timer, complaint, level, national, canton.units);
  const kind: ComplaintClockKind = timer.kind === 'reminder' ? 'complaint-reminder' : 'complaint-escalation';
  const address = parsePublicAddress(process.env.SWCS_PUBLIC_URL ?? '');
  const { timers } = clockTimers(complaint, phase);
  const ladder = timers.filter((t) => t.kind === 'escalation').length;
  const deadline = new Date(
    phase === 'acknowledge' ? complaint.deadlines.acknowledgeBy : complaint.deadlines.resolveBy,
  );
  for (const recipient of recipients) {
    await send(complaint, kind, recipient, {
      reference: complaint.reference,
      phase,
      deadline,
      timeZone: canton.timeZone,
      link: `${address.url}/cantons/${complaint.cantonId}/complaints/${complaint.complaintId}`,
      ...(timer.step !== undefined ? { step: { number: timer.step + 1, of: ladder } } : {}),
      ...(complaint.level === 'national' ? { national: true } : {}),
    });
  }
}

async function send(
  complaint: Complaint,
  kind: ComplaintClockKind,
  recipient: ClockRecipient,
  data: Parameters<typeof complaintClockEmail>[1],
) {
  const result = await notify({
    cantonId: complaint.cantonId,
    kind,
    complaintId: complaint.complaintId,
    recipient: {
      id: recipient.id,
      channel: 'email',
      language: recipient.language,
      email: recipient.email,
      ...(recipient.cantonId !== complaint.cantonId ? { cantonId: recipient.cantonId } : {}),
    },
    rendered: complaintClockEmail(kind, data, recipient.language),
  });
  if (!result.delivered) {
    logger.warn('Complaint clock notice not delivered; recorded for follow-up', {
      complaintId: complaint.complaintId,
      kind,
      recipientId: recipient.id,
    });
  }
}
