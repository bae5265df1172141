import { auditOf } from '../store/audit.js';
import { clock } from '../commons/clock.js';
import type { Caller } from '../commons/caller.js';
import { upsert } from '../domain/catalogue.js';
import { findOrganization, findService, saveOrganization, saveService } from '../store/catalogue-store.js';
import type { CatalogueSeed } from './seed-schema.js';

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

/** Seeds a canton's catalogue; see applyCatalogue. */
export const applyCatalogueSeed = (
  canton: { id: string; level: 'canton' | 'national' },
  seed: CatalogueSeed,
) => applyCatalogue(canton, seed, SEEDER(canton.id), 'seed');

/**
 * Writes a validated catalogue (a seed or an import) record by record: organizations first, since services point
 * at them. A record whose content is already stored is skipped, so applying the same catalogue again changes
 * nothing, and re-running an import that stopped half-way finishes it.
 */
export async function applyCatalogue(
  canton: { id: string; level: 'canton' | 'national' },
  catalogue: CatalogueSeed,
  caller: Caller,
  how: 'seed' | 'import',
  now = clock.now().toISOString(),
): Promise<{ written: number; unchanged: number }> {
  let written = 0;
  let unchanged = 0;
  const audit = (type: string, id: string, action: string) =>
    auditOf(caller, canton.id, action, { type, id }, { at: now });
  // Organizations first: services point at them.
  for (const input of catalogue.organizations) {
    const current = await findOrganization(canton.id, input.id);
    if (current && same(current, input)) {
      unchanged++;
      continue;
    }
    const { record, event } = upsert(current, input, { caller, level: canton.level, now });
    await saveOrganization(record, event, audit('organization', input.id, `organization.${how}`));
    written++;
  }
  for (const input of catalogue.services) {
    const current = await findService(canton.id, input.id);
    if (current && same(current, input)) {
      unchanged++;
      continue;
    }
    const { record, event } = upsert(current, input, { caller, level: canton.level, now });
    await saveService(
      record,
      event,
      audit('service', input.id, `service.${how}`),
      current?.capacity.available,
    );
    written++;
  }
  return { written, unchanged };
}
