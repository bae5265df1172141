import * as z from 'zod';
import type { Caller } from '../commons/caller.js';
import { type Organization, serviceReferenceProblems, upsert } from '../domain/catalogue.js';
import { findOrganization, findService, saveOrganization, saveService } from '../store/catalogue-store.js';
import { OrganizationInput, ServiceInput } from './schemas.js';

/**
 * A canton's starting catalogue, named by its definition file (`seed.catalogue`). It is validated with the API's
 * own schemas, and applied idempotently: a record whose content is already there is left alone, so deploying or
 * starting twice changes nothing, and a changed seed becomes a new version with its history.
 */
export const CatalogueSeedSchema = z
  .object({
    organizations: z.array(OrganizationInput),
    services: z.array(ServiceInput),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const organizations = new Map<string, z.infer<typeof OrganizationInput>>();
    seed.organizations.forEach((o, i) => {
      if (organizations.has(o.id)) {
        ctx.addIssue({ code: 'custom', path: ['organizations', i, 'id'], message: `"${o.id}" is repeated` });
      }
      organizations.set(o.id, o);
    });
    const services = new Set<string>();
    seed.services.forEach((s, i) => {
      if (services.has(s.id)) {
        ctx.addIssue({ code: 'custom', path: ['services', i, 'id'], message: `"${s.id}" is repeated` });
      }
      services.add(s.id);
      const organization = organizations.get(s.organizationId) as Organization | undefined;
      for (const problem of serviceReferenceProblems(s, organization)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, ...problem.field.split('.')],
          message: typeof problem.problem === 'string' ? problem.problem : problem.problem.en,
        });
      }
    });
  });

export type CatalogueSeed = z.infer<typeof CatalogueSeedSchema>;

/** Who seeds: recorded as the author of seeded versions, like any other change. */
export const SEEDER = (cantonId: string): Caller => ({ userId: 'system:seed', cantonId, roles: ['admin'] });

const same = (a: object, b: object) => {
  const strip = (r: object) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(r)
          .filter(
            ([k]) =>
              !['cantonId', 'level', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'].includes(
                k,
              ),
          )
          .sort(([x], [y]) => x.localeCompare(y)),
      ),
    );
  return strip(a) === strip(b);
};

export async function applyCatalogueSeed(
  canton: { id: string; level: 'canton' | 'national' },
  seed: CatalogueSeed,
  now = new Date().toISOString(),
): Promise<{ written: number; unchanged: number }> {
  const caller = SEEDER(canton.id);
  let written = 0;
  let unchanged = 0;
  const audit = (type: string, id: string, action: string) => ({
    cantonId: canton.id,
    at: now,
    actor: { userId: caller.userId, roles: caller.roles },
    action,
    target: { type, id },
  });
  // Organizations first: services point at them.
  for (const input of seed.organizations) {
    const current = await findOrganization(canton.id, input.id);
    if (current && same(current, input)) {
      unchanged++;
      continue;
    }
    const { record, event } = upsert(current, input, { caller, level: canton.level, now });
    await saveOrganization(record, event, audit('organization', input.id, 'organization.seed'));
    written++;
  }
  for (const input of seed.services) {
    const current = await findService(canton.id, input.id);
    if (current && same(current, input)) {
      unchanged++;
      continue;
    }
    const { record, event } = upsert(current, input, { caller, level: canton.level, now });
    await saveService(record, event, audit('service', input.id, 'service.seed'));
    written++;
  }
  return { written, unchanged };
}
