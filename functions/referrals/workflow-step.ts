import { clock } from '../commons/clock.js';
import { logger } from '../commons/logger.js';
import { notify } from '../commons/notifier.js';
import { NATIONAL } from '../commons/tenancy.js';
import { answerWorkflow } from '../commons/workflow.js';
import type { Organization } from '../domain/catalogue.js';
import { type NotificationKind, renderNotification } from '../domain/notifications.js';
import { fireTimer, phaseOutcome, REASON_LABELS, type Referral } from '../domain/referral.js';
import {
  escalationRecipients,
  type Phase,
  planWait,
  type Recipient,
  type Timer,
} from '../domain/referral-schedule.js';
import { findOrganization } from '../store/catalogue-store.js';
import { findCanton } from '../store/cantons-store.js';
import { findReferral, saveTaskToken, saveWorkflowChange } from '../store/referrals-store.js';

/**
 * The referral workflow's one Lambda step (see workflows/referral-workflow.ts). It always reads the referral
 * afresh — the execution input carries only its keys — so every decision follows the stored truth, and a retried
 * step does no harm: timers are fired through a version-guarded, idempotent count, and a wait whose answer came
 * while no token was stored answers itself.
 */
export interface StepEvent {
  readonly action:
    'notify-contact-officer' | 'plan-timer' | 'await' | 'fire-timer' | 'notify-referring-officer';
  readonly referral: { readonly cantonId: string; readonly referralId: string };
  readonly phase?: Phase;
  readonly timer?: { readonly seconds: number; readonly timerIndex: number | null };
  readonly token?: string;
}

/** Where recipients act on a referral; no personal data, only the short reference. */
const actUrl = (reference: string) =>
  `${process.env.SWCS_PUBLIC_URL ?? 'https://swcs.example.org'}/r/${reference}`;

export const handler = async (event: StepEvent): Promise<unknown> => {
  const referral = await findReferral(event.referral.cantonId, event.referral.referralId);
  if (!referral) throw new Error(`Referral ${event.referral.referralId} not found`);
  switch (event.action) {
    case 'notify-contact-officer':
      await tellContactOfficers(referral, 'referral-new', new Date(referral.deadlines.acknowledgement));
      return {};
    case 'plan-timer': {
      const phase = requirePhase(event);
      return planWait(referral.schedule[phase] ?? [], referral.timersFired[phase], clock.now(), (at) =>
        clock.realMsUntil(at),
      );
    }
    case 'await': {
      const phase = requirePhase(event);
      if (!event.token) throw new Error('await needs the task token');
      await saveTaskToken(referral.cantonId, referral.referralId, phase, event.token);
      // An answer that arrived while the workflow was between waits: give it now.
      const outcome = phaseOutcome(referral, phase);
      if (outcome) await answerWorkflow(event.token, { outcome });
      return {};
    }
    case 'fire-timer': {
      const phase = requirePhase(event);
      const fired = fireTimer(referral, phase, event.timer?.timerIndex ?? null, clock.now().toISOString());
      if (!fired) return {};
      await saveWorkflowChange(fired.referral, fired.event);
      if (fired.notify) await sendTimerNotices(fired.referral, phase, fired.timer);
      return {};
    }
    case 'notify-referring-officer':
      await tellReferringOfficer(referral);
      return {};
    default:
      throw new Error(`Unknown referral step ${(event as StepEvent).action}`);
  }
};

function requirePhase(event: StepEvent): Phase {
  if (event.phase !== 'acknowledgement' && event.phase !== 'counterReferral') {
    throw new Error(`${event.action} needs a phase`);
  }
  return event.phase;
}

async function organizationOf(referral: Referral): Promise<Organization | undefined> {
  return findOrganization(referral.service.cantonId, referral.service.organizationId);
}

/** The phone of a provider's contact officer comes from the catalogue as it is now, not from the snapshot. */
function phoneOf(organization: Organization | undefined, officerId: string): string | undefined {
  return organization?.contactOfficers.find((o) => o.id === officerId)?.phone;
}

async function send(
  referral: Referral,
  kind: NotificationKind,
  recipient: { id: string; channel: 'sms' | 'email'; language: 'es' | 'en'; phone?: string; email?: string },
  data: Parameters<typeof renderNotification>[1],
) {
  const rendered = renderNotification(kind as never, data as never, recipient.language, recipient.channel);
  const result = await notify({
    cantonId: referral.cantonId,
    kind,
    recipient,
    referralId: referral.referralId,
    rendered,
  });
  if (!result.delivered) {
    logger.warn('Notification not delivered; recorded for follow-up', {
      referralId: referral.referralId,
      kind,
      recipientId: recipient.id,
    });
  }
}

const common = async (referral: Referral) => {
  const canton = await findCanton(referral.cantonId);
  return {
    reference: referral.reference,
    serviceName: referral.service.name,
    timeZone: canton?.timeZone ?? referral.calendar.timeZone,
    actUrl: actUrl(referral.reference),
  };
};

async function tellContactOfficers(referral: Referral, kind: NotificationKind, deadline: Date) {
  const organization = await organizationOf(referral);
  const data = { ...(await common(referral)), deadline };
  for (const officer of referral.contactOfficers) {
    await send(
      referral,
      kind,
      {
        id: officer.id,
        channel: officer.preferredChannel,
        language: officer.language,
        phone: phoneOf(organization, officer.id),
      },
      data,
    );
  }
}

async function sendTimerNotices(referral: Referral, phase: Phase, timer: Timer) {
  const deadline = new Date(
    phase === 'acknowledgement'
      ? referral.deadlines.acknowledgement
      : (referral.deadlines.counterReferral ?? timer.at),
  );
  if (timer.kind === 'reminder') {
    const kind = phase === 'acknowledgement' ? 'acknowledgement-reminder' : 'counter-referral-reminder';
    await tellContactOfficers(referral, kind, deadline);
    return;
  }
  const [canton, national, organization] = await Promise.all([
    findCanton(referral.cantonId),
    findCanton(NATIONAL),
    organizationOf(referral),
  ]);
  if (!canton || !national) throw new Error('Canton registrations missing');
  const recipients: Recipient[] = escalationRecipients(
    timer,
    referral,
    canton,
    national,
    organization?.contactOfficers ?? [],
  );
  const base = await common(referral);
  for (const recipient of recipients) {
    const role =
      recipient.as === 'contact-officer' || recipient.as === 'named-staff'
        ? 'canton-coordinator'
        : recipient.as;
    await send(
      referral,
      'escalation',
      {
        id: recipient.id,
        channel: recipient.channel,
        language: recipient.language,
        ...(recipient.email ? { email: recipient.email } : {}),
        ...(recipient.kind === 'contact-officer' ? { phone: phoneOf(organization, recipient.id) } : {}),
      },
      { ...base, deadline, step: { missed: phase, role } },
    );
  }
}

async function tellReferringOfficer(referral: Referral) {
  const canton = await findCanton(referral.cantonId);
  const officer = canton?.staff.find((s) => s.id === referral.referringOfficer);
  if (!officer) {
    logger.warn('Referring officer not found in the canton staff; closing notice not sent', {
      referralId: referral.referralId,
    });
    return;
  }
  const status = referral.status === 'completed' ? 'completed' : referral.status;
  await send(
    referral,
    'referral-closed',
    { id: officer.id, channel: 'email', language: canton?.language ?? 'es', email: officer.email },
    {
      ...(await common(referral)),
      deadline: new Date(referral.closedAt ?? referral.updatedAt),
      outcome: {
        status: status as 'completed',
        ...(referral.reason && status !== 'completed'
          ? { reason: { code: referral.reason.code, label: REASON_LABELS[referral.reason.code] } }
          : {}),
      },
    },
  );
}
