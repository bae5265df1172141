import { createHash } from 'node:crypto';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { clock } from '#kernel/clock.js';
import type { Caller } from '#model/caller.js';
import { contentOf, mergeServiceSeed, upsert } from '#domain/catalogue.js';
import { mergeSeedChange, sameJson } from '#domain/seed-merge.js';
import {
  findOrganization,
  findService,
  saveOrganization,
  saveService,
} from '#adapters/dynamodb/catalogue-store.js';
import {
  ledgerEntry,
  readSeedLedger,
  type SeededKind,
  saveSeedFileDigest,
  saveSeededRecord,
  seededRecordPut,
} from '#adapters/dynamodb/seed-ledger.js';
import type { OrganizationInputType, ServiceInputType } from '#domain/catalogue-input.js';
import type { CatalogueSeed } from './seed-schema.js';

/** Who seeds: recorded as the author of seeded versions, like any other change. */
export const SEEDER = (cantonId: string): Caller => ({ userId: 'system:seed', cantonId, roles: ['admin'] });

/**
 * Seeds a canton's catalogue at every `npm start` and Canton stack deployment, without ever undoing live
 * operation. What is missing is created. A seed file that has not changed since it was last applied in full is
 * not read further (one Query). A changed seed updates only what it still owns: for each record, the fields the
 * seed changed that nobody has changed since through the API (see domain/seed-merge.ts); available spots, a
 * waitlist or a temporary closure set by a contact officer, and any field a coordinator edited stay as they are.
 * A record that exists without a ledger entry (seeded before the ledger existed, or created through the API with
 * a seed's id) is adopted as it is: live data wins.
 */
export async function applyCatalogueSeed(
  canton: { id: string; level: 'canton' | 'national' },
  seed: CatalogueSeed,
  now = clock.now().toISOString(),
): Promise<{ written: number; unchanged: number }> {
  const caller = SEEDER(canton.id);
  const total = seed.organizations.length + seed.services.length;
  const ledger = await readSeedLedger(canton.id);
  const digest = seedDigest(seed);
  if (ledger.fileDigest === digest) return { written: 0, unchanged: total };

  let written = 0;
  const audit = (type: SeededKind, id: string) =>
    auditOf(caller, canton.id, `${type}.seed`, { type, id }, { at: now });
  const ctx = { caller, level: canton.level, now };

  for (const input of seed.organizations) {
    const current = await findOrganization(canton.id, input.id);
    const base = ledger.applied.get(ledgerEntry('organization', input.id)) as
      OrganizationInputType | undefined;
    const ledgerPut = [seededRecordPut(canton.id, 'organization', input.id, input)];
    const next = !current
      ? input
      : base && !sameJson(base, input)
        ? mergeSeedChange(contentOf<OrganizationInputType>(current), base, input).merged
        : undefined;
    if (next && (!current || !sameJson(next, contentOf(current)))) {
      const { record, event } = upsert(current, next, ctx);
      await saveOrganization(record, event, audit('organization', input.id), ledgerPut);
      written++;
    } else if (!base || !sameJson(base, input)) {
      await saveSeededRecord(canton.id, 'organization', input.id, input);
    }
  }
  for (const input of seed.services) {
    const current = await findService(canton.id, input.id);
    const base = ledger.applied.get(ledgerEntry('service', input.id)) as ServiceInputType | undefined;
    const ledgerPut = [seededRecordPut(canton.id, 'service', input.id, input)];
    const next = !current
      ? input
      : base && !sameJson(base, input)
        ? mergeServiceSeed(current, base, input).merged
        : undefined;
    if (next && (!current || !sameJson(next, contentOf(current)))) {
      const { record, event } = upsert(current, next, ctx);
      await saveService(record, event, audit('service', input.id), current?.capacity.available, ledgerPut);
      written++;
    } else if (!base || !sameJson(base, input)) {
      await saveSeededRecord(canton.id, 'service', input.id, input);
    }
  }
  await saveSeedFileDigest(canton.id, digest, now);
  return { written, unchanged: total - written };
}

/** The digest of a seed's content as validated (formatting and key order in the file do not count). */
const seedDigest = (seed: CatalogueSeed) => {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(seed)))
    .digest('hex');
};
