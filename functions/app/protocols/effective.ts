import { NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import { type PublishedProtocol, protocolInForce } from '#domain/protocol.js';
import { versionsOf } from '#adapters/dynamodb/protocols-store.js';

/**
 * The protocol that governs a subcategory in a canton at an instant: the canton's own version in force, or else
 * the national template in force. Undefined when neither is (no protocol yet, or expired).
 */
export async function effectiveProtocol(
  canton: CantonDefinition,
  category: string,
  subcategory: string,
  at: Date,
): Promise<EffectiveProtocol | undefined> {
  if (canton.id !== NATIONAL) {
    const own = protocolInForce(await versionsOf(canton.id, category, subcategory), at, canton.timeZone);
    if (own) return { protocol: own, source: 'canton' };
  }
  return effectiveAmong(canton, [], await versionsOf(NATIONAL, category, subcategory), at);
}

export interface EffectiveProtocol {
  readonly protocol: PublishedProtocol;
  readonly source: 'canton' | 'national';
}

/** The same choice among versions already read: the canton's own (none for national) and the national ones. */
export function effectiveAmong(
  canton: CantonDefinition,
  own: readonly PublishedProtocol[],
  national: readonly PublishedProtocol[],
  at: Date,
): EffectiveProtocol | undefined {
  const mine = canton.id === NATIONAL ? undefined : protocolInForce(own, at, canton.timeZone);
  if (mine) return { protocol: mine, source: 'canton' };
  const template = protocolInForce(national, at, canton.timeZone);
  return template ? { protocol: template, source: 'national' } : undefined;
}

/** What a request records of the protocol it was classified under: enough to find that exact version again. */
export const protocolReference = (p: PublishedProtocol) => ({ cantonId: p.cantonId, version: p.version });
