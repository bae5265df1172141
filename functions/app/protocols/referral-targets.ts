import { NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { Service } from '#domain/catalogue.js';
import type { PublishedProtocol } from '#domain/protocol.js';
import { escalationRoute, NATIONAL_SERVICES_BY_ESCALATION, referralTargets } from '#domain/protocol-reach.js';
import type { Language } from '#domain/taxonomy.js';

const summary = (service: Service) => ({
  serviceId: service.id,
  name: service.name,
  organizationId: service.organizationId,
  status: service.status,
});

/**
 * The services of the canton's own catalogue a request under the protocol may be referred to, in the protocol's
 * order (or the catalogue's, when it lists none: every service that serves the subcategory). Services the protocol
 * names but the catalogue no longer has are left out. Shared by the protocol's targets and a re-route's next
 * services (app/referrals/reroute.ts).
 */
export function referableUnder(
  protocol: Pick<PublishedProtocol, 'cantonId' | 'definition'>,
  canton: Pick<CantonDefinition, 'id'>,
  catalogues: { readonly own: readonly Service[]; readonly national: readonly Service[] },
) {
  const { category, subcategory } = protocol.definition.subcategory;
  const nationalIds = new Set(catalogues.national.map((s) => s.id));
  const ownById = new Map(catalogues.own.map((s) => [s.id, s]));
  const targets = referralTargets(protocol, canton.id, (id) => nationalIds.has(id));
  const allServing = targets.serviceIds.length === 0;
  const referable = allServing
    ? catalogues.own.filter((s) =>
        s.serves.some((x) => x.category === category && x.subcategory === subcategory),
      )
    : targets.serviceIds.flatMap((id) => ownById.get(id) ?? []);
  return { targets, referable, allServing };
}

/**
 * The answer to "where can a request of this subcategory go?" under a protocol in force in a canton: the services
 * of the canton's own catalogue it may be referred to, and the national services reached by escalating it (with
 * the route to do so). Services the protocol names but the catalogue no longer has are left out.
 */
export function referralTargetsView(
  protocol: PublishedProtocol,
  canton: CantonDefinition,
  catalogues: { readonly own: readonly Service[]; readonly national: readonly Service[] },
  language: Language,
) {
  const nationalById = new Map(catalogues.national.map((s) => [s.id, s]));
  const { targets, referable, allServing } = referableUnder(protocol, canton, catalogues);
  return {
    services: referable.map(summary),
    allServingSubcategory: allServing,
    escalation:
      canton.id === NATIONAL
        ? null
        : {
            route: escalationRoute(canton.id),
            nationalServices: targets.nationalServiceIds
              .flatMap((id) => nationalById.get(id) ?? [])
              .map(summary),
            text: NATIONAL_SERVICES_BY_ESCALATION[language],
          },
  };
}
