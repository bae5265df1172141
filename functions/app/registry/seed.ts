import { createHash } from 'node:crypto';
import { registrySeedDigest, saveRegistrySeedDigest } from '#adapters/dynamodb/registry-store.js';
import { checkRegistryFile } from '#domain/registry-file.js';
import { clock } from '#kernel/clock.js';
import { loadHouseholds, registryToday } from './load.js';

const BATCH = 100;

/**
 * Seeds the demo social registry (registry/demo-registry.jsonl) as the catalogue seeds do: the file's digest is
 * kept once it is applied in full, so a start with the same file reads one item and writes nothing; a changed or
 * half-applied file is loaded again, which skips every household already as the file has it.
 */
export async function applyRegistrySeed(text: string): Promise<{ applied: boolean; households: number }> {
  const digest = createHash('sha256').update(text).digest('base64url');
  if ((await registrySeedDigest()) === digest) return { applied: false, households: 0 };
  const checked = checkRegistryFile(text, 'jsonl', registryToday());
  if (!checked.ok) {
    const first = checked.problems.slice(0, 5).map((p) => `line ${p.line} ${p.column}: ${p.problem.en}`);
    throw new Error(`The demo registry file is not valid:\n${first.join('\n')}`);
  }
  for (let i = 0; i < checked.households.length; i += BATCH) {
    const outcome = await loadHouseholds(checked.households.slice(i, i + BATCH), 'system:seed');
    if (!outcome.ok)
      throw new Error(
        `The demo registry conflicts with the stored one: ${JSON.stringify(outcome.conflicts[0])}`,
      );
  }
  await saveRegistrySeedDigest(digest, clock.now().toISOString());
  return { applied: true, households: checked.households.length };
}
