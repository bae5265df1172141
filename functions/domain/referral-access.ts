import type { Caller } from '#model/caller.js';
import { notFound } from '#kernel/errors.js';
import type { Referral } from './referral-record.js';
import { relationsOf } from './referral-relations.js';

export const referralNotFound = (referralId: string) =>
  notFound({ es: `No existe la derivación ${referralId}`, en: `There is no referral ${referralId}` });

const STAFF_READERS = ['swcs-officer', 'coordinator', 'auditor', 'operator', 'case-manager'];

/**
 * Who may see a referral of their canton: its staff, and of providers only the referral's own contact officers.
 * A contact officer of another provider is told it does not exist, as for any record outside one's reach.
 */
export function assertCanSee(referral: Referral, caller: Caller): void {
  if (caller.roles.some((r) => STAFF_READERS.includes(r))) return;
  const relations = relationsOf(referral, { userId: caller.userId, roles: caller.roles });
  if (!relations.includes('contact-officer')) throw referralNotFound(referral.referralId);
}
