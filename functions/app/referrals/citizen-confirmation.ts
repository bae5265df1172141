import { clock } from '#kernel/clock.js';
import { conflict } from '#kernel/errors.js';
import { logger } from '#kernel/logger.js';
import type { Caller } from '#model/caller.js';
import {
  CONFIRMATION_DENIED_KIND,
  CONFIRMATION_SMS_KIND,
  type ConfirmationInput,
  type ConfirmationQuestion,
  confirmationDeniedEmail,
  confirmationSms,
  answeredAlready,
  initialsOf,
  planConfirmation,
  recordConfirmation,
} from '#domain/citizen-confirmation.js';
import { parsePublicAddress, shortLink } from '#domain/public-address.js';
import type { Referral } from '#domain/referral.js';
import { referralNotFound } from '#domain/referral-access.js';
import { followUpReopened } from '#domain/request.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import {
  auditWrite,
  confirmationAnsweredWrite,
  confirmationQuestionPut,
  confirmationQuestionRead,
  confirmationWithdrawnWrite,
  findConfirmationQuestion,
  callNow,
  markSmsSent,
} from '#adapters/dynamodb/confirmations-store.js';
import { issueConfirmationLink, issueLink } from '#adapters/dynamodb/links-store.js';
import { findReferral, referralRead, saveReferral } from '#adapters/dynamodb/referrals-store.js';
import {
  findRequest,
  findRequestWithHistory,
  requestChangeWrites,
  requestRead,
} from '#adapters/dynamodb/requests-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import type { CitizenRequest } from '#domain/request.js';
import type { AccompanyingWrite } from '#adapters/dynamodb/versioned.js';
import { notify } from '#adapters/sns/notifier.js';
import { benefitOnDenial } from '../registry/referral-benefit.js';
import { citizenCaller, type OpenConfirmation } from './confirmation-link.js';

/**
 * The citizen confirms they were served (domain/citizen-confirmation.ts): the question written with the referral's
 * completion, the one SMS after it, the answer — through the citizen's link or an operator — written on the referral
 * with its event and audit record, and a denial's reopening of the request, all or nothing.
 */

/** Who reads the citizen's phone to send the SMS: the platform itself, on the completion's behalf. */
const confirmationCaller = (cantonId: string): Caller => ({
  userId: 'swcs-confirmation',
  cantonId,
  roles: [],
});

/**
 * The end effect of a completion (app/referrals/end-effects.ts): the question to the citizen, written in the
 * completion's own transaction — so a completed referral is never without it — with the audit record of the
 * request's contact data it read. Without a phone or consent to be contacted, it is due for a call at once.
 */
export async function askCitizenOnCompletion(moved: {
  readonly before: Referral;
  readonly after: Referral;
  readonly caller: Caller;
  readonly now: string;
  readonly reads: BatchReads;
}): Promise<AccompanyingWrite[]> {
  const { before, after, caller, now } = moved;
  if (before.status === 'completed' && after.status === 'entered-in-error') {
    // Entered in error before the citizen answered: nothing is left to confirm, and nobody should call.
    const question = await findConfirmationQuestion(before.cantonId, before.referralId);
    return question?.status === 'pending' ? [confirmationWithdrawnWrite(question)] : [];
  }
  if (after.status !== 'completed' || before.status === 'completed') return [];
  const requestCantonId = before.requestCantonId ?? before.cantonId;
  const request = await moved.reads.get(requestRead(requestCantonId, before.requestId));
  if (!request) return [];
  const question = questionOnCompletion(after, request, now);
  const audit = auditOf(
    caller,
    requestCantonId,
    'request.contact-read',
    { type: 'request', id: request.requestId },
    { at: now, details: { purpose: 'citizen-confirmation', referralId: before.referralId } },
  );
  return [confirmationQuestionPut(question), auditWrite(audit)];
}

/** The question a completion writes, from the completed referral and its request. */
function questionOnCompletion(after: Referral, request: CitizenRequest, now: string): ConfirmationQuestion {
  const initials = initialsOf(request.citizen.name);
  return planConfirmation(
    after,
    {
      ...(request.contact.phone ? { phone: request.contact.phone } : {}),
      contactConsent: request.consent.contact === 'given',
      language: request.contact.language ?? 'es',
      ...(initials ? { initials } : {}),
      requestReference: request.reference,
    },
    now,
  );
}

/**
 * After the completion is written: the one SMS with the citizen's own link, when the question says so. Never
 * throws — the completion stands whatever happens here: a send that fails puts the referral on the call-back list
 * at once, and if this never runs at all (the function stopped), the question is still due for a call after the
 * protocol's period.
 *
 * `written`: the move that completed the referral, whose reads hold the request it wrote the question from. The
 * question is then the one that move's transaction just wrote (the same function of the same request and time),
 * so neither is read again; without it both are read.
 */
export async function sendConfirmationSms(
  referral: Referral,
  written?: { readonly reads: BatchReads; readonly now: string },
): Promise<void> {
  try {
    const requestCantonId = referral.requestCantonId ?? referral.cantonId;
    const known = written && (await written.reads.get(requestRead(requestCantonId, referral.requestId)));
    const question = known
      ? questionOnCompletion(referral, known, written.now)
      : await findConfirmationQuestion(referral.cantonId, referral.referralId);
    if (!question || question.askedBy !== 'sms' || question.smsSentAt || question.status !== 'pending')
      return;
    const request = known ?? (await findRequest(question.requestCantonId, question.requestId));
    const phone = request?.contact.phone;
    if (!phone) return;
    await recordAudit(
      auditOf(
        confirmationCaller(question.requestCantonId),
        question.requestCantonId,
        'request.contact-read',
        { type: 'request', id: question.requestId },
        { details: { purpose: 'citizen-confirmation-sms', referralId: referral.referralId } },
      ),
    );
    const address = parsePublicAddress(process.env.SWCS_PUBLIC_URL ?? '');
    const code = await issueConfirmationLink(referral.cantonId, referral.referralId, clock.now());
    const result = await notify({
      cantonId: referral.cantonId,
      kind: CONFIRMATION_SMS_KIND,
      referralId: referral.referralId,
      recipient: { id: `citizen.${referral.referralId}`, channel: 'sms', phone, language: question.language },
      rendered: confirmationSms(question.requestReference, shortLink(address, code), question.language),
    });
    const at = clock.now().toISOString();
    if (result.delivered) await markSmsSent(question, at);
    else await callNow(question, at);
  } catch (error) {
    logger.error('citizen confirmation SMS not sent', {
      referralId: referral.referralId,
      error: (error as Error).name,
    });
    const question = await findConfirmationQuestion(referral.cantonId, referral.referralId).catch(
      () => undefined,
    );
    if (question) await callNow(question, clock.now().toISOString()).catch(() => undefined);
  }
}

export interface ConfirmationAnswerCommand {
  readonly cantonId: string;
  readonly referralId: string;
  readonly caller: Caller;
  readonly input: ConfirmationInput;
  readonly via: 'link' | 'operator';
  /** The API's If-Match, checked against the referral as read. */
  readonly checkVersion?: (referral: Referral) => void;
}

/**
 * Records the citizen's answer, once: on the referral (with its event), the question leaving the call-back list,
 * the audit record, and — for a denial — the request back in the referring officer's queue, in one transaction.
 * Then a denial tells the referring officer. A second answer, from wherever, is a 409 that changes nothing.
 */
export async function answerConfirmation(command: ConfirmationAnswerCommand): Promise<Referral> {
  const { caller, via } = command;
  // The referral and its question are read by key together (one BatchGetItem).
  const reads = new BatchReads();
  const [referral, question] = await Promise.all([
    reads.get(referralRead(command.cantonId, command.referralId)),
    reads.get(confirmationQuestionRead(command.cantonId, command.referralId)),
  ]);
  if (!referral) throw referralNotFound(command.referralId);
  const now = clock.now().toISOString();
  const actor = { userId: caller.userId, roles: caller.roles };
  let result: ReturnType<typeof recordConfirmation>;
  try {
    result = recordConfirmation(referral, command.input, { actor, via, now });
  } catch (error) {
    command.checkVersion?.(referral);
    throw error;
  }
  command.checkVersion?.(referral);
  const writes: AccompanyingWrite[] = question ? [confirmationAnsweredWrite(question)] : [];
  let reopened = false;
  const requestCantonId = referral.requestCantonId ?? referral.cantonId;
  if (command.input.answer === 'denied') {
    const found = await findRequestWithHistory(requestCantonId, referral.requestId);
    if (found) {
      const closedBy = found.history.findLast((e) => e.action === 'closed')?.details.referralId;
      const change = followUpReopened(
        found.request,
        referral.referralId,
        closedBy === referral.referralId,
        caller,
        now,
      );
      reopened = change.request.status !== found.request.status;
      writes.push(...requestChangeWrites(change.request, change.event));
      writes.push(...(await benefitOnDenial(referral, found.request.citizen, caller, now)));
    }
  }
  const audit = auditOf(
    caller,
    referral.cantonId,
    'referral.confirmation',
    { type: 'referral', id: referral.referralId },
    { at: now, details: { via, answer: command.input.answer } },
  );
  const saved = await saveReferral(result.referral, result.event, audit, writes);
  if (!saved.ok) {
    if (saved.failed.has('confirmation-question')) throw answeredAlready(result.referral);
    throw conflict({
      es: 'La derivación o su solicitud cambiaron mientras se procesaba; vuelva a intentarlo',
      en: 'The referral or its request changed meanwhile; try again',
    });
  }
  if (command.input.answer === 'denied') {
    await tellReferringOfficer(result.referral, question, via, reopened);
  }
  return result.referral;
}

/** A denial reaches the referring officer by e-mail, with their own link to the referral (never the citizen's data). */
async function tellReferringOfficer(
  referral: Referral,
  question: ConfirmationQuestion | undefined,
  via: 'link' | 'operator',
  reopened: boolean,
) {
  const canton = await findCanton(referral.cantonId);
  const officer = canton?.staff.find((s) => s.id === referral.referringOfficer);
  if (!canton || !officer) {
    logger.warn('Referring officer not found; confirmation denial not sent', {
      referralId: referral.referralId,
    });
    return;
  }
  const requestReference =
    question?.requestReference ??
    (await findRequest(referral.requestCantonId ?? referral.cantonId, referral.requestId))?.reference ??
    referral.reference;
  const address = parsePublicAddress(process.env.SWCS_PUBLIC_URL ?? '');
  const code = await issueLink(
    {
      cantonId: referral.cantonId,
      referralId: referral.referralId,
      recipient: { id: officer.id, kind: 'staff' },
    },
    clock.now(),
  );
  await notify({
    cantonId: referral.cantonId,
    kind: CONFIRMATION_DENIED_KIND,
    referralId: referral.referralId,
    recipient: { id: officer.id, channel: 'email', email: officer.email, language: canton.language },
    rendered: confirmationDeniedEmail(
      {
        referralReference: referral.reference,
        requestReference,
        serviceName: referral.service.name,
        via,
        reopened,
        actUrl: shortLink(address, code),
      },
      canton.language,
    ),
  });
}

// ---- The citizen's link ----

export type ConfirmByLink = { readonly ok: true } | { readonly ok: false; readonly referral: Referral };

/** The citizen's own answer, through the operator's use case; a second one says so with the referral as it is. */
export async function confirmByLink(
  open: OpenConfirmation,
  input: ConfirmationInput,
): Promise<ConfirmByLink> {
  try {
    await answerConfirmation({
      cantonId: open.link.cantonId,
      referralId: open.link.referralId,
      caller: citizenCaller(open.link),
      input,
      via: 'link',
    });
    return { ok: true };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    const fresh = await findReferral(open.link.cantonId, open.link.referralId);
    return { ok: false, referral: fresh ?? open.referral };
  }
}
