import { clock } from '#kernel/clock.js';
import { logger } from '#kernel/logger.js';
import { AppError } from '#kernel/errors.js';
import { notify, recordNotificationFailure } from '#adapters/sns/notifier.js';
import { NATIONAL } from '#app/tenancy.js';
import { answerWorkflow } from '#adapters/stepfunctions/task-tokens.js';
import type { Organization } from '#domain/catalogue.js';
import type { CantonDefinition } from '#domain/canton.js';
import {
  type LateAnswer,
  type NotificationData,
  type NotificationKind,
  REFERRAL_OUTCOMES,
  type ReferralOutcome,
  renderNotification,
} from '#domain/notifications.js';
import {
  fireTimer,
  isTerminal,
  phaseOutcome,
  REASON_LABELS,
  type Referral,
  type ReferralEvent,
} from '#domain/referral.js';
import {
  coordinatorsStandingIn,
  escalationNotices,
  escalationsSent,
  everyoneAlerted,
  type Phase,
  planWait,
  type Recipient,
  type Timer,
} from '#domain/referral-schedule.js';
import { parsePublicAddress, shortLink } from '#domain/public-address.js';
import { logChanged, type MessageLog, planChannels } from '#domain/referral-channels.js';
import { notificationFailed } from '#domain/referral-notice.js';
import { channelAfterOptOut } from '#domain/delivery.js';
import { breachActionOf, ladderExhausted, stuckReasonOf } from '#domain/reroute.js';
import { alternativesOf } from '#app/referrals/alternatives.js';
import { rerouteAutomatically } from '#app/referrals/reroute.js';
import { findOrganization } from '#adapters/dynamodb/catalogue-store.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import {
  findReferral,
  findReferralWithHistory,
  markNotified,
  saveMessageLog,
  saveTaskToken,
  saveWorkflowChange,
} from '#adapters/dynamodb/referrals-store.js';
import { findRequest } from '#adapters/dynamodb/requests-store.js';
import { issueLink } from '#adapters/dynamodb/links-store.js';

/**
 * The referral workflow's one Lambda step (see workflows/referral-workflow.ts). It always reads the referral
 * afresh — the execution input carries only its keys — so every decision follows the stored truth, and a retried
 * step does no harm: timers are fired through a version-guarded, idempotent count, and a wait whose answer came
 * while no token was stored answers itself.
 */
export interface StepEvent {
  readonly action:
    | 'notify-contact-officer'
    | 'record-notify-failure'
    | 'plan-timer'
    | 'await'
    | 'fire-timer'
    | 'tell-alerted'
    | 'notify-referring-officer';
  readonly referral: { readonly cantonId: string; readonly referralId: string };
  readonly phase?: Phase;
  readonly timer?: { readonly seconds: number; readonly timerIndex: number | null };
  readonly token?: string;
  /** What the workflow caught when notify-contact-officer failed after its retries (States.* error shape). */
  readonly failure?: { readonly Error?: string; readonly Cause?: string };
}

/**
 * Where a recipient acts on a referral: their own short link at the public address, a fresh random code bound to
 * the canton, the referral and them (domain/link.ts; no personal data, and not even the referral's reference). The
 * address is required and was checked where it was configured; checked again here, so that a bad one fails this
 * step (and is retried, recorded and alarmed) rather than sending a link that cannot work.
 */
async function actUrl(referral: Referral, recipient: { id: string; userId?: string }) {
  const address = parsePublicAddress(process.env.SWCS_PUBLIC_URL ?? '');
  const code = await issueLink(
    {
      cantonId: referral.cantonId,
      referralId: referral.referralId,
      recipient: recipient.userId
        ? { id: recipient.id, kind: 'contact-officer', userId: recipient.userId }
        : { id: recipient.id, kind: 'staff' },
    },
    clock.now(),
  );
  return shortLink(address, code);
}

export const handler = async (event: StepEvent): Promise<unknown> => {
  const referral = await findReferral(event.referral.cantonId, event.referral.referralId);
  if (!referral) throw new Error(`Referral ${event.referral.referralId} not found`);
  switch (event.action) {
    case 'notify-contact-officer':
      await notifyFirst(referral);
      return {};
    case 'record-notify-failure':
      await recordNotifyFailure(referral, event.failure);
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
      // An answer that arrived while the workflow was between waits: give it now. Read after the save, so that
      // a move written before it is seen here, and one written after it finds this token (a move checks in its
      // transaction that the token is still the one it read: taskTokenUnchanged).
      const current = (await findReferral(referral.cantonId, referral.referralId)) ?? referral;
      const outcome = phaseOutcome(current, phase);
      if (outcome) await answerWorkflow(event.token, { outcome });
      return {};
    }
    case 'fire-timer': {
      const phase = requirePhase(event);
      const { fired, current, notices } = await countTimer(referral, phase, event.timer?.timerIndex ?? null);
      for (const notice of notices) await send(current, notice.kind, notice.to, notice.data);
      // The ladder ran out unanswered: re-route (a retried or re-planning step tries again) or offer the next
      // services (once).
      if (ladderExhausted(current) && (fired?.notify || breachActionOf(current) === 're-route')) {
        await whenStuck(current, Boolean(fired?.notify));
      }
      return {};
    }
    case 'tell-alerted':
      await tellAlerted(requirePhase(event), event.referral);
      return {};
    case 'notify-referring-officer':
      await tellReferringOfficer(referral);
      return {};
    default:
      throw new Error(`Unknown referral step ${(event as StepEvent).action}`);
  }
};

/** Attempts at counting a timer on a referral that others keep changing: more than people act in a second. */
const FIRE_ATTEMPTS = 3;

/**
 * Counts the fired timer on the referral, deciding again on a fresh read when someone changed it meanwhile (a
 * contact officer acknowledging in that same second): such a conflict must not fail the execution — its timers
 * would stop — and the answer it brought may mean the timer is counted without a notice. The timer's notices and
 * their channels are decided before the count is written, so that what they send is kept on the referral in that
 * same write (its message log); a retried step finds the timer counted and sends nothing again.
 */
async function countTimer(referral: Referral, phase: Phase, timerIndex: number | null) {
  let current = referral;
  for (let attempt = 1; ; attempt++) {
    const fired = fireTimer(current, phase, timerIndex, clock.now().toISOString());
    if (!fired) return { fired, current, notices: [] };
    const planned = fired.notify
      ? await timerNotices(fired.referral, phase, fired.timer)
      : { notices: [], log: fired.referral.messageLog ?? {} };
    const counted = logChanged(fired.referral.messageLog, planned.log)
      ? { ...fired.referral, messageLog: planned.log }
      : fired.referral;
    try {
      await saveWorkflowChange(counted, fired.event);
      return { fired, current: counted, notices: planned.notices };
    } catch (error) {
      const changed = error instanceof AppError && error.statusCode === 409 && attempt < FIRE_ATTEMPTS;
      const fresh = changed ? await findReferral(current.cantonId, current.referralId) : undefined;
      if (!fresh) throw error;
      current = fresh;
    }
  }
}

/**
 * The first notice, sent once: a workflow resumed after a restart sends it only if the history does not say it
 * went out. What could not be delivered to one officer is already recorded and alarmed by the notifier.
 */
async function notifyFirst(referral: Referral) {
  if (referral.notifiedAt) return;
  const { notices, log } = await contactOfficerNotices(
    referral,
    'referral-new',
    new Date(referral.deadlines.acknowledgement),
  );
  for (const notice of notices) await send(referral, notice.kind, notice.to, notice.data);
  // Ones that could not be delivered are already recorded and alarmed by the notifier: the notice went out.
  if (notices.length > 0) {
    await markNotified(
      referral.cantonId,
      referral.referralId,
      clock.now().toISOString(),
      logChanged(referral.messageLog, log) ? log : undefined,
    );
  }
}

/**
 * The first step failed after its retries: nobody has been told. Say so on the referral (it shows as overdue at
 * once) and in the canton's notification failures (the alarm), then let the timers run, so the ladder still
 * climbs to someone who can act.
 */
async function recordNotifyFailure(referral: Referral, failure: StepEvent['failure']) {
  const error = [failure?.Error, failure?.Cause && safeCause(failure.Cause)].filter(Boolean).join(': ');
  await saveMark(referral, (current) =>
    notificationFailed(current, clock.now().toISOString(), error || 'unknown error'),
  );
  for (const officer of referral.contactOfficers) {
    await recordNotificationFailure(
      {
        cantonId: referral.cantonId,
        kind: 'referral-new',
        referralId: referral.referralId,
        recipient: { id: officer.id, channel: officer.preferredChannel },
      },
      Object.assign(new Error(error), { name: failure?.Error ?? 'StepFailed' }),
    );
  }
}

/** A Lambda error's Cause is JSON with errorMessage and a stack trace: keep the message, which our code wrote. */
function safeCause(cause: string): string {
  try {
    return String((JSON.parse(cause) as { errorMessage?: unknown }).errorMessage ?? '');
  } catch {
    return cause.slice(0, 200);
  }
}

/**
 * Saves a workflow mark on the referral, deciding again on a fresh read when someone changed it meanwhile (a
 * contact officer acknowledging within the same second): the mark must not fail the step and resend notices.
 */
async function saveMark(
  referral: Referral,
  decide: (current: Referral) => { referral: Referral; event: ReferralEvent } | undefined,
) {
  let current: Referral | undefined = referral;
  for (let attempt = 1; current; attempt++) {
    const change = decide(current);
    if (!change) return;
    try {
      await saveWorkflowChange(change.referral, change.event);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      current = await findReferral(referral.cantonId, referral.referralId);
    }
  }
}

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

/** The officer's e-mail address in the catalogue: their subscription delivers by it (and an opted-out SMS falls back to it). */
function emailOf(organization: Organization | undefined, officerId: string): string | undefined {
  return organization?.contactOfficers.find((o) => o.id === officerId)?.email;
}

/** A notice's data before its recipient's link is made. */
type WithoutLink<T> = T extends unknown ? Omit<T, 'actUrl'> : never;

/** Who a notice goes to; `userId` for a provider's contact officer, whose link lets them act. */
interface Addressee {
  readonly id: string;
  readonly channel: 'sms' | 'email';
  readonly language: 'es' | 'en';
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly userId?: string | undefined;
  /** The canton whose notifications topic holds their e-mail subscription, when not the referral's (national staff). */
  readonly cantonId?: string;
}

async function send(
  referral: Referral,
  kind: NotificationKind,
  { userId, ...recipient }: Addressee,
  data: WithoutLink<NotificationData>,
) {
  const withLink = {
    ...data,
    actUrl: await actUrl(referral, { id: recipient.id, ...(userId ? { userId } : {}) }),
  };
  const { phone, email, ...rest } = recipient;
  const message = (channel: 'sms' | 'email') => ({
    cantonId: referral.cantonId,
    kind,
    // The user id is what a contact officer's e-mail subscription filters on.
    recipient: {
      ...rest,
      channel,
      ...(userId ? { userId } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
    },
    referralId: referral.referralId,
    rendered: renderNotification(kind as never, withLink as never, recipient.language, channel),
  });
  let result = await notify(message(recipient.channel));
  if ('optedOut' in result) {
    // The number opted out of SMS (recorded by the notifier): by e-mail, or recorded as a failure.
    const channel = channelAfterOptOut(recipient);
    result = channel
      ? await notify(message(channel))
      : await recordNotificationFailure(
          { cantonId: referral.cantonId, kind, referralId: referral.referralId, recipient },
          Object.assign(new Error('The number opted out of SMS and no e-mail address is known'), {
            name: 'OptedOut',
          }),
        );
  }
  if (!result.delivered) {
    logger.warn('Notification not delivered; recorded for follow-up', {
      referralId: referral.referralId,
      kind,
      recipientId: recipient.id,
    });
  }
  return result;
}

const common = async (referral: Referral) => {
  const canton = await findCanton(referral.cantonId);
  return {
    reference: referral.reference,
    serviceName: referral.service.name,
    timeZone: canton?.timeZone ?? referral.calendar.timeZone,
  };
};

/** A message a step is about to send: its kind, its addressee with the channel decided, and its data. */
interface Notice {
  readonly kind: NotificationKind;
  readonly to: Addressee;
  readonly data: WithoutLink<NotificationData>;
}

/** The notices of a step, and the referral's message log once they are sent. */
interface Notices {
  readonly notices: readonly Notice[];
  readonly log: MessageLog;
}

/**
 * The channels of a step's addressees, in order (domain/referral-channels.ts): the first message of the referral to
 * each person on their preferred channel, later ones by e-mail when they have an address, and SMS to someone
 * without one once a product day at most. `sends` and `held` give the addressees' positions in `addressees`. A
 * contact officer is known in the log by the id they sign in with, a member of staff by their id.
 */
function channelsOf(referral: Referral, addressees: readonly Addressee[]) {
  const plan = planChannels(
    addressees.map((a, index) => ({ userId: a.userId ?? a.id, channel: a.channel, email: a.email, index })),
    referral.messageLog,
    clock.now(),
  );
  return {
    sends: plan.sends.map(({ recipient, channel }) => ({ index: recipient.index, channel })),
    held: plan.held.map((h) => h.index),
    log: plan.log,
  };
}

/** A notice to each of the referral's contact officers (the new referral, or a reminder), each on its channel. */
async function contactOfficerNotices(
  referral: Referral,
  kind: NotificationKind,
  deadline: Date,
): Promise<Notices> {
  const organization = await organizationOf(referral);
  const data = { ...(await common(referral)), deadline };
  const officers: Addressee[] = referral.contactOfficers.map((officer) => ({
    id: officer.id,
    channel: officer.preferredChannel,
    language: officer.language,
    phone: phoneOf(organization, officer.id),
    email: emailOf(organization, officer.id),
    userId: officer.userId,
  }));
  const plan = channelsOf(referral, officers);
  // Reached only by SMS, and today's SMS of this referral already told them: the next day's may remind them.
  for (const index of plan.held) heldToday(referral, kind, officers[index]);
  return {
    notices: plan.sends.map(({ index, channel }) => ({ kind, to: { ...officers[index]!, channel }, data })),
    log: plan.log,
  };
}

/** A message not sent because its recipient has only SMS and had one of this referral today: logged, not alarmed. */
function heldToday(referral: Referral, kind: NotificationKind, to: Addressee | undefined) {
  logger.info('Message held: one SMS per referral and product day', {
    referralId: referral.referralId,
    kind,
    recipientId: to?.id,
  });
}

/** What a fired timer of a phase that is still unanswered sends: a reminder, or the escalation step's notices. */
async function timerNotices(referral: Referral, phase: Phase, timer: Timer): Promise<Notices> {
  const deadline = new Date(
    phase === 'acknowledgement'
      ? referral.deadlines.acknowledgement
      : (referral.deadlines.counterReferral ?? timer.at),
  );
  if (timer.kind === 'reminder') {
    const kind = phase === 'acknowledgement' ? 'acknowledgement-reminder' : 'counter-referral-reminder';
    return contactOfficerNotices(referral, kind, deadline);
  }
  const [canton, national, organization] = await Promise.all([
    findCanton(referral.cantonId),
    findCanton(NATIONAL),
    organizationOf(referral),
  ]);
  if (!canton || !national) throw new Error('Canton registrations missing');
  const notices = escalationNotices(timer, referral, canton, national, organization?.contactOfficers ?? []);
  const base = await common(referral);
  const ladder = referral.protocol.definition.escalation[phase].length;
  // A contact officer is on an escalation only as a stand-in, which the coordination's wording covers.
  const roleOf = (recipient: Recipient) =>
    recipient.as === 'contact-officer' ? 'canton-coordinator' : recipient.as;
  const stepData = (recipient: Recipient, alsoAlertedAtStep?: number) => {
    const role = roleOf(recipient);
    return {
      ...base,
      deadline,
      step: {
        missed: phase,
        role,
        ...(timer.step !== undefined ? { number: timer.step + 1, of: ladder } : {}),
        ...(recipient.fallbackFrom ? { standsInFor: recipient.fallbackFrom } : {}),
        ...(alsoAlertedAtStep !== undefined ? { alsoAlertedAtStep } : {}),
      },
    };
  };
  const addressees = notices.map((n) => addressOf(n.recipient, organization, canton));
  const plan = channelsOf(referral, addressees);
  const sent: Notice[] = plan.sends.map(({ index, channel }) => ({
    kind: 'escalation',
    to: { ...addressees[index]!, channel },
    data: stepData(notices[index]!.recipient, notices[index]!.alsoAlertedAtStep),
  }));
  // Someone reached only by SMS who had one of this referral today cannot be told again today, and the escalation
  // must still reach someone who can act: the coordinators stand in for them (by e-mail), saying why.
  const told = new Set(notices.map((n) => n.recipient.userId));
  for (const index of plan.held) {
    const { recipient } = notices[index]!;
    heldToday(referral, 'escalation', addressees[index]!);
    for (const standIn of coordinatorsStandingIn(canton, national, roleOf(recipient))) {
      if (told.has(standIn.userId)) continue;
      told.add(standIn.userId);
      const data = stepData(standIn);
      sent.push({
        kind: 'escalation',
        to: addressOf(standIn, organization, canton),
        data: { ...data, step: { ...data.step, standsInBecause: 'sms-today' } },
      });
    }
  }
  return { notices: sent, log: plan.log };
}

/**
 * How to reach a recipient of an escalation. A contact officer's phone and address come from the catalogue; a
 * member of the national staff (not of the canton's) is subscribed to the national notifications topic.
 */
function addressOf(
  recipient: Recipient,
  organization: Organization | undefined,
  canton: Pick<CantonDefinition, 'staff'>,
): Addressee {
  const national = recipient.kind === 'staff' && !canton.staff.some((s) => s.id === recipient.id);
  return {
    id: recipient.id,
    channel: recipient.channel,
    language: recipient.language,
    ...(recipient.email ? { email: recipient.email } : {}),
    // A supervisor is a contact officer of the provider, though not of the referral: their e-mail subscription
    // filters on the id they sign in with, and their link is a contact officer's (verified by their phone).
    ...(recipient.kind === 'contact-officer'
      ? {
          phone: phoneOf(organization, recipient.id),
          email: emailOf(organization, recipient.id),
          userId: recipient.userId,
        }
      : {}),
    ...(national ? { cantonId: NATIONAL } : {}),
  };
}

/** What answered the phase, and when, as the referral now shows it. */
function answerOf(referral: Referral, phase: Phase): { answer: LateAnswer; at: string } | undefined {
  if (phase === 'acknowledgement' && referral.acknowledgedAt !== undefined) {
    return { answer: 'acknowledged', at: referral.acknowledgedAt };
  }
  if (!isTerminal(referral.status)) return undefined;
  const at = referral.closedAt ?? referral.updatedAt;
  if (referral.status === 'completed') {
    return { answer: 'counter-referral', at: referral.counterReferral?.recordedAt ?? at };
  }
  return { answer: referral.status as Exclude<LateAnswer, 'acknowledged' | 'counter-referral'>, at };
}

/**
 * A phase was answered: everyone its escalations alerted (each once, whatever the number of steps that reached
 * them) is told that the answer arrived, so that nobody chases a referral that is already moving. The history says
 * which escalations did alert; a phase answered in time alerted nobody and tells nobody.
 */
async function tellAlerted(phase: Phase, keys: StepEvent['referral']) {
  const found = await findReferralWithHistory(keys.cantonId, keys.referralId);
  if (!found) throw new Error(`Referral ${keys.referralId} not found`);
  const referral = found.record;
  const timers = escalationsSent(referral, phase, found.history as ReferralEvent[]);
  const answered = answerOf(referral, phase);
  if (timers.length === 0 || !answered) return;
  const [canton, national, organization] = await Promise.all([
    findCanton(referral.cantonId),
    findCanton(NATIONAL),
    organizationOf(referral),
  ]);
  if (!canton || !national) throw new Error('Canton registrations missing');
  const recipients = everyoneAlerted(timers, referral, canton, national, organization?.contactOfficers ?? []);
  const base = await common(referral);
  const addressees = recipients.map((r) => addressOf(r, organization, canton));
  // Everyone alerted had a message of this referral: by e-mail now where they have an address.
  const plan = channelsOf(referral, addressees);
  // Only when an SMS goes out does the log change, and only then does this step write.
  if (logChanged(referral.messageLog, plan.log)) {
    await saveMessageLog(referral.cantonId, referral.referralId, plan.log);
  }
  // Reached only by SMS and already sent one today: the referral's page, behind their link, says it moved.
  for (const index of plan.held) heldToday(referral, 'late-answer', addressees[index]);
  for (const { index, channel } of plan.sends) {
    await send(
      referral,
      'late-answer',
      { ...addressees[index]!, channel },
      { ...base, deadline: new Date(answered.at), answer: answered.answer },
    );
  }
}

/**
 * A referral is stuck (domain/reroute.ts): with `onBreach: "re-route"` it is re-routed now, and its own workflow's
 * closing step tells the referring officer where it went; otherwise (or when no service will take it) the
 * referring officer is told, with how many services could, when `announce`.
 */
async function whenStuck(referral: Referral, announce: boolean) {
  if (await rerouteAutomatically(referral)) return;
  if (announce) await noticeToReferringOfficer(referral);
}

/** The referral ended: a rejection for no capacity or outside the area is re-routed first if its protocol says so. */
async function tellReferringOfficer(referral: Referral) {
  await noticeToReferringOfficer((await rerouteAutomatically(referral)) ?? referral);
}

/** Tells the referring officer how the referral ended, or that it is stuck (with what can be done), or re-routed. */
async function noticeToReferringOfficer(referral: Referral) {
  const canton = await findCanton(referral.cantonId);
  const officer = canton?.staff.find((s) => s.id === referral.referringOfficer);
  if (!officer) {
    logger.warn('Referring officer not found in the canton staff; closing notice not sent', {
      referralId: referral.referralId,
    });
    return;
  }
  const why = stuckReasonOf(referral);
  if (why && canton) {
    const to = referral.reroutedTo;
    const alternatives = to ? undefined : (await alternativesOf(canton, referral)).length;
    const base = `/cantons/${referral.cantonId}/referrals/${referral.referralId}`;
    await send(
      referral,
      're-route',
      { id: officer.id, channel: 'email', language: canton.language, email: officer.email },
      {
        ...(await common(referral)),
        deadline: new Date(to?.at ?? referral.closedAt ?? referral.updatedAt),
        reroute: {
          why,
          ...(to
            ? { to: { reference: to.reference, serviceName: to.serviceName, automatic: to.automatic } }
            : {}),
          ...(alternatives !== undefined ? { alternatives } : {}),
          ...(alternatives ? { choose: `GET ${base}/alternatives, POST ${base}/reroute` } : {}),
        },
      },
    );
    return;
  }
  const status = referral.status;
  if (!(REFERRAL_OUTCOMES as readonly string[]).includes(status)) return;
  // Where the request stands now (back in the queue, or still with another referral open), by its reference.
  const request =
    status === 'completed'
      ? undefined
      : await findRequest(referral.requestCantonId ?? referral.cantonId, referral.requestId);
  await send(
    referral,
    'referral-closed',
    { id: officer.id, channel: 'email', language: canton?.language ?? 'es', email: officer.email },
    {
      ...(await common(referral)),
      deadline: new Date(referral.closedAt ?? referral.updatedAt),
      outcome: {
        status: status as ReferralOutcome,
        ...(referral.reason && status !== 'completed'
          ? { reason: { code: referral.reason.code, label: REASON_LABELS[referral.reason.code] } }
          : {}),
      },
      ...(request
        ? { request: { reference: request.reference, needsReferral: request.status === 'needs-referral' } }
        : {}),
    },
  );
}
