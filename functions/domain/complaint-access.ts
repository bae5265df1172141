import type { Caller } from '#model/caller.js';
import { notFound } from '#kernel/errors.js';
import type { Complaint } from './complaint.js';

export const complaintNotFound = (complaintId: string) =>
  notFound({ es: `No existe el caso ${complaintId}`, en: `There is no case ${complaintId}` });

/** The canton's staff who may read its complaints (never a provider's contact officer). */
const STAFF_READERS = [
  'operator',
  'swcs-officer',
  'coordinator',
  'auditor',
  'case-manager',
  'head-of-department',
];

/** Everyone the case is assigned to: its owner and each activity's assignee. */
export function assigneesOf(complaint: Complaint): Set<string> {
  return new Set([
    ...(complaint.assigneeId ? [complaint.assigneeId] : []),
    ...complaint.activities.map((a) => a.assigneeId),
  ]);
}

/**
 * Who may see a case:
 * - of the canton's own staff, anyone who reads complaints; a **sensitive** case only the people assigned to it
 *   and the canton's coordinators;
 * - of the national level, a case once it is appealed (it is then national work): its staff, or for a sensitive
 *   case its coordinators and the people assigned.
 * Anyone else is told it does not exist (404), as for a case of another canton.
 */
export function canSeeComplaint(complaint: Complaint, caller: Caller): boolean {
  const own = caller.cantonId === complaint.cantonId;
  const national = caller.cantonId === 'national' && complaint.level === 'national';
  if (!own && !national) return false;
  if (!caller.roles.some((r) => STAFF_READERS.includes(r))) return false;
  if (!complaint.sensitive) return true;
  return caller.roles.includes('coordinator') || assigneesOf(complaint).has(caller.userId);
}

export function assertCanSeeComplaint(complaint: Complaint, caller: Caller): void {
  if (!canSeeComplaint(complaint, caller)) throw complaintNotFound(complaint.complaintId);
}

/**
 * Who may see the complainant of a sensitive case: only coordinators. The people assigned work it anonymously
 * toward the unit concerned, and see only how the complainant identified themselves.
 */
export function canSeeComplainant(complaint: Complaint, caller: Caller): boolean {
  return !complaint.sensitive || caller.roles.includes('coordinator');
}
