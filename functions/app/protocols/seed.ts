import { clock } from '#kernel/clock.js';
import { SEEDER } from '../catalogue/seed.js';
import type { CantonDefinition } from '#domain/canton.js';
import { isOverrideDocument } from '#domain/protocol.js';
import { versionsOf } from '#adapters/dynamodb/protocols-store.js';
import { publishProtocol } from './publish.js';
import type { ProtocolSeed } from './seed-schema.js';

/**
 * Publishes a canton's seed protocols as their first versions. A subcategory that already has a version is left
 * alone — later versions are published through the API, with their own validity — so applying a seed twice changes
 * nothing. National templates must be seeded before the cantons that inherit from them.
 */
export async function applyProtocolSeed(canton: CantonDefinition, seed: ProtocolSeed, now = clock.now()) {
  let published = 0;
  let unchanged = 0;
  for (const entry of seed) {
    const { category, subcategory } = entry.subcategory;
    if ((await versionsOf(canton.id, category, subcategory)).length > 0) {
      unchanged++;
      continue;
    }
    const { subcategory: _named, ...overrideDocument } = entry;
    await publishProtocol({
      canton,
      category,
      subcategory,
      document: isOverrideDocument(entry) ? overrideDocument : entry,
      caller: SEEDER(canton.id),
      now,
    });
    published++;
  }
  return { published, unchanged };
}
