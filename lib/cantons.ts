import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { safeParse } from 'zod/mini';
import type * as z from 'zod/mini';
import { IN_ENGLISH } from '../functions/kernel/zod-english.js';
import { CatalogueSeedSchema } from '../functions/app/catalogue/seed-schema.js';
import { type CantonDefinition, CantonDefinitionSchema } from '../functions/domain/canton.js';
import { ProtocolSeedSchema } from '../functions/app/protocols/seed-schema.js';

/**
 * The folder of canton definition files, one JSON file per canton plus national.json; SWCS_CANTONS_DIR points
 * `npm start`, `npm run token` and `cdk synth` at another folder (a pilot's own cantons, say).
 */
export const CANTONS_DIR = process.env.SWCS_CANTONS_DIR ?? new URL('../cantons/', import.meta.url).pathname;

export class CantonDefinitionError extends Error {
  override readonly name = 'CantonDefinitionError';
}

function readValidated<T>(
  dir: string,
  file: string,
  schema: z.core.$ZodType<T>,
  problems: string[],
  shown: (file: string) => string,
): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON';
    problems.push(`${shown(file)}: ${reason} (${(error as Error).message})`);
    return undefined;
  }
  const parsed = safeParse(schema, raw, IN_ENGLISH);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
      const params = (issue as { params?: { en?: string } }).params;
      problems.push(`${shown(file)}: field "${field}": ${params?.en ?? issue.message}`);
    }
    return undefined;
  }
  return parsed.data;
}

/** A canton's seed files, read and validated (loadCantons has already checked them). */
export function loadCantonSeed(canton: CantonDefinition, dir: string = CANTONS_DIR) {
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
  return {
    catalogue: canton.seed?.catalogue ? CatalogueSeedSchema.parse(read(canton.seed.catalogue)) : undefined,
    protocols: canton.seed?.protocols ? ProtocolSeedSchema.parse(read(canton.seed.protocols)) : undefined,
  };
}

/**
 * Reads and validates every canton file. Throws one error naming each file, field and problem, so that
 * `cdk synth` and `npm start` stop before doing anything with a bad definition.
 */
export function loadCantons(dir: string = CANTONS_DIR): CantonDefinition[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const problems: string[] = [];
  const cantons: CantonDefinition[] = [];
  const shown = (file: string) => relative(process.cwd(), join(dir, file)) || file;
  for (const file of files) {
    const parsed = readValidated(dir, file, CantonDefinitionSchema, problems, shown);
    if (!parsed) continue;
    if (`${parsed.id}.json` !== file) {
      problems.push(`${shown(file)}: field "id": "${parsed.id}" must match the file name`);
      continue;
    }
    // Seeds are checked with the definitions, so a bad seed stops synth and start-up just the same.
    if (parsed.seed?.catalogue)
      readValidated(dir, parsed.seed.catalogue, CatalogueSeedSchema, problems, shown);
    if (parsed.seed?.protocols)
      readValidated(dir, parsed.seed.protocols, ProtocolSeedSchema, problems, shown);
    cantons.push(parsed);
  }
  if (problems.length === 0) {
    const national = cantons.filter((c) => c.level === 'national');
    if (national.length !== 1) {
      problems.push(
        `${shown('')}: exactly one definition must have level "national" (found ${national.length})`,
      );
    }
  }
  if (problems.length > 0) {
    throw new CantonDefinitionError(`Invalid canton definition:\n  ${problems.join('\n  ')}`);
  }
  return cantons;
}
