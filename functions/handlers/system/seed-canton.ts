import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { IN_ENGLISH } from '#kernel/zod-english.js';
import { applyCatalogueSeed } from '#app/catalogue/seed.js';
import { CatalogueSeedSchema } from '#app/catalogue/seed-schema.js';
import { AppError } from '#kernel/errors.js';
import { logger } from '#kernel/logger.js';
import { CANTON_ID_PATTERN, type CantonDefinition, CantonDefinitionSchema } from '#domain/canton.js';
import { applyProtocolSeed } from '#app/protocols/seed.js';
import { ProtocolSeedSchema } from '#app/protocols/seed-schema.js';

export type SeedCounts = {
  catalogueWritten: number;
  catalogueUnchanged: number;
  protocolsPublished: number;
  protocolsUnchanged: number;
};

/** The bundled cantons folder; SWCS_CANTONS_DIR (as for `npm start` and `cdk synth`) points tests elsewhere. */
const cantonsDir = () =>
  process.env.SWCS_CANTONS_DIR ?? fileURLToPath(new URL('./cantons/', import.meta.url));

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/**
 * The onEvent handler of a Canton stack's seed custom resource (`Custom::SwcsCantonSeed`, behind the CDK Provider
 * framework): registers the canton's seed catalogue, then its seed protocols, on Create and Update.
 *
 * Where the seed comes from: the Canton stack copies the definition file and its seed files into this function's
 * bundle, in the cantons-folder layout (`cantons/<id>.json`, `cantons/<seed path>`), and the handler reads them
 * next to its own module. They are not resource properties: the largest seed (Quito's catalogue, ~73 KB, plus its
 * protocols) would fit CloudFormation's limits today, but a growing catalogue would eventually break deployments
 * on the size of the custom-resource request Lambda receives, and every property shows in full in stack events
 * and `cdk diff`. In the bundle the limit is Lambda's 250 MB, and the template carries only `SeedHash`, a digest of
 * the seed content: a changed seed changes it and re-runs this handler (Update), an unchanged one does not.
 *
 * Applying is idempotent either way (identical catalogue records are skipped, a protocol subcategory that already
 * has a version is left alone), so a re-run after a partial failure finishes the job.
 */
export const handler = async (event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse> => {
  const cantonId = String(event.ResourceProperties.CantonId ?? '');
  if (event.RequestType === 'Delete') {
    // Seeded services and protocols stay: referrals, audit records and later versions published through the API
    // point at them, and a stack deletion (or the rollback of a failed deployment) must never erase a canton's
    // data. Retiring a canton is a data decision, like its registration item.
    logger.info('Canton seed resource deleted; seeded records retained', { cantonId });
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  try {
    const counts = await seedCanton(cantonId);
    logger.info('Canton seed applied', { cantonId, requestType: event.RequestType, ...counts });
    return { PhysicalResourceId: `seed-${cantonId}`, Data: counts };
  } catch (error) {
    // The Provider framework turns the thrown error into a FAILED response: its message is the reason shown in
    // the stack events, and the deployment rolls back.
    const message = `Seeding canton "${cantonId}" failed: ${describe(error)}`;
    logger.error('Canton seed failed', { cantonId, requestType: event.RequestType, message });
    throw new SeedError(message);
  }
};

/** Reads, validates and applies the bundled seed of `cantonId`: catalogue first, since protocols name services. */
export async function seedCanton(cantonId: string, dir: string = cantonsDir()): Promise<SeedCounts> {
  if (!CANTON_ID_PATTERN.test(cantonId)) throw new SeedError('the CantonId property is not a canton id');
  const canton = await readValidated(dir, `${cantonId}.json`, CantonDefinitionSchema);
  if (canton.id !== cantonId) {
    throw new SeedError(`${cantonId}.json defines canton "${canton.id}", not "${cantonId}"`);
  }
  const catalogue = canton.seed?.catalogue
    ? await readValidated(dir, canton.seed.catalogue, CatalogueSeedSchema)
    : undefined;
  const protocols = canton.seed?.protocols
    ? await readValidated(dir, canton.seed.protocols, ProtocolSeedSchema)
    : undefined;

  const counts: SeedCounts = {
    catalogueWritten: 0,
    catalogueUnchanged: 0,
    protocolsPublished: 0,
    protocolsUnchanged: 0,
  };
  if (catalogue) {
    const { written, unchanged } = await applyCatalogueSeed(canton, catalogue);
    Object.assign(counts, { catalogueWritten: written, catalogueUnchanged: unchanged });
  }
  if (protocols) {
    try {
      const { published, unchanged } = await applyProtocolSeed(canton, protocols);
      Object.assign(counts, { protocolsPublished: published, protocolsUnchanged: unchanged });
    } catch (error) {
      throw new SeedError(`protocols: ${describe(error)}${nationalHint(canton)}`);
    }
  }
  return counts;
}

async function readValidated<T>(dir: string, file: string, schema: $ZodType<T>): Promise<T> {
  const path = normalize(file);
  if (isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`)) {
    throw new SeedError(`${file}: must be a path inside the cantons folder`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, path), 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not in the bundle' : 'not valid JSON';
    throw new SeedError(`${file}: ${reason} (${(error as Error).message})`);
  }
  const parsed = safeParse(schema, raw, IN_ENGLISH);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
      return `field "${field}": ${issue.message}`;
    });
    throw new SeedError(`${file}: ${problems.slice(0, 10).join('; ')}${more(problems.length, 10)}`);
  }
  return parsed.data;
}

/** An error as one line for the stack events: seed problems name fields and ids, never personal data. */
function describe(error: unknown): string {
  if (error instanceof AppError && error.details.length > 0) {
    const details = error.details.map(
      (d) => `${d.field}: ${typeof d.problem === 'string' ? d.problem : d.problem.en}`,
    );
    return `${error.message} (${details.slice(0, 10).join('; ')}${more(details.length, 10)})`;
  }
  return error instanceof Error ? error.message : String(error);
}

const more = (total: number, shown: number) => (total > shown ? `; and ${total - shown} more` : '');

/** Canton protocols inherit national templates and may refer to national services. */
const nationalHint = (canton: CantonDefinition) =>
  canton.level === 'canton'
    ? '. Canton protocols inherit the national templates: deploy the national canton stack first.'
    : '';
