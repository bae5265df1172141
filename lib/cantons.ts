import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type CantonDefinition, CantonDefinitionSchema } from '../functions/domain/canton.js';

/**
 * The folder of canton definition files, one JSON file per canton plus national.json; SWCS_CANTONS_DIR points
 * `npm start`, `npm run token` and `cdk synth` at another folder (a pilot's own cantons, say).
 */
export const CANTONS_DIR = process.env.SWCS_CANTONS_DIR ?? new URL('../cantons/', import.meta.url).pathname;

export class CantonDefinitionError extends Error {
  override readonly name = 'CantonDefinitionError';
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
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${shown(file)}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = CantonDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
        problems.push(`${shown(file)}: field "${field}": ${issue.message}`);
      }
      continue;
    }
    if (`${parsed.data.id}.json` !== file) {
      problems.push(`${shown(file)}: field "id": "${parsed.data.id}" must match the file name`);
      continue;
    }
    cantons.push(parsed.data);
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
