import { NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { Organization, Service } from '#domain/catalogue.js';
import { listOrganizations, listServices, serviceRead } from '#adapters/dynamodb/catalogue-store.js';
import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';

/**
 * Every service a canton's officers choose from: the canton's own catalogue (what they refer to) and, unless left
 * out, the national one (which a canton's request reaches by escalation, see servicesByReach). The two reads run
 * in parallel.
 */
export async function referableServices(
  canton: CantonDefinition,
  includeNational: boolean,
): Promise<Service[]> {
  const cantons = includeNational && canton.id !== NATIONAL ? [canton.id, NATIONAL] : [canton.id];
  return (await Promise.all(cantons.map(listServices))).flat();
}

/**
 * A canton's own catalogue, the only one its officers refer to, apart from the national one, which its requests
 * reach by escalation to the national single window. For the national single window both are its own catalogue.
 */
export async function servicesByReach(
  canton: CantonDefinition,
): Promise<{ own: Service[]; national: Service[] }> {
  if (canton.id === NATIONAL) {
    const own = await listServices(NATIONAL);
    return { own, national: own };
  }
  const [own, national] = await Promise.all([listServices(canton.id), listServices(NATIONAL)]);
  return { own, national };
}

/**
 * The services of both catalogues that a protocol names, read by key in the operation's batch (`reads`) rather
 * than both catalogues listed: an id may be in the canton's own catalogue, the national one, both or neither (a
 * service removed since). For the national single window both are the national catalogue.
 */
export async function namedServicesByReach(
  canton: Pick<CantonDefinition, 'id'>,
  serviceIds: readonly string[],
  reads: BatchReads,
): Promise<{ own: Service[]; national: Service[] }> {
  const ids = [...new Set(serviceIds)];
  const [own, national] = await Promise.all(
    [canton.id, NATIONAL].map(async (cantonId) =>
      (await Promise.all(ids.map((id) => reads.get(serviceRead(cantonId, id))))).flatMap((s) => s ?? []),
    ),
  );
  return { own: own ?? [], national: national ?? [] };
}

export async function referableOrganizations(canton: CantonDefinition): Promise<Organization[]> {
  const cantons = canton.id !== NATIONAL ? [canton.id, NATIONAL] : [canton.id];
  return (await Promise.all(cantons.map(listOrganizations))).flat();
}
