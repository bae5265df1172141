import { CATEGORIES } from '../taxonomy.js';
import { SECTORS } from '../catalogue-terms.js';
import { uuidOf } from './ids.js';
import { isRecord } from './json.js';
import type { Localized } from './problems.js';
import type { HsdsTaxonomyTerm, HsdsUnit } from './schema.js';

/**
 * The SWCS taxonomy. What HSDS has no field for travels in HSDS's own extension mechanism, `attributes`, each
 * linking the record to a term of an SWCS taxonomy (`taxonomy_term.taxonomy` "SWCS", codes `swcs:...`). Enumerated
 * facts are one term per value and need no `value` (`swcs:sector:public`, `swcs:level:national`,
 * `swcs:serves:urgent/home-destroyed`, `swcs:location:service-point`); free values use one term and carry the value
 * in `attribute.value` (`swcs:id` = our id, `swcs:officer:user`, `swcs:officer:supervisor`, `swcs:eligibility-rule`
 * = the rule's JSON). Terms are taxonomy terms rather than private fields, so any HSDS consumer can list, filter and
 * display them (request categories become a real hierarchical taxonomy), and a document with them is still plain
 * HSDS. Capacity uses HSDS 3.1's own `capacities` (unit "cupo", `maximum` = total spots); only the waitlist flag
 * is an attribute.
 */

/** The name SWCS terms and units carry in `taxonomy` and `scheme`. */
export const SWCS_TAXONOMY = 'SWCS';

export type Entity = 'organization' | 'service' | 'location' | 'contact';

interface TermDefinition {
  readonly name: string;
  readonly description: string;
  readonly parent?: string;
}

export const ID = 'swcs:id';
export const LEVEL = 'swcs:level:';
export const SECTOR = 'swcs:sector:';
export const LOCATION_KIND = 'swcs:location:';
export const OFFICER_USER = 'swcs:officer:user';
export const OFFICER_CHANNEL = 'swcs:officer:channel:';
export const OFFICER_LANGUAGE = 'swcs:officer:language:';
export const OFFICER_SUPERVISOR = 'swcs:officer:supervisor';
export const SERVES = 'swcs:serves:';
export const WAITLIST = 'swcs:capacity:waitlist';
export const ELIGIBILITY = 'swcs:eligibility-rule';

const SECTOR_NAMES: Readonly<Record<(typeof SECTORS)[number], string>> = {
  public: 'Sector público',
  private: 'Sector privado',
  'non-profit': 'Sin fines de lucro',
  religious: 'Organización religiosa',
};

export const TERMS: ReadonlyMap<string, TermDefinition> = new Map<string, TermDefinition>([
  [
    ID,
    { name: 'Identificador SWCS', description: 'Identificador del registro en la Ventanilla Única (SWCS)' },
  ],
  [`${LEVEL}canton`, { name: 'Nivel cantonal', description: 'Registro del catálogo de un cantón' }],
  [
    `${LEVEL}national`,
    {
      name: 'Nivel nacional',
      description: 'Registro del catálogo nacional, al que derivan todos los cantones',
    },
  ],
  ...SECTORS.map((s): [string, TermDefinition] => [
    SECTOR + s,
    { name: SECTOR_NAMES[s], description: `Proveedor del sector: ${SECTOR_NAMES[s].toLowerCase()}` },
  ]),
  [
    `${LOCATION_KIND}service-point`,
    {
      name: 'Punto de atención SWCS',
      description: 'Oficina de la Ventanilla Única que atiende a la ciudadanía',
    },
  ],
  [
    `${LOCATION_KIND}provider-site`,
    { name: 'Local del proveedor', description: 'Local donde el proveedor presta sus servicios' },
  ],
  [
    OFFICER_USER,
    {
      name: 'Usuario del funcionario de enlace',
      description: 'Usuario con el que el funcionario de enlace ingresa a SWCS',
    },
  ],
  [
    `${OFFICER_CHANNEL}sms`,
    { name: 'Avisos por SMS', description: 'El funcionario de enlace recibe los avisos de SWCS por SMS' },
  ],
  [
    `${OFFICER_CHANNEL}email`,
    {
      name: 'Avisos por correo',
      description: 'El funcionario de enlace recibe los avisos de SWCS por correo',
    },
  ],
  [`${OFFICER_LANGUAGE}es`, { name: 'Español', description: 'Idioma de los avisos: español' }],
  [`${OFFICER_LANGUAGE}en`, { name: 'Inglés', description: 'Idioma de los avisos: inglés' }],
  [
    OFFICER_SUPERVISOR,
    {
      name: 'Supervisor',
      description:
        'Funcionario de enlace (identificador SWCS) al que se avisa primero cuando este se retrasa',
    },
  ],
  [
    WAITLIST,
    { name: 'Lista de espera', description: 'El servicio mantiene lista de espera sin cupos libres' },
  ],
  [
    ELIGIBILITY,
    { name: 'Regla de elegibilidad', description: 'Regla de elegibilidad de SWCS, en JSON, evaluable' },
  ],
  ...CATEGORIES.flatMap((category): [string, TermDefinition][] => [
    [
      SERVES + category.code,
      { name: category.label.es, description: `Solicitudes de tipo: ${category.description.es}` },
    ],
    ...category.subcategories.map((sub): [string, TermDefinition] => [
      `${SERVES}${category.code}/${sub.code}`,
      {
        name: sub.label.es,
        description: `Atiende solicitudes «${category.label.es}: ${sub.label.es}»`,
        parent: SERVES + category.code,
      },
    ]),
  ]),
]);

const TAXONOMY_ID = uuidOf('taxonomy/swcs');
export const termId = (code: string) => uuidOf(`taxonomy/swcs/${code}`);
export const codeByTermId: ReadonlyMap<string, string> = new Map(
  [...TERMS.keys()].map((code) => [termId(code), code]),
);

/** Which terms each kind of record may carry; a prefix ends with a colon. */
const APPLIES: Readonly<Record<Entity, readonly string[]>> = {
  organization: [ID, LEVEL, SECTOR],
  service: [ID, LEVEL, SERVES, WAITLIST, ELIGIBILITY],
  location: [ID, LOCATION_KIND],
  contact: [ID, OFFICER_USER, OFFICER_CHANNEL, OFFICER_LANGUAGE, OFFICER_SUPERVISOR],
};

export const ENTITY_NAMES: Readonly<Record<Entity, Localized>> = {
  organization: { es: 'una organización', en: 'an organization' },
  service: { es: 'un servicio', en: 'a service' },
  location: { es: 'una ubicación', en: 'a location' },
  contact: { es: 'un contacto', en: 'a contact' },
};

export function taxonomyTerm(code: string): HsdsTaxonomyTerm {
  const definition = TERMS.get(code) ?? { name: code, description: code };
  return {
    id: termId(code),
    code,
    name: definition.name,
    description: definition.description,
    ...(definition.parent !== undefined ? { parent_id: termId(definition.parent) } : {}),
    taxonomy: SWCS_TAXONOMY,
    taxonomy_id: TAXONOMY_ID,
    language: 'es',
  };
}

/** Capacity is counted in spots (cupos). */
export const SPOT_UNIT: HsdsUnit = {
  id: uuidOf('unit/spot'),
  name: 'cupo',
  scheme: SWCS_TAXONOMY,
  identifier: 'spot',
};

/** Whether a code is the term, or one of the group of terms a prefix (ending with a colon) names. */
export const matchesTerm = (code: string, term: string) =>
  term.endsWith(':') ? code.startsWith(term) : code === term;

/** Whether an SWCS code is a term that kind of record may carry. */
export const isTermFor = (entity: Entity, code: string) =>
  APPLIES[entity].some((t) => matchesTerm(code, t)) && (TERMS.has(code) || code.startsWith(SERVES));

/** Whether a capacity's unit is SWCS's spot: by its id, or by its scheme and identifier. */
export const isSpotUnit = (unit: {
  readonly id?: unknown;
  readonly scheme?: unknown;
  readonly identifier?: unknown;
}) =>
  (typeof unit.id === 'string' && unit.id.toLowerCase() === SPOT_UNIT.id) ||
  (unit.scheme === SWCS_TAXONOMY && unit.identifier === SPOT_UNIT.identifier);

/** Whether an attribute as received links to an SWCS term (by the term's code, or by its id). */
export function isSwcsAttribute(attribute: Record<string, unknown>): boolean {
  const term = attribute.taxonomy_term;
  const code = isRecord(term) && typeof term.code === 'string' ? term.code : undefined;
  const id = typeof attribute.taxonomy_term_id === 'string' ? attribute.taxonomy_term_id.toLowerCase() : '';
  return (code ?? codeByTermId.get(id) ?? '').startsWith('swcs:');
}
