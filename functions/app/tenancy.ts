import type { CantonDefinition } from '#domain/canton.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import type { Caller } from '#model/caller.js';
import { notFound } from '#kernel/errors.js';

const cantonNotFound = (cantonId: string) =>
  notFound({ es: `No existe el cantón "${cantonId}"`, en: `There is no canton "${cantonId}"` });

/**
 * The canton a caller may act in is the one in their verified token. A path naming any other canton gets the same
 * 404 as a canton that does not exist, so nobody learns which other cantons or records exist.
 */
export async function callerCanton(caller: Caller, cantonId: string): Promise<CantonDefinition> {
  if (caller.cantonId !== cantonId) throw cantonNotFound(cantonId);
  const canton = await findCanton(cantonId);
  if (!canton) throw cantonNotFound(cantonId);
  return canton;
}

/** The national level's canton id: its catalogue and protocol templates serve every canton. */
export const NATIONAL = 'national';

/**
 * The catalogue a caller may use: their own canton's, and for reading also the national catalogue, whose
 * services every canton refers to. Writing stays confined to the caller's own canton (national staff write the
 * national catalogue).
 */
export async function catalogueCanton(
  caller: Caller,
  cantonId: string,
  access: 'read' | 'write',
): Promise<CantonDefinition> {
  if (access === 'read' && cantonId === NATIONAL && caller.cantonId !== NATIONAL) {
    const national = await findCanton(NATIONAL);
    if (national) return national;
  }
  return callerCanton(caller, cantonId);
}
