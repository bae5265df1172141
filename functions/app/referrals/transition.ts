import { auditOf } from '#adapters/dynamodb/audit.js';
import type { Caller } from '#model/caller.js';
import { clock } from '#kernel/clock.js';
import { AppError, conflict } from '#kernel/errors.js';
import { answerWorkflow } from '#adapters/stepfunctions/task-tokens.js';
import {
  isTerminal,
  relationsOf,
  type Referral,
  type TransitionInput,
  type TransitionName,
  type TransitionResult,
  transitionReferral,
} from '#domain/referral.js';
import { type Change, closeRequest, referralEnded, type UnservedOutcome } from '#domain/request.js';
import { spotChange } from '#adapters/dynamodb/catalogue-store.js';
import type { AccompanyingWrite } from '#adapters/dynamodb/versioned.js';
import {
  activeReferralRelease,
  referralRead,
  referralsOfRequest,
  saveReferral,
  type TaskToken,
  taskTokenRead,
  taskTokenUnchanged,
} from '#adapters/dynamodb/referrals-store.js';
import {
  findRequestWithHistory,
  requestChangeWrites,
  requestRead,
} from '#adapters/dynamodb/requests-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { referralNotFound } from '#domain/referral-access.js';
import { referralMoveWrites } from './end-effects.js';
import { sendConfirmationSms } from './citizen-confirmation.js';

export interface ReferralMove {
  /** The canton the caller may act in (already checked by the caller of this use case). */
  readonly cantonId: string;
  readonly referralId: string;
  readonly caller: Caller;
  readonly action: TransitionName;
  readonly input: TransitionInput;
  /**
   * Checked against the referral as read, both when the move is refused and before it is written: the API's
   * If-Match, so that a client that read an older version hears that first.
   */
  readonly checkVersion?: (referral: Referral) => void;
  /** How the caller reached the referral, said in the audit record: `link` for a contact officer's short link. */
  readonly via?: 'link';
  /**
   * The referral and its workflow's task token as this operation read them a moment ago (consistently: a link's
   * page reads both with the history it shows), so the move does not read them again. Nothing is lost: the
   * transaction checks the referral's version and the token, and a change since is judged again on what is stored.
   */
  readonly read?: { readonly referral: Referral; readonly token: TaskToken | undefined };
}

/**
 * Every move of a referral through its lifecycle — acknowledge, accept, reject, start, hold, complete with the
 * counter-referral, fail, cancel, mark entered in error — whoever asks for it (the JSON API, a contact officer's
 * page): check who may, let the domain decide, write the referral, its spot and (when it ends) its request
 * together, then answer the workflow's wait. A move not allowed now, or a repeated one, is a 409 that changes
 * nothing.
 */
export async function moveReferral(move: ReferralMove): Promise<Referral> {
  const read = move.read ? { ...move.read, reads: new BatchReads() } : await readForMove(move);
  if (!read) throw referralNotFound(move.referralId);
  const first = await attemptMove(move, read);
  if (!('changedMeanwhile' in first)) return first.moved;
  // The workflow writes the referral too (a reminder, an escalation step) and saves the token of each wait: a
  // contact officer answering in that same second must not hear "changed meanwhile" for a change nobody made to
  // what they answer. Judged again once on the new state, a move no longer allowed is refused for what it is, and
  // an If-Match is checked anew.
  const second = await attemptMove(move, first.changedMeanwhile);
  if ('changedMeanwhile' in second) throw second.error;
  return second.moved;
}

/** What a move starts from: the referral and its workflow's task token, read in one call. */
interface MoveStart {
  readonly referral: Referral;
  readonly token: TaskToken | undefined;
  /** The move's reads: what its request and its end effects need joins one batch (app/referrals/end-effects.ts). */
  readonly reads: BatchReads;
}

async function readForMove(move: ReferralMove): Promise<MoveStart | undefined> {
  const reads = new BatchReads();
  reads.prefetch(taskTokenRead(move.cantonId, move.referralId));
  const referral = await reads.get(referralRead(move.cantonId, move.referralId));
  if (!referral) return undefined;
  return { referral, token: await reads.get(taskTokenRead(move.cantonId, move.referralId)), reads };
}

type Attempt = { moved: Referral } | { changedMeanwhile: MoveStart; error: unknown };

async function attemptMove(move: ReferralMove, start: MoveStart): Promise<Attempt> {
  const { referral, token, reads } = start;
  const { caller, action } = move;
  const actor = { userId: caller.userId, roles: caller.roles };
  const relations = relationsOf(referral, actor);
  // A contact officer of another provider does not learn that this referral exists.
  if (relations.length === 0 && caller.roles.includes('contact-officer'))
    throw referralNotFound(referral.referralId);

  const now = clock.now().toISOString();
  let result: TransitionResult;
  try {
    result = transitionReferral(referral, action, move.input, { actor, relation: relations, now });
  } catch (error) {
    // A client that read an older version hears that first: the move it meant was judged on another state.
    move.checkVersion?.(referral);
    throw error;
  }
  move.checkVersion?.(referral);
  try {
    await persist({ before: referral, result, caller, now, action, via: move.via, token, reads });
  } catch (error) {
    const stored = isConflict(error) ? await readForMove(move) : undefined;
    if (!stored) throw error;
    const tokenMoved = error instanceof TokenChanged;
    if (!tokenMoved && stored.referral.version === referral.version) throw error;
    return { changedMeanwhile: stored, error: tokenMoved ? error.conflict : error };
  }
  // The citizen is asked once the completion is written (the question itself was written with it, from the
  // request this move read).
  if (result.referral.status === 'completed' && referral.status !== 'completed') {
    await sendConfirmationSms(result.referral, { reads, now });
  }
  // The token read with the referral is still the stored one: the transaction checked it (taskTokenUnchanged).
  // Without a token for this phase the workflow is between waits; its next wait sees the answer itself.
  if (result.workflow && token?.phase === result.workflow.phase) {
    await answerWorkflow(token.taskToken, { outcome: result.workflow.outcome });
  }
  return { moved: result.referral };
}

const isConflict = (error: unknown) =>
  error instanceof TokenChanged || (error instanceof AppError && error.statusCode === 409);

/** The workflow saved another task token between the move's read and its write: read both again, move again. */
class TokenChanged extends Error {
  constructor(readonly conflict: AppError) {
    super('task token changed meanwhile');
  }
}

/**
 * What the referral's end does to its request, written in the same transaction: completion closes it; an end
 * without the citizen served (rejected, cancelled, failed, entered in error) puts it back in a queue unless another
 * referral of it is open. Entering in error a referral whose completion closed the request reopens it. A request
 * changed meanwhile makes the whole transaction fail (its version guard), so a referral made for it at the same
 * moment is never overlooked.
 */
async function linkedRequestChange(
  before: Referral,
  after: Referral,
  caller: Caller,
  now: string,
  reads: BatchReads,
): Promise<Change | undefined> {
  const requestCantonId = before.requestCantonId ?? before.cantonId;
  if (after.status === 'completed') {
    // The same read as the end effects' (one batch with the plan, when one follows the referral).
    const request = await reads.get(requestRead(requestCantonId, before.requestId));
    if (!request || request.status === 'closed' || request.status === 'answered') return undefined;
    return closeRequest(request, before.referralId, Boolean(after.counterReferral?.assisted), caller, now);
  }
  const reopens = before.status === 'completed' && after.status === 'entered-in-error';
  if (!isTerminal(after.status) || (isTerminal(before.status) && !reopens)) return undefined;
  const found = await findRequestWithHistory(requestCantonId, before.requestId);
  if (!found) return undefined;
  const { request, history } = found;
  // Reopened only when this very referral's completion closed it, not a later answer or another referral.
  const closedBy = history.findLast((e) => e.action === 'closed')?.details.referralId;
  if (reopens && (request.status !== 'closed' || closedBy !== before.referralId)) return undefined;
  const others = await referralsOfRequest(requestCantonId, before.requestId);
  return referralEnded(
    request,
    {
      referralId: before.referralId,
      outcome: after.status as UnservedOutcome,
      ...(after.reason ? { reasonCode: after.reason.code } : {}),
      otherReferralOpen: others.some((r) => r.referralId !== before.referralId && !isTerminal(r.status)),
      ...(reopens ? { reopens } : {}),
    },
    caller,
    now,
  );
}

async function persist(move: {
  before: Referral;
  result: TransitionResult;
  caller: Caller;
  now: string;
  action: string;
  via: 'link' | undefined;
  token: TaskToken | undefined;
  reads: BatchReads;
}) {
  const { before, result, caller, now, action, via, token, reads } = move;
  const { cantonId, service } = before;
  const writes: AccompanyingWrite[] = [];
  const takesSpot = result.spot === 'consume' && before.spot === 'waitlisted';
  // A waitlisted citizen accepted now takes a spot now; an ending referral gives its spot back.
  if (takesSpot) writes.push(spotChange(service.cantonId, service.serviceId, 'reserve'));
  if (result.spot === 'release') writes.push(spotChange(service.cantonId, service.serviceId, 'release'));
  // The request's change and the end effects start together, so that what they read by key is one batch.
  const [requestChange, effectWrites] = await Promise.all([
    linkedRequestChange(before, result.referral, caller, now, reads),
    referralMoveWrites({ before, after: result.referral, caller, now, reads }),
  ]);
  if (requestChange) writes.push(...requestChangeWrites(requestChange.request, requestChange.event));
  // An ended referral no longer holds its request and service: the request may be referred there again.
  if (isTerminal(result.referral.status) && !isTerminal(before.status)) {
    writes.push(activeReferralRelease(before));
  }
  writes.push(...effectWrites);
  // The answer goes to the token read with the referral: it must still be the stored one.
  if (result.workflow) writes.push(taskTokenUnchanged(cantonId, before.referralId, token));
  const audit = auditOf(
    caller,
    cantonId,
    `referral.${action}`,
    { type: 'referral', id: before.referralId },
    { at: now, ...(via ? { details: { via } } : {}) },
  );
  const saved = await saveReferral(result.referral, result.event, audit, writes);
  if (saved.ok) return;
  if (saved.failed.has('token')) throw new TokenChanged(changedMeanwhile());
  const onlySpot = saved.failed.size === 1 && saved.failed.has('spot');
  if (result.spot === 'release' && onlySpot) {
    // The service is already at its total (a coordinator reset it): there is no spot to give back.
    const again = await saveReferral(
      result.referral,
      result.event,
      audit,
      writes.filter((w) => !('name' in w && w.name === 'spot')),
    );
    if (again.ok) return;
  }
  if (takesSpot && saved.failed.has('spot')) {
    throw conflict({
      es: 'El servicio aún no tiene un cupo libre para esta persona en lista de espera',
      en: 'The service has no free spot yet for this waitlisted citizen',
    });
  }
  throw changedMeanwhile();
}

const changedMeanwhile = () =>
  conflict({
    es: 'La derivación, su servicio o su solicitud cambiaron mientras se procesaba; vuelva a intentarlo',
    en: 'The referral, its service or its request changed meanwhile; try again',
  });
