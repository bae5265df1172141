import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { IMPORT_JOB_STATUSES } from '#domain/import-job.js';

/** Schemas of catalogue import jobs: the path of a job and what the API shows of it (also the 202's body). */
const msg = (es: string, en: string) => ({ params: { es, en } });

export const ImportJobPath = z.object({
  cantonId: z.string(),
  jobId: withMeta(
    z
      .string()
      .check(
        z.refine(
          (value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value),
          msg('no es un identificador de importación', 'is not an import job id'),
        ),
      ),
    { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' },
  ),
});

export const ImportJobView = withMeta(
  z.object({
    jobId: z.string(),
    cantonId: z.string(),
    status: withMeta(z.enum(IMPORT_JOB_STATUSES), {
      description:
        'queued → running → succeeded, or failed (records already written stay; import the document again to finish)',
    }),
    location: withMeta(z.string(), { description: 'Where to follow the job: GET it until it has finished' }),
    organizations: z.number().check(z.int()),
    services: z.number().check(z.int()),
    progress: z.strictObject({
      done: withMeta(z.number().check(z.int()), {
        description: 'Records applied, in document order (organizations first)',
      }),
      total: z.number().check(z.int()),
    }),
    outcome: z.strictObject({
      written: withMeta(z.number().check(z.int()), { description: 'Records created or changed' }),
      unchanged: withMeta(z.number().check(z.int()), { description: 'Records already identical' }),
      errors: z.array(
        z.object({
          record: z.optional(z.object({ type: z.enum(['organization', 'service']), id: z.string() })),
          problem: z.string(),
        }),
      ),
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.optional(z.iso.datetime()),
  }),
  { id: 'ImportJob' },
);

export type ImportJobViewType = z.infer<typeof ImportJobView>;
