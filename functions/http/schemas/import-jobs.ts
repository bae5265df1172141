import * as z from 'zod';
import { IMPORT_JOB_STATUSES } from '#domain/import-job.js';

/** Schemas of catalogue import jobs: the path of a job and what the API shows of it (also the 202's body). */
const msg = (es: string, en: string) => ({ params: { es, en } });

export const ImportJobPath = z.object({
  cantonId: z.string(),
  jobId: z
    .string()
    .refine(
      (value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value),
      msg('no es un identificador de importación', 'is not an import job id'),
    )
    .meta({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' }),
});

export const ImportJobView = z
  .object({
    jobId: z.string(),
    cantonId: z.string(),
    status: z.enum(IMPORT_JOB_STATUSES).meta({
      description:
        'queued → running → succeeded, or failed (records already written stay; import the document again to finish)',
    }),
    location: z.string().meta({ description: 'Where to follow the job: GET it until it has finished' }),
    organizations: z.number().int(),
    services: z.number().int(),
    progress: z
      .object({
        done: z
          .number()
          .int()
          .meta({ description: 'Records applied, in document order (organizations first)' }),
        total: z.number().int(),
      })
      .strict(),
    outcome: z
      .object({
        written: z.number().int().meta({ description: 'Records created or changed' }),
        unchanged: z.number().int().meta({ description: 'Records already identical' }),
        errors: z.array(
          z.object({
            record: z.object({ type: z.enum(['organization', 'service']), id: z.string() }).optional(),
            problem: z.string(),
          }),
        ),
      })
      .strict(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'ImportJob' });

export type ImportJobViewType = z.infer<typeof ImportJobView>;
