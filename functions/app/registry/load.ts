import type { AuditRecord } from '#adapters/dynamodb/audit.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import {
  type BatchOutcome,
  type HouseholdWrite,
  writeHouseholds,
} from '#adapters/dynamodb/registry-store.js';
import type { RegistryHousehold } from '#domain/registry.js';
import { clock } from '#kernel/clock.js';
import { wallClock } from '#kernel/time-zone.js';

/** Today in Ecuador (YYYY-MM-DD): what "in the future" means for a birth or survey date, and ages. */
export function registryToday(at: Date = clock.now()): string {
  const { year, month, day } = wallClock(at, 'America/Guayaquil');
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every member's national-ID digest, by member id: what the store keys person items by. */
export async function memberDigests(household: RegistryHousehold): Promise<Record<string, string>> {
  const entries = await Promise.all(
    household.members
      .filter((m) => m.nationalId)
      .map(async (m) => [m.memberId, await citizenDigest(m.nationalId as string)] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * Loads validated households (the batch API, the demo seed): idempotent, all refused on a person conflict. The
 * audit record, made from what the batch turned out to write, is written with the batch's last household.
 */
export async function loadHouseholds(
  households: readonly RegistryHousehold[],
  by: string,
  audit?: (counts: { written: number; unchanged: number }) => AuditRecord,
): Promise<BatchOutcome> {
  const writes: HouseholdWrite[] = await Promise.all(
    households.map(async (household) => ({ household, memberDigests: await memberDigests(household) })),
  );
  return writeHouseholds(writes, { at: clock.now().toISOString(), by }, audit);
}
