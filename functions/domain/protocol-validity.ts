import { startOfLocalDay } from './deadlines.js';

/**
 * Which protocol version governs an instant. Apart from protocol.ts so that a reader of published versions (the
 * list of a canton's protocols, say) loads none of the protocol schemas; it needs only a version's number and
 * validity (a PublishedProtocol has both).
 */
interface Dated {
  readonly version: number;
  readonly definition: { readonly validity: { readonly from: string; readonly until?: string } };
}

/** Whether a version's validity has ended at an instant (`until` is exclusive, local to the canton). */
export function isExpired(version: Dated, at: Date, timeZone: string): boolean {
  const { until } = version.definition.validity;
  return until !== undefined && at.getTime() >= startOfLocalDay(until, timeZone).getTime();
}

function inForce(version: Dated, at: Date, timeZone: string): boolean {
  const started = at.getTime() >= startOfLocalDay(version.definition.validity.from, timeZone).getTime();
  return started && !isExpired(version, at, timeZone);
}

/** The version that governs an instant, or undefined (none yet, expired, or a gap between versions). */
export function protocolInForce<V extends Dated>(
  versions: readonly V[],
  at: Date,
  timeZone: string,
): V | undefined {
  return versions
    .filter((v) => inForce(v, at, timeZone))
    .reduce<V | undefined>((best, v) => (best && best.version > v.version ? best : v), undefined);
}
