import type { Caller } from '#model/caller.js';
import { clock } from '#kernel/clock.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { Complaint, ComplaintChange } from '#domain/complaint.js';
import { complaintNotFound } from '#domain/complaint-access.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import {
  type ClockToken,
  clockTokenRead,
  findComplaint,
  saveComplaint,
} from '#adapters/dynamodb/complaints-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { complaintCanton, visibleComplaint } from './scope.js';

/**
 * The shape every change to a case shares: read it where the caller may see it, let the domain decide the change,
 * let the caller check its preconditions against the version read (If-Match), save it guarded by that version,
 * audited in the same transaction. A change that finds the case already as asked writes nothing.
 *
 * `via: 'link'` is the complainant acting from the link of their reply (app/complaints/citizen-link.ts): the link
 * is the key to that one case, so the case is read as the link names it (no staff role to check), and the audit
 * record says it was done via the link.
 */
export async function changeComplaint(
  input: {
    caller: Caller;
    params: { cantonId: string; complaintId: string };
    /** Called with the version read, before deciding fails or writing (If-Match: functions/http/conditional.ts). */
    check: (version: number, decided: 'changes' | 'unchanged' | 'failed') => void;
    via?: 'link';
    /**
     * The change may answer the case's clock: its task token is read with the case, in one batch. Staff changes
     * only: what a complainant does through the link (follow-up, rating) answers no clock.
     */
    answersClock?: boolean;
  },
  action: string,
  decide: (
    complaint: Complaint,
    canton: CantonDefinition,
    now: string,
  ) => ComplaintChange | undefined | Promise<ComplaintChange | undefined>,
): Promise<{ complaint: Complaint; canton: CantonDefinition; changed: boolean; clockToken?: ClockToken }> {
  const { caller, params } = input;
  const { canton, current, clockToken } =
    input.via === 'link'
      ? await linkedComplaint(params)
      : await visibleTo(caller, params, input.answersClock);
  const now = clock.now().toISOString();
  let change: ComplaintChange | undefined;
  try {
    change = await decide(current, canton, now);
  } catch (error) {
    input.check(current.version, 'failed');
    throw error;
  }
  input.check(current.version, change ? 'changes' : 'unchanged');
  const token = clockToken ? { clockToken } : {};
  if (!change) return { complaint: current, canton, changed: false, ...token };
  await saveComplaint(
    change.complaint,
    change.event,
    auditOf(
      caller,
      canton.id,
      action,
      { type: 'complaint', id: current.complaintId },
      { at: now, ...(input.via ? { details: { via: input.via } } : {}) },
    ),
  );
  return { complaint: change.complaint, canton, changed: true, ...token };
}

async function visibleTo(
  caller: Caller,
  params: { cantonId: string; complaintId: string },
  withClockToken = false,
) {
  const canton = await complaintCanton(caller, params.cantonId);
  const reads = new BatchReads();
  // Asked before the case is, in the same turn: one BatchGetItem for both.
  const token = withClockToken ? reads.get(clockTokenRead(canton.id, params.complaintId)) : undefined;
  const { complaint: current } = await visibleComplaint(caller, canton, params.complaintId, reads);
  const clockToken = await token;
  return { canton, current, ...(clockToken ? { clockToken } : {}) };
}

/** The case a complainant's link names, in the canton it names (no clock token: see `answersClock`). */
async function linkedComplaint(params: {
  cantonId: string;
  complaintId: string;
}): Promise<{ canton: CantonDefinition; current: Complaint; clockToken?: undefined }> {
  const canton = await findCanton(params.cantonId);
  const current = canton && (await findComplaint(canton.id, params.complaintId));
  if (!canton || !current) throw complaintNotFound(params.complaintId);
  return { canton, current };
}
