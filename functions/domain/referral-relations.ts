import type { Actor } from '#model/caller.js';
import type { Referral } from './referral-record.js';

/**
 * How a signed-in user stands to a referral. Its own module, so that who may see a referral (referral-access.ts)
 * is decided without loading the rules of its lifecycle.
 */

/** How the actor stands to this referral; the caller decides it (see relationsOf) and checks the tenancy. */
export type Relation = 'contact-officer' | 'referring-officer' | 'coordinator';

/** How a signed-in user stands to a referral, from ids and roles only; tenancy is the caller's to check. */
export function relationsOf(
  referral: Pick<Referral, 'contactOfficers' | 'referringOfficer'>,
  actor: Actor,
): Relation[] {
  const relations: Relation[] = [];
  if (actor.roles.includes('coordinator')) relations.push('coordinator');
  if (
    actor.roles.includes('contact-officer') &&
    referral.contactOfficers.some((o) => o.userId === actor.userId)
  ) {
    relations.push('contact-officer');
  }
  if (referral.referringOfficer === actor.userId) relations.push('referring-officer');
  return relations;
}
