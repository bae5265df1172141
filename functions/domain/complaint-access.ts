import type { Caller } from '#model/caller.js';
import { notFound } from '#kernel/errors.js';
import type { Activity, Complaint } from './complaint.js';
import { type Unit, unitsOfMember } from './units.js';

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

/** Every person the case is assigned to: its owner and each activity's assignee (a person, not a unit). */
export function assigneesOf(complaint: Pick<Complaint, 'assigneeId' | 'activities'>): Set<string> {
  return new Set([
    ...(complaint.assigneeId ? [complaint.assigneeId] : []),
    ...complaint.activities.flatMap((a) => (a.assigneeId ? [a.assigneeId] : [])),
  ]);
}

/** The definition a unit of an activity belongs to: the case's canton, or the national level once appealed. */
export const unitLevelOf = (complaint: Pick<Complaint, 'cantonId'>, activity: Pick<Activity, 'level'>) =>
  activity.level === 'national' ? 'national' : complaint.cantonId;

/** Every unit the case's activities are assigned to, as `<definition id>/<unit id>`. */
export function assignedUnitsOf(complaint: Pick<Complaint, 'cantonId' | 'activities'>): Set<string> {
  return new Set(
    complaint.activities.flatMap((a) => (a.unitId ? [`${unitLevelOf(complaint, a)}/${a.unitId}`] : [])),
  );
}

/**
 * The units of the case's canton that the case is about: the one it names (`concerns.kind: unit`), and the unit
 * that is the provider it is counted on. Their members never see it when it is sensitive, nor work it.
 */
export function concernedUnits(
  complaint: Pick<Complaint, 'concerns' | 'organizationId'>,
  cantonUnits: readonly Unit[],
): Set<string> {
  return new Set(
    cantonUnits
      .filter(
        (u) =>
          (complaint.concerns?.kind === 'unit' && complaint.concerns.unitId === u.id) ||
          (u.organizationId !== undefined && u.organizationId === complaint.organizationId),
      )
      .map((u) => u.id),
  );
}

/**
 * What the access rule needs to know of units: the units the caller is a member of, in their own definition (a
 * canton's, or the national level's), and the units of the case's canton. Without it (a reader outside the
 * complaints capability) nobody is let in through a unit.
 */
export interface UnitContext {
  readonly memberOf: readonly Unit[];
  readonly cantonUnits: readonly Unit[];
}

/**
 * Who may see a case:
 * - of the canton's own staff, anyone who reads complaints; a **sensitive** case only the people assigned to it
 *   (its owner, an activity's assignee, a member of a unit an activity is assigned to) and the canton's
 *   coordinators — never a member of a unit the case is about, whatever their role;
 * - of the national level, a case once it is appealed (it is then national work): its staff, or for a sensitive
 *   case its coordinators and the people assigned.
 * Anyone else is told it does not exist (404), as for a case of another canton.
 */
export function canSeeComplaint(complaint: Complaint, caller: Caller, units?: UnitContext): boolean {
  const own = caller.cantonId === complaint.cantonId;
  const national = caller.cantonId === 'national' && complaint.level === 'national';
  if (!own && !national) return false;
  if (!caller.roles.some((r) => STAFF_READERS.includes(r))) return false;
  if (!complaint.sensitive) return true;
  if (units && isOfConcernedUnit(complaint, caller, units)) return false;
  return (
    caller.roles.includes('coordinator') ||
    assigneesOf(complaint).has(caller.userId) ||
    (units !== undefined && isOfAssignedUnit(complaint, caller, units))
  );
}

/** The caller is a member of a unit one of the case's activities is assigned to. */
export function isOfAssignedUnit(
  complaint: Pick<Complaint, 'cantonId' | 'activities'>,
  caller: Pick<Caller, 'cantonId'>,
  units: Pick<UnitContext, 'memberOf'>,
  activities: readonly Activity[] = complaint.activities,
): boolean {
  return activities.some(
    (a) =>
      a.unitId !== undefined &&
      unitLevelOf(complaint, a) === caller.cantonId &&
      units.memberOf.some((u) => u.id === a.unitId),
  );
}

/** The caller is a member of a unit of the case's canton that the case is about. */
export function isOfConcernedUnit(
  complaint: Pick<Complaint, 'cantonId' | 'concerns' | 'organizationId'>,
  caller: Pick<Caller, 'cantonId'>,
  units: UnitContext,
): boolean {
  if (caller.cantonId !== complaint.cantonId) return false;
  const concerned = concernedUnits(complaint, units.cantonUnits);
  return units.memberOf.some((u) => concerned.has(u.id));
}

/**
 * The unit context from the case's canton definition alone, for readers that hold only that one: its units, and
 * the caller's among them when the caller is of that canton (national staff are then weighed by role alone).
 */
export function unitContextIn(
  canton: { readonly id: string; readonly units?: readonly Unit[] | undefined },
  caller: Pick<Caller, 'cantonId' | 'userId'>,
): UnitContext {
  return {
    memberOf: caller.cantonId === canton.id ? unitsOfMember(canton, caller.userId) : [],
    cantonUnits: canton.units ?? [],
  };
}

export function assertCanSeeComplaint(complaint: Complaint, caller: Caller, units?: UnitContext): void {
  if (!canSeeComplaint(complaint, caller, units)) throw complaintNotFound(complaint.complaintId);
}

/**
 * Who may see the complainant of a sensitive case: only coordinators. The people assigned work it anonymously
 * toward the unit concerned, and see only how the complainant identified themselves.
 */
export function canSeeComplainant(complaint: Complaint, caller: Caller): boolean {
  return !complaint.sensitive || caller.roles.includes('coordinator');
}
