import { NATIONAL } from '../commons/tenancy.js';
import type { CantonDefinition } from '../domain/canton.js';
import type { Organization, Service } from '../domain/catalogue.js';
import { listOrganizations, listServices } from '../store/catalogue-store.js';

/**
 * Every service a canton's officers may refer to: the canton's own catalogue and, unless left out, the national
 * one. The two reads run in parallel.
 */
export async function referableServices(
  canton: CantonDefinition,
  includeNational: boolean,
): Promise<Service[]> {
  const cantons = includeNational && canton.id !== NATIONAL ? [canton.id, NATIONAL] : [canton.id];
  return (await Promise.all(cantons.map(listServices))).flat();
}

export async function referableOrganizations(canton: CantonDefinition): Promise<Organization[]> {
  const cantons = canton.id !== NATIONAL ? [canton.id, NATIONAL] : [canton.id];
  return (await Promise.all(cantons.map(listOrganizations))).flat();
}
