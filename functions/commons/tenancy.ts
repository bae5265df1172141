import type { CantonDefinition } from '../domain/canton.js';
import { findCanton } from '../store/cantons-store.js';
import type { Caller } from './caller.js';
import { notFound } from './errors.js';

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
