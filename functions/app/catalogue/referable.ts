import { NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { Organization, Service } from '#domain/catalogue.js';
import { listOrganizations, listServices } from '#adapters/dynamodb/catalogue-store.js';

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

export async function referableOrganizations(canton: CantonDefinition): Promise<Organization[]> {
  const cantons = canton.id !== NATIONAL ? [canton.id, NATIONAL] : [canton.id];
  return (await Promise.all(cantons.map(listOrganizations))).flat();
}
