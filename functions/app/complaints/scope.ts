import type { Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import {
  assertCanSeeComplaint,
  complaintNotFound,
  concernedUnits,
  type UnitContext,
} from '#domain/complaint-access.js';
import type { AssigneeDirectory, Complaint, ComplaintEvent } from '#domain/complaint.js';
import { findUnit, unitsOfMember } from '#domain/units.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import {
  complaintRead,
  findComplaint,
  findComplaintWithHistory,
} from '#adapters/dynamodb/complaints-store.js';
import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { callerCanton, NATIONAL } from '../tenancy.js';

/**
 * The canton whose complaints a caller may reach: their own, and for national staff any canton, where they see only
 * the cases appealed to the national level (domain/complaint-access.ts). Any other canton is a 404.
 */
export async function complaintCanton(caller: Caller, cantonId: string): Promise<CantonDefinition> {
  if (caller.cantonId === NATIONAL && cantonId !== NATIONAL) {
    const canton = await findCanton(cantonId);
    if (canton) return canton;
  }
  return callerCanton(caller, cantonId);
}

/**
 * The staff and units a case's activities may be assigned to: the canton's, or the national level's once appealed;
 * and the canton's units the case is about, which it is never given to when sensitive.
 */
export async function assigneesOfLevel(
  canton: CantonDefinition,
  complaint: Complaint,
): Promise<AssigneeDirectory> {
  const level = complaint.level === 'national' ? await findCanton(NATIONAL) : canton;
  const ids = new Set((level?.staff ?? []).map((s) => s.id));
  const about = concernedUnits(complaint, canton.units ?? []);
  return {
    isStaff: (id) => ids.has(id),
    findUnit: (id) => findUnit(level, id),
    concerned: (canton.units ?? []).filter((u) => about.has(u.id)),
  };
}

/**
 * The units the access rule weighs (domain/complaint-access.ts): those the caller is a member of, in their own
 * definition (the canton's, or the national level's for national staff), and the units of the case's canton.
 */
export async function unitContextOf(caller: Caller, canton: CantonDefinition): Promise<UnitContext> {
  const own = caller.cantonId === canton.id ? canton : await findCanton(caller.cantonId);
  return { memberOf: unitsOfMember(own, caller.userId), cantonUnits: canton.units ?? [] };
}

/**
 * A case the caller may see, or the 404 of a case that does not exist. Every read is audited, and so is every read
 * refused (a person trying to read a sensitive case is what an auditor wants to see).
 */
export async function visibleComplaint(
  caller: Caller,
  canton: CantonDefinition,
  complaintId: string,
  /** The operation's batch, when it reads other items by key with the case. */
  reads?: BatchReads,
): Promise<{ complaint: Complaint }> {
  const complaint = reads
    ? await reads.get(complaintRead(canton.id, complaintId))
    : await findComplaint(canton.id, complaintId);
  return visible(caller, canton, complaintId, complaint && { complaint });
}

/**
 * The same with the case's history, read with it in one query. A function of its own, so that the operations that
 * change a case (and read it by key alone) carry none of that read.
 */
export async function visibleComplaintWithHistory(
  caller: Caller,
  canton: CantonDefinition,
  complaintId: string,
): Promise<{ complaint: Complaint; history: ComplaintEvent[] }> {
  return visible(caller, canton, complaintId, await findComplaintWithHistory(canton.id, complaintId));
}

async function visible<Found extends { complaint: Complaint }>(
  caller: Caller,
  canton: CantonDefinition,
  complaintId: string,
  found: Found | undefined,
): Promise<Found> {
  if (!found) throw complaintNotFound(complaintId);
  try {
    assertCanSeeComplaint(found.complaint, caller, await unitContextOf(caller, canton));
  } catch (error) {
    await recordAudit(
      auditOf(caller, canton.id, 'complaint.read-refused', { type: 'complaint', id: complaintId }),
    );
    throw error;
  }
  return found;
}
