import { servicesByReach } from '../catalogue/referable.js';
import { referableUnder } from '../protocols/referral-targets.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { Referral } from '#domain/referral-record.js';
import { type Alternative, alternativesFor } from '#domain/reroute.js';

/**
 * A stuck referral's next services (domain/reroute.ts), for the officer's list and the workflow's automatic
 * re-route. Apart from the re-route itself (reroute.ts), so that reading them loads no write or workflow client.
 */

/** The services of the referral's protocol it could go to next, best first (see alternativesFor). */
export async function alternativesOf(canton: CantonDefinition, referral: Referral): Promise<Alternative[]> {
  const { referable } = referableUnder(referral.protocol, canton, await servicesByReach(canton));
  return alternativesFor(referral, referable, referral.protocol.definition.eligibility);
}
