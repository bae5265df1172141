import type { Caller } from '#model/caller.js';
import type { Localized } from '#kernel/messages.js';
import { AppError } from '#kernel/errors.js';
import type { RegistryMember } from './registry.js';
import type { Change, CitizenRecord, CitizenRequest } from './request.js';
import type { Complainant, Complaint, ComplaintChange } from './complaint.js';

/**
 * Attention without ID (docs/registry.md, "Merge rules"): a person without documents gets a provisional identity;
 * when they obtain or reveal a national ID, one merge moves every request recorded under it to the national ID,
 * and within 30 days an unmerge puts everything back exactly as it was.
 */
export const UNMERGE_WINDOW_DAYS = 30;

export interface ProvisionalIdentity {
  readonly provisionalId: string;
  readonly cantonId: string;
  readonly name: { readonly given: string; readonly family: string };
  readonly nationality?: string;
  readonly birthYear?: number;
  /** YYYY-MM-DD, when the person knew it. */
  readonly birthDate?: string;
  readonly phone?: string;
  readonly requestIds: readonly string[];
  readonly status: 'active' | 'merged';
  readonly merge?: {
    readonly at: string;
    readonly by: string;
    /** The digest of the national ID merged into (never the ID itself). */
    readonly digest: string;
    /** Each request's citizen before the merge, to restore it exactly. */
    readonly previous: readonly { readonly requestId: string; readonly citizen: CitizenRecord }[];
    /**
     * Merged with one link in the citizen's file (`MERGED#<provisionalId>`); merges recorded before it have one link
     * per request instead, which their unmerge deletes.
     */
    readonly linked?: true;
    /** Each complaint case's complainant before the merge (cases opened from the identity's requests). */
    readonly complaints?: readonly { readonly complaintId: string; readonly complainant: Complainant }[];
  };
  readonly history: readonly {
    readonly action: 'merged' | 'unmerged';
    readonly at: string;
    readonly by: string;
  }[];
  readonly createdAt: string;
  readonly version: number;
}

const fold = (value: string) =>
  value.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Same person? Full names compared without case, accents or spacing; the first family name is enough. */
export function sameName(
  a: { given: string; family: string },
  b: { given: string; family: string },
): boolean {
  const firstWord = (s: string) => fold(s).split(' ')[0];
  return fold(a.given) === fold(b.given) && firstWord(a.family) === firstWord(b.family);
}

export type MatchReason = 'name-and-birth-date' | 'name-and-birth-year' | 'phone' | 'name';

export interface MatchQuery {
  readonly name?: { given: string; family: string };
  readonly birthYear?: number;
  readonly birthDate?: string;
  readonly phone?: string;
}

const yearOf = (p: { birthYear?: number; birthDate?: string }) =>
  p.birthDate !== undefined ? Number(p.birthDate.slice(0, 4)) : p.birthYear;

/**
 * Why a provisional identity may be the person searched for (empty when nothing matches): the same name and
 * birth date when both dates are known (two different dates are two people), else the same name and birth year
 * (a date on one side and a year on the other compare by year); the same phone. A name alone is said, but it is
 * never enough for a suggestion.
 */
export function matchReasons(identity: ProvisionalIdentity, query: MatchQuery): MatchReason[] {
  const reasons: MatchReason[] = [];
  const named = query.name !== undefined && sameName(identity.name, query.name);
  const identityYear = yearOf(identity);
  const queryYear = yearOf(query);
  if (named && identity.birthDate !== undefined && query.birthDate !== undefined) {
    if (identity.birthDate === query.birthDate) reasons.push('name-and-birth-date');
  } else if (named && identityYear !== undefined && queryYear !== undefined) {
    if (identityYear === queryYear) reasons.push('name-and-birth-year');
  } else if (named) reasons.push('name');
  if (query.phone !== undefined && identity.phone === query.phone) reasons.push('phone');
  return reasons;
}

export interface MergeConflict {
  readonly field: string;
  readonly provisional: unknown;
  readonly registry: unknown;
  readonly text: Localized;
}

/**
 * What the registry says of the national ID that contradicts the provisional identity: another name or another
 * birth year is another person's data, and the merge is refused (409) with these.
 */
export function mergeConflicts(
  identity: ProvisionalIdentity,
  member: RegistryMember | undefined,
): MergeConflict[] {
  if (!member) return [];
  const conflicts: MergeConflict[] = [];
  const registryName = { given: member.givenNames, family: member.familyNames };
  if (!sameName(identity.name, registryName)) {
    conflicts.push({
      field: 'name',
      provisional: identity.name,
      registry: registryName,
      text: {
        es: 'el nombre de la identidad provisional no es el que el Registro Social tiene para esa cédula',
        en: 'the provisional identity’s name is not the one the Social Registry has for that national ID',
      },
    });
  }
  const registryYear = Number(member.birthDate.slice(0, 4));
  if (identity.birthDate !== undefined && identity.birthDate !== member.birthDate) {
    conflicts.push({
      field: 'birthDate',
      provisional: identity.birthDate,
      registry: member.birthDate,
      text: {
        es: 'la fecha de nacimiento no coincide con la del Registro Social',
        en: 'the birth date does not match the Social Registry’s',
      },
    });
  } else if (identity.birthYear !== undefined && identity.birthYear !== registryYear) {
    conflicts.push({
      field: 'birthYear',
      provisional: identity.birthYear,
      registry: registryYear,
      text: {
        es: 'el año de nacimiento no coincide con el del Registro Social',
        en: 'the birth year does not match the Social Registry’s',
      },
    });
  }
  return conflicts;
}

const actor = (caller: Caller) => ({ userId: caller.userId, roles: caller.roles });

/** A request's citizen moved to the national ID (the name kept), as a new version with its event. */
export function mergedRequest(
  request: CitizenRequest,
  nationalId: string,
  provisionalId: string,
  caller: Caller,
  now: string,
): Change {
  const version = request.version + 1;
  return {
    request: {
      ...request,
      citizen: {
        identification: 'national-id',
        nationalId,
        name: request.citizen.name as { given: string; family: string },
      },
      version,
      updatedAt: now,
    },
    event: { version, at: now, by: actor(caller), action: 'citizen-merged', details: { provisionalId } },
  };
}

/** The request's citizen put back as it was before the merge. */
export function unmergedRequest(
  request: CitizenRequest,
  citizen: CitizenRecord,
  provisionalId: string,
  caller: Caller,
  now: string,
): Change {
  const version = request.version + 1;
  return {
    request: { ...request, citizen, version, updatedAt: now },
    event: { version, at: now, by: actor(caller), action: 'citizen-unmerged', details: { provisionalId } },
  };
}

/** Whether an unmerge is still allowed: within 30 days of the merge. */
export function canUnmerge(mergedAt: string, now: string): boolean {
  return Date.parse(now) - Date.parse(mergedAt) <= UNMERGE_WINDOW_DAYS * 24 * 3600 * 1000;
}

/**
 * A merge (or an unmerge) is one DynamoDB transaction, at most 100 writes: the identity, the audit record and the
 * citizen file's one link to the identity, then two writes (the record and its event) for each request and each
 * complaint case it moves. Referrals follow their requests and benefits stay in the identity's own collection
 * (the link shows them under the national ID), so neither costs a write.
 */
export const MAX_TRANSACT_WRITES = 100;
const FIXED_MERGE_WRITES = 3;

export function mergeWrites(requests: number, complaints: number): number {
  return FIXED_MERGE_WRITES + 2 * requests + 2 * complaints;
}

/** The most requests and complaint cases one merge moves together: 48 (3 + 2 × 48 = 99 writes). */
export const MAX_MERGED_RECORDS = Math.floor((MAX_TRANSACT_WRITES - FIXED_MERGE_WRITES) / 2);

/** A complaint case opened from one of the identity's requests: its complainant is now the national ID. */
export function mergedComplaint(
  complaint: Complaint,
  nationalId: string,
  provisionalId: string,
  caller: Caller,
  now: string,
): ComplaintChange {
  const version = complaint.version + 1;
  const name = 'name' in complaint.complainant ? complaint.complainant.name : undefined;
  return {
    complaint: {
      ...complaint,
      complainant: { identification: 'national-id', nationalId, ...(name ? { name } : {}) },
      version,
      updatedAt: now,
    },
    event: {
      version,
      at: now,
      by: actor(caller),
      action: 'complainant-merged',
      details: { provisionalId },
    },
  };
}

/** The complaint case's complainant put back as it was before the merge. */
export function unmergedComplaint(
  complaint: Complaint,
  complainant: Complainant,
  provisionalId: string,
  caller: Caller,
  now: string,
): ComplaintChange {
  const version = complaint.version + 1;
  return {
    complaint: { ...complaint, complainant, version, updatedAt: now },
    event: {
      version,
      at: now,
      by: actor(caller),
      action: 'complainant-unmerged',
      details: { provisionalId },
    },
  };
}

/**
 * A merge is all or nothing in one transaction (docs/registry.md, "Merge rules"): one that would need more than
 * DynamoDB's 100 writes is refused, before anything is written, with what it would move.
 */
export function assertMergeFits(requests: number, complaints: number) {
  const writes = mergeWrites(requests, complaints);
  if (writes <= MAX_TRANSACT_WRITES) return;
  throw new AppError(
    409,
    'merge_too_large',
    {
      es: `La identidad tiene ${requests} solicitudes y ${complaints} quejas: una fusión mueve a la vez como máximo ${MAX_MERGED_RECORDS} entre ambas; no se cambió nada`,
      en: `The identity has ${requests} requests and ${complaints} complaint cases: one merge moves at most ${MAX_MERGED_RECORDS} of them together; nothing was changed`,
    },
    [
      {
        field: 'provisionalId',
        problem: {
          es: `${requests + complaints} registros por mover, el máximo es ${MAX_MERGED_RECORDS}`,
          en: `${requests + complaints} records to move, at most ${MAX_MERGED_RECORDS}`,
        },
      },
    ],
  );
}
