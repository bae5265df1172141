import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { idOfEntry } from './ids.js';
import { isRecord } from './json.js';
import type { PointedProblem } from './problems.js';
import { HSDS_MAX_RECORDS, HSDS_VERSION, HsdsDocument, HsdsOrganization, HsdsService } from './schema.js';

/**
 * What publishers send: HSDS's API answers a single organization (`GET /organizations/{id}`), a single service
 * (`GET /services/{id}`, its organization nested as `organization`) or a page of either (`contents` with
 * `total_items`, `total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`); SWCS's own export
 * is `{ "organizations": [...] }`. A page is of services when its items carry a service's `status` or a nested
 * `organization`; the page's own fields say nothing about the catalogue and are not kept.
 */
export type HsdsShape = 'organizations' | 'organization' | 'service' | 'organization-page' | 'service-page';

export interface HsdsShaped {
  readonly shape: HsdsShape;
  /** The same content as `{ organizations: [...] }`, services nested under their organization. */
  readonly document: unknown;
  /** A pointer into `document` as the pointer into the document as it was sent. */
  readonly pointer: (pointer: string) => string;
  readonly problems: readonly PointedProblem[];
}

const isService = (item: unknown) => isRecord(item) && ('status' in item || 'organization' in item);
const INTERNAL = /^\/organizations\/(\d+)(?:\/services\/(\d+))?(.*)$/;

export function shapeOf(received: unknown): HsdsShaped {
  const identity = (pointer: string) => pointer;
  if (!isRecord(received) || 'organizations' in received) {
    return { shape: 'organizations', document: received, pointer: identity, problems: [] };
  }
  if (Array.isArray(received.contents)) {
    const contents: unknown[] = received.contents;
    if (!contents.some(isService)) {
      const pointer = (p: string) => p.replace(/^\/organizations(?=\/|$)/, '/contents');
      return { shape: 'organization-page', document: { organizations: contents }, pointer, problems: [] };
    }
    return servicesShaped('service-page', contents, (i) => `/contents/${i}`);
  }
  if (isService(received)) return servicesShaped('service', [received], () => '');
  const pointer = (p: string) => p.replace(/^\/organizations\/0(?=\/|$)/, '');
  return { shape: 'organization', document: { organizations: [received] }, pointer, problems: [] };
}

/**
 * Services, each naming its organization: services of one organization (the same HSDS id) are nested under it,
 * in document order. Pointers go back to where each part was: the organization at the first service that nests
 * it, each service at its own place.
 */
function servicesShaped(shape: HsdsShape, items: readonly unknown[], at: (i: number) => string): HsdsShaped {
  const organizations: Record<string, unknown>[] = [];
  const organizationAt: string[] = [];
  const serviceAt: string[][] = [];
  const byId = new Map<string, number>();
  const problems: PointedProblem[] = [];
  items.forEach((item, i) => {
    if (!isRecord(item)) {
      problems.push({
        pointer: at(i),
        problem: { es: 'debe ser un objeto (un servicio)', en: 'must be an object (a service)' },
      });
      return;
    }
    const { organization, ...service } = item;
    if (!isRecord(organization)) {
      problems.push({
        pointer: `${at(i)}/organization`,
        problem: {
          es: 'SWCS necesita la organización que presta el servicio: anídela en "organization"',
          en: 'SWCS needs the organization that provides the service: nest it as "organization"',
        },
      });
      return;
    }
    const key = idOfEntry(organization);
    let k = key === undefined ? undefined : byId.get(key);
    if (k === undefined) {
      k = organizations.length;
      if (key !== undefined) byId.set(key, k);
      // Its own `services` list, if any, is left out: the services are the ones the document sends.
      const { services: _ignored, ...own } = organization;
      organizations.push({ ...own, services: [] });
      organizationAt.push(`${at(i)}/organization`);
      serviceAt.push([]);
    }
    (organizations[k]?.services as unknown[]).push(service);
    serviceAt[k]?.push(at(i));
  });
  const pointer = (p: string) => {
    const match = INTERNAL.exec(p);
    if (!match) return p.replace(/^\/organizations(?=\/|$)/, at(0).replace(/\/\d+$/, ''));
    const k = Number(match[1]);
    const rest = match[3] ?? '';
    if (match[2] !== undefined) return `${serviceAt[k]?.[Number(match[2])] ?? ''}${rest}`;
    // The organization's `services` are the document's services: a problem with the list is the first one's.
    if (rest === '/services' || rest.startsWith('/services/')) return serviceAt[k]?.[0] ?? '';
    return `${organizationAt[k] ?? ''}${rest}`;
  };
  return { shape, document: { organizations }, pointer, problems };
}

/** What the import takes (documentation: the import checks the document itself, see shapeOf). */
const HsdsPage = z.object({
  total_items: z.optional(z.number().check(z.int())),
  total_pages: z.optional(z.number().check(z.int())),
  page_number: z.optional(z.number().check(z.int())),
  size: z.optional(z.number().check(z.int())),
  first_page: z.optional(z.boolean()),
  last_page: z.optional(z.boolean()),
  empty: z.optional(z.boolean()),
  contents: z.array(z.union([HsdsOrganization, HsdsService])),
});

export const HsdsImportDocument = withMeta(
  z.union([
    HsdsDocument,
    HsdsOrganization,
    z.extend(HsdsService, { organization: HsdsOrganization }),
    HsdsPage,
  ]),
  {
    id: 'HsdsImportDocument',
    description: `An Open Referral HSDS ${HSDS_VERSION} document: SWCS's { organizations }, one organization, one service with its organization, or a page of organizations or of services; at most ${HSDS_MAX_RECORDS} records`,
  },
);
