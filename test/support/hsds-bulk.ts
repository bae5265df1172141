import { uuidV5 } from '../../functions/domain/hsds/ids.js';

/** A namespace for the ids of generated documents, so that the same call always builds the same document. */
const NAMESPACE = '6f1d2c0e-3b5a-4c7d-9e8f-0a1b2c3d4e5f';
const id = (name: string) => uuidV5(NAMESPACE, name);

const DEFAULT_NAME = 'Red de Comedores Populares';

/** The SWCS ids the import gives a bulk document's records: the publisher's HSDS ids. */
export const bulkOrganizationId = (name = DEFAULT_NAME) => id(`${name}/organization`);
/** The id of service `n` (from 0) of a bulk document. */
export const bulkServiceId = (n: number, name = DEFAULT_NAME) => id(`${name}/service/${n}`);

/**
 * An HSDS document from a provider SWCS did not write: one organization with `services` small services, each
 * serving one subcategory. Big enough, at 5,000 services, that one API call cannot apply it within its time limit.
 */
export function bulkHsdsDocument(services: number, name = DEFAULT_NAME) {
  const organizationId = bulkOrganizationId(name);
  return {
    organizations: [
      {
        id: organizationId,
        name,
        description: 'Comedores comunitarios de la red',
        email: 'red@comedores.example.org',
        legal_status: 'Fundación',
        contacts: [
          {
            id: id(`${name}/contact`),
            name: 'Lucía Andrango',
            title: 'Coordinadora de la red',
            email: 'lucia.andrango@comedores.example.org',
            phones: [{ id: id(`${name}/contact/phone`), number: '+593991112233' }],
          },
        ],
        services: Array.from({ length: services }, (_, n) => ({
          id: bulkServiceId(n, name),
          name: `Comedor popular ${n + 1}`,
          description: 'Almuerzo diario gratuito',
          status: 'active',
          contacts: [{ id: id(`${name}/contact`), name: 'Lucía Andrango' }],
          capacities: [
            {
              id: id(`${name}/service/${n}/capacity`),
              unit: { id: id('unit'), name: 'Almuerzo' },
              available: 40,
              maximum: 40,
              updated: '2026-11-02T09:00:00-05:00',
            },
          ],
          attributes: [
            {
              id: id(`${name}/service/${n}/serves`),
              taxonomy_term: {
                id: id('serves/food'),
                code: 'swcs:serves:special-needs/older-adults',
                name: 'Personas adultas mayores',
                description: 'Sirve a personas adultas mayores',
                taxonomy: 'SWCS',
              },
            },
          ],
        })),
      },
    ],
  };
}
