import type { Localized } from '#kernel/messages.js';

/**
 * Where a request under a protocol can go, and how a canton reaches national services (by escalation), apart
 * from protocol.ts (which re-exports it) so that a function needing only this, such as the classification of a
 * request, does not load the protocol schemas with it (12 KB of bundle and their construction at cold start).
 */
export const NATIONAL_CANTON_ID = 'national';

const text = (es: string, en: string): Localized => ({ es, en });

/** What of a published protocol (protocol.ts) says where its requests go. */
interface ProtocolServices {
  readonly cantonId: string;
  readonly definition: {
    readonly eligibleServiceIds: readonly string[];
    readonly nationalServiceIds?: readonly string[] | undefined;
  };
}

/** Where a canton's officer sends a request that needs a national service. */
export const escalationRoute = (cantonId: string, requestId = '{requestId}') =>
  `POST /cantons/${cantonId}/requests/${requestId}/escalation`;

export const NATIONAL_SERVICES_BY_ESCALATION: Localized = text(
  'Un cantón no deriva a servicios nacionales: para llegar a ellos, escale la solicitud a la ventanilla única nacional, que hace la derivación',
  'A canton does not refer to national services: to reach them, escalate the request to the national single window, which makes the referral',
);

/** Why a canton cannot refer to a national service, and what to do instead. */
export const reachedByEscalation = (serviceId: string, cantonId: string, requestId?: string): Localized =>
  text(
    `"${serviceId}" es un servicio nacional: un cantón no deriva a servicios nacionales, se llega a ellos escalando la solicitud a la ventanilla única nacional (${escalationRoute(cantonId, requestId)})`,
    `"${serviceId}" is a national service: a canton does not refer to national services, they are reached by escalating the request to the national single window (${escalationRoute(cantonId, requestId)})`,
  );

export interface ReferralTargets {
  /** Services of the referring canton's own catalogue; empty: any active service of it that serves the subcategory. */
  readonly serviceIds: readonly string[];
  /** National services the request reaches by escalation to the national single window (none for national). */
  readonly nationalServiceIds: readonly string[];
}

/**
 * Where a request under a protocol version can go, seen from the canton that refers it. A national template in
 * force in a canton that has no protocol of its own means there what inheriting it means (inheritedDefinition).
 * A canton version published before the two lists were separated may still name national services among its
 * `eligibleServiceIds`: `isNationalService` sorts them out, so old versions read as new ones are written.
 */
export function referralTargets(
  protocol: ProtocolServices,
  referringCantonId: string,
  isNationalService: (serviceId: string) => boolean,
): ReferralTargets {
  const { eligibleServiceIds, nationalServiceIds = [] } = protocol.definition;
  if (referringCantonId === NATIONAL_CANTON_ID) {
    return { serviceIds: eligibleServiceIds, nationalServiceIds: [] };
  }
  if (protocol.cantonId === NATIONAL_CANTON_ID) {
    return { serviceIds: [], nationalServiceIds: eligibleServiceIds };
  }
  return {
    serviceIds: eligibleServiceIds.filter((id) => !isNationalService(id)),
    nationalServiceIds: [
      ...new Set([...nationalServiceIds, ...eligibleServiceIds.filter((id) => isNationalService(id))]),
    ],
  };
}

/** A canton version published before `nationalServiceIds`: only the catalogue can tell its national services apart. */
export const predatesNationalServiceIds = (protocol: ProtocolServices) =>
  protocol.cantonId !== NATIONAL_CANTON_ID && protocol.definition.nationalServiceIds === undefined;
