import type { OrganizationInputType, ServiceInputType } from './catalogue-input.js';
import type { Localized } from '#kernel/messages.js';
import type { Actor } from './request.js';

/**
 * Catalogue import jobs: an HSDS document too big to apply within one API call (API Gateway gives a call 29
 * seconds) is validated whole, staged in chunks and applied by a workflow, one chunk per step. Pure: the store
 * persists jobs and chunks, the import step applies them.
 */

/**
 * Documents with more records (organizations + services) than this are imported as a job. Up to it, the call
 * writes them in one DynamoDB transaction (100 items: each record with its event and audit record), so a small
 * import is all or nothing even when a write fails; a bigger one could not be, and could outlast the call's 29 s.
 */
export const JOB_THRESHOLD = 33;

/** Records per staged chunk, and per workflow step: a step stays well inside its Lambda timeout. */
export const CHUNK_RECORDS = 100;

/**
 * The most JSON a chunk item holds. DynamoDB items stop at 400 KB; the rest is left for the keys and attributes.
 * A single record is never split, and the API's 5 MB body limit keeps any one record far below this.
 */
export const CHUNK_MAX_BYTES = 300 * 1024;

export type ImportRecord =
  | { readonly kind: 'organization'; readonly input: OrganizationInputType }
  | { readonly kind: 'service'; readonly input: ServiceInputType };

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** A record the job could not write, and why (in both languages; the details are in the logs). */
export interface ImportProblem {
  readonly record?: { readonly type: ImportRecord['kind']; readonly id: string };
  readonly problem: Localized;
}

/**
 * A job as stored. It names the coordinator who imported (the author of every version it writes) but holds no
 * catalogue content: that lives in its chunks until the job ends.
 */
export interface ImportJob {
  readonly cantonId: string;
  readonly jobId: string;
  readonly status: ImportJobStatus;
  readonly organizations: number;
  readonly services: number;
  /** Records in the document, and records applied so far (whole chunks, in document order). */
  readonly total: number;
  readonly done: number;
  readonly written: number;
  readonly unchanged: number;
  readonly errors: readonly ImportProblem[];
  readonly chunks: number;
  /** The next chunk to apply; every chunk before it is applied. */
  readonly nextChunk: number;
  readonly by: Actor;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt?: string;
}

/** Whether a document of this many records is applied by a job rather than within the call. */
export const needsJob = (records: number) => records > JOB_THRESHOLD;

/** The document's records in the order they must be written: organizations first, since services point at them. */
export function recordsOf(catalogue: {
  readonly organizations: readonly OrganizationInputType[];
  readonly services: readonly ServiceInputType[];
}): ImportRecord[] {
  return [
    ...catalogue.organizations.map((input) => ({ kind: 'organization' as const, input })),
    ...catalogue.services.map((input) => ({ kind: 'service' as const, input })),
  ];
}

/** Splits the records, in order, into chunks of at most CHUNK_RECORDS records and CHUNK_MAX_BYTES of JSON. */
export function chunksOf(
  records: readonly ImportRecord[],
  limits = { records: CHUNK_RECORDS, bytes: CHUNK_MAX_BYTES },
): ImportRecord[][] {
  const chunks: ImportRecord[][] = [];
  let current: ImportRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record), 'utf8');
    if (current.length > 0 && (current.length >= limits.records || bytes + size > limits.bytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A new job, queued, for a validated document already split into chunks. */
export function newImportJob(input: {
  cantonId: string;
  jobId: string;
  chunks: readonly (readonly ImportRecord[])[];
  by: Actor;
  now: string;
}): ImportJob {
  const records = input.chunks.flat();
  return {
    cantonId: input.cantonId,
    jobId: input.jobId,
    status: 'queued',
    organizations: records.filter((r) => r.kind === 'organization').length,
    services: records.filter((r) => r.kind === 'service').length,
    total: records.length,
    done: 0,
    written: 0,
    unchanged: 0,
    errors: [],
    chunks: input.chunks.length,
    nextChunk: 0,
    by: input.by,
    createdAt: input.now,
    updatedAt: input.now,
  };
}

export const isFinished = (job: Pick<ImportJob, 'status'>) =>
  job.status === 'succeeded' || job.status === 'failed';

/** What a failed job tells its reader when the failure is not one of a record (the details are in the logs). */
export const JOB_FAILED: Localized = {
  es: 'La importación se detuvo por un error interno; el incidente quedó registrado. Vuelva a importar el documento para completarla',
  en: 'The import stopped on an internal error; the incident has been logged. Import the document again to finish it',
};
