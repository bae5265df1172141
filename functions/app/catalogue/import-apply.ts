import type { Caller } from '#model/caller.js';
import { clock } from '#kernel/clock.js';
import { AppError } from '#kernel/errors.js';
import { type Level, type Organization, type Service, upsert } from '#domain/catalogue.js';
import type { ImportProblem, ImportRecord } from '#domain/import-job.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { saveCatalogueTogether, saveOrganization, saveService } from '#adapters/dynamodb/catalogue-store.js';
import { findCatalogueRecords } from '#adapters/dynamodb/import-jobs-store.js';

/**
 * Writes validated import records (see domain/import-job.ts): organizations before services, since services
 * point at them, and within each kind several at a time — each record is its own versioned transaction, so order
 * among them does not matter, and a canton's catalogue of thousands of services goes in several times faster
 * than one by one. A record whose stored content is already identical is skipped, so applying the same records
 * again changes nothing and re-running an import that stopped half-way finishes it.
 */
const CONCURRENCY = 8;

/** A record that could not be written: which one, and the error it met. */
export class ImportRecordError extends Error {
  constructor(
    readonly record: NonNullable<ImportProblem['record']>,
    override readonly cause: unknown,
  ) {
    super(`${record.type} ${record.id}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ImportRecordError';
  }

  /** What the importer may be told: an AppError's own text, never the detail of anything unexpected. */
  problem(): ImportProblem {
    const { type, id } = this.record;
    const what = type === 'organization' ? 'la organización' : 'el servicio';
    const whatEn = type === 'organization' ? 'the organization' : 'the service';
    if (this.cause instanceof AppError) {
      const text = this.cause.text;
      return {
        record: this.record,
        problem: {
          es: `No se pudo escribir ${what} "${id}": ${text.es}`,
          en: `Could not write ${whatEn} "${id}": ${text.en}`,
        },
      };
    }
    return {
      record: this.record,
      problem: {
        es: `No se pudo escribir ${what} "${id}" por un error interno; el incidente quedó registrado`,
        en: `Could not write ${whatEn} "${id}" because of an internal error; the incident has been logged`,
      },
    };
  }
}

/** Has the record this content already? The same test upsert applies: no field differs. */
function identical(current: object, input: object): boolean {
  const stored = current as Record<string, unknown>;
  const given = input as Record<string, unknown>;
  const stamps = new Set([
    'cantonId',
    'level',
    'version',
    'createdAt',
    'createdBy',
    'updatedAt',
    'updatedBy',
  ]);
  const names = new Set([...Object.keys(stored), ...Object.keys(given)].filter((n) => !stamps.has(n)));
  return [...names].every((n) => JSON.stringify(stored[n]) === JSON.stringify(given[n]));
}

async function applyOne(
  canton: { id: string; level: Level },
  record: ImportRecord,
  current: Organization | Service | undefined,
  caller: Caller,
  now: string,
): Promise<'written' | 'unchanged'> {
  if (current && identical(current, record.input)) return 'unchanged';
  const ctx = { caller, level: canton.level, now };
  const audit = auditOf(
    caller,
    canton.id,
    `${record.kind}.import`,
    { type: record.kind, id: record.input.id },
    { at: now },
  );
  if (record.kind === 'organization') {
    const { record: stored, event } = upsert(current as Organization | undefined, record.input, ctx);
    await saveOrganization(stored, event, audit);
    return 'written';
  }
  const service = current as Service | undefined;
  const { record: stored, event } = upsert(service, record.input, ctx);
  // Guarded by the spots read, so that a referral reserving a spot meanwhile is never undone.
  await saveService(stored, event, audit, service?.capacity.available);
  return 'written';
}

/**
 * Applies the records in order of kind; throws an ImportRecordError for the first record that fails, after the
 * writes already under way have settled (they are complete, or not made at all).
 */
export async function applyImportRecords(
  canton: { id: string; level: Level },
  records: readonly ImportRecord[],
  caller: Caller,
  now = clock.now().toISOString(),
): Promise<{ written: number; unchanged: number }> {
  let written = 0;
  let unchanged = 0;
  for (const kind of ['organization', 'service'] as const) {
    const batch = records.filter((r) => r.kind === kind);
    if (batch.length === 0) continue;
    const stored = await findCatalogueRecords(
      canton.id,
      kind,
      batch.map((r) => r.input.id),
    );
    let next = 0;
    let failure: ImportRecordError | undefined;
    const worker = async () => {
      while (!failure && next < batch.length) {
        const record = batch[next++] as ImportRecord;
        try {
          const current = stored.get(record.input.id);
          if ((await applyOne(canton, record, current, caller, now)) === 'written') written++;
          else unchanged++;
        } catch (error) {
          failure ??= new ImportRecordError({ type: record.kind, id: record.input.id }, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, worker));
    if (failure) throw failure;
  }
  return { written, unchanged };
}

/**
 * Applies the records of an import made within the call all together, in one transaction: either every changed
 * record is written with its history and audit record, or — a record changed meanwhile, DynamoDB failing — none
 * is. What is already identical is not written. For documents of at most JOB_THRESHOLD records.
 */
export async function applyImportRecordsTogether(
  canton: { id: string; level: Level },
  records: readonly ImportRecord[],
  caller: Caller,
  now = clock.now().toISOString(),
): Promise<{ written: number; unchanged: number }> {
  const ctx = { caller, level: canton.level, now };
  const auditFor = (record: ImportRecord) =>
    auditOf(
      caller,
      canton.id,
      `${record.kind}.import`,
      { type: record.kind, id: record.input.id },
      { at: now },
    );
  const ids = (kind: ImportRecord['kind']) => records.filter((r) => r.kind === kind).map((r) => r.input.id);
  const [organizations, services] = await Promise.all([
    findCatalogueRecords(canton.id, 'organization', ids('organization')),
    findCatalogueRecords(canton.id, 'service', ids('service')),
  ]);
  const writes: Parameters<typeof saveCatalogueTogether>[0][number][] = [];
  let unchanged = 0;
  for (const record of records) {
    if (record.kind === 'organization') {
      const current = organizations.get(record.input.id);
      if (current && identical(current, record.input)) unchanged++;
      else
        writes.push({ kind: 'organization', ...upsert(current, record.input, ctx), audit: auditFor(record) });
    } else {
      const current = services.get(record.input.id);
      if (current && identical(current, record.input)) unchanged++;
      else
        writes.push({
          kind: 'service',
          ...upsert(current, record.input, ctx),
          audit: auditFor(record),
          // Guarded by the spots read, so that a referral reserving a spot meanwhile is never undone.
          spotsRead: current?.capacity.available,
        });
    }
  }
  await saveCatalogueTogether(writes);
  return { written: writes.length, unchanged };
}
