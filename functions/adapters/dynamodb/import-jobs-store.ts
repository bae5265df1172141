import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Organization, Service } from '#domain/catalogue.js';
import type { ImportJob, ImportProblem, ImportRecord } from '#domain/import-job.js';
import { dynamo, TABLE_NAME } from './client.js';
import { batchWrite, queryAll } from './collections.js';
import * as keys from './keys.js';
import { withoutStorageAttributes } from './versioned.js';
import { catalogueImportStart } from '../stepfunctions/workflow-start.js';
import { workflowStartWrite } from './workflow-starts.js';

/**
 * The DynamoDB adapter for catalogue import jobs. A job is one small item (status, progress, outcome) and its
 * validated records wait in chunk items in the same collection — a document of several MB would not fit in one
 * 400 KB item — until the job ends and they are deleted. Progress moves by one conditional update per chunk,
 * guarded by the chunk it expects, so a retried or repeated step never counts a chunk twice.
 */
const jobItem = (job: ImportJob) => ({
  ...keys.importJob(job.cantonId, job.jobId),
  entity: 'import-job',
  ...job,
  GSI1PK: keys.openImportJobs(job.cantonId),
  GSI1SK: `${job.createdAt}#${job.jobId}`,
});

/** Stages the chunks, then the job: a job never exists without all of its records, nor without its execution. */
export async function stageImportJob(job: ImportJob, chunks: readonly (readonly ImportRecord[])[]) {
  await batchWrite(
    chunks.map((records, index) => ({
      PutRequest: {
        Item: {
          ...keys.importChunk(job.cantonId, job.jobId, index),
          entity: 'import-chunk',
          // One JSON string: the records go back exactly as validated, and cost one attribute to store.
          records: JSON.stringify(records),
        },
      },
    })),
  );
  // The job and the start of its execution (the workflow outbox) together: a staged job always runs.
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: { TableName: TABLE_NAME, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(PK)' },
        },
        workflowStartWrite(job.cantonId, catalogueImportStart(job.cantonId, job.jobId), job.createdAt),
      ],
    }),
  );
}

export async function findImportJob(cantonId: string, jobId: string): Promise<ImportJob | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.importJob(cantonId, jobId), ConsistentRead: true }),
  );
  return Item ? withoutStorageAttributes<ImportJob>(Item) : undefined;
}

export async function readImportChunk(
  cantonId: string,
  jobId: string,
  index: number,
): Promise<ImportRecord[] | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.importChunk(cantonId, jobId, index),
      ConsistentRead: true,
    }),
  );
  return Item ? (JSON.parse(String(Item.records)) as ImportRecord[]) : undefined;
}

const unfinished = {
  expression: '#status IN (:queued, :running)',
  values: { ':queued': 'queued', ':running': 'running' },
};

async function guardedUpdate(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
  try {
    await dynamo.send(new UpdateCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Counts chunk `index` as applied, if it is still the job's next chunk (false: a step before this one already
 * counted it). The job is running from its first chunk on.
 */
export function recordChunkApplied(
  job: Pick<ImportJob, 'cantonId' | 'jobId'>,
  index: number,
  outcome: { records: number; written: number; unchanged: number },
  now: string,
): Promise<boolean> {
  return guardedUpdate({
    TableName: TABLE_NAME,
    Key: keys.importJob(job.cantonId, job.jobId),
    UpdateExpression:
      'SET #status = :running, #nextChunk = :next, #done = #done + :records, ' +
      '#written = #written + :written, #unchanged = #unchanged + :unchanged, #updatedAt = :now',
    ConditionExpression: `#nextChunk = :index AND ${unfinished.expression}`,
    ExpressionAttributeNames: {
      '#status': 'status',
      '#nextChunk': 'nextChunk',
      '#done': 'done',
      '#written': 'written',
      '#unchanged': 'unchanged',
      '#updatedAt': 'updatedAt',
    },
    ExpressionAttributeValues: {
      ...unfinished.values,
      ':index': index,
      ':next': index + 1,
      ':records': outcome.records,
      ':written': outcome.written,
      ':unchanged': outcome.unchanged,
      ':now': now,
    },
  });
}

/** Ends a job that has not ended yet (false: it had), and takes it off the list of open jobs. */
export function finishImportJob(
  job: Pick<ImportJob, 'cantonId' | 'jobId'>,
  status: 'succeeded' | 'failed',
  errors: readonly ImportProblem[],
  now: string,
): Promise<boolean> {
  return guardedUpdate({
    TableName: TABLE_NAME,
    Key: keys.importJob(job.cantonId, job.jobId),
    UpdateExpression:
      'SET #status = :status, #errors = :errors, #updatedAt = :now, #finishedAt = :now REMOVE GSI1PK, GSI1SK',
    ConditionExpression: unfinished.expression,
    ExpressionAttributeNames: {
      '#status': 'status',
      '#errors': 'errors',
      '#updatedAt': 'updatedAt',
      '#finishedAt': 'finishedAt',
    },
    ExpressionAttributeValues: { ...unfinished.values, ':status': status, ':errors': errors, ':now': now },
  });
}

/** Deletes a job's staged records (deleting what is already gone is no error). */
export function dropImportChunks(job: Pick<ImportJob, 'cantonId' | 'jobId' | 'chunks'>): Promise<void> {
  return batchWrite(
    Array.from({ length: job.chunks }, (_, index) => ({
      DeleteRequest: { Key: keys.importChunk(job.cantonId, job.jobId, index) },
    })),
  );
}

/** The canton's jobs still queued or running, oldest first. */
export async function openImportJobs(cantonId: string): Promise<ImportJob[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.openImportJobs(cantonId) },
  });
  return items.map((i) => withoutStorageAttributes<ImportJob>(i));
}

/**
 * The stored organizations or services with these ids, read 100 at a time (BatchGetItem, consistent): an import
 * compares every record of a chunk with what is stored, and one request per record would be most of its time.
 */
export async function findCatalogueRecords<K extends ImportRecord['kind']>(
  cantonId: string,
  kind: K,
  ids: readonly string[],
): Promise<Map<string, K extends 'organization' ? Organization : Service>> {
  const key = (id: string) =>
    kind === 'organization' ? keys.organization(cantonId, id) : keys.service(cantonId, id);
  const found = new Map<string, K extends 'organization' ? Organization : Service>();
  for (let i = 0; i < ids.length; i += 100) {
    let pending: Record<string, unknown>[] = ids.slice(i, i + 100).map(key);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB left catalogue reads unprocessed after 8 attempts');
      if (attempt > 0) await new Promise((done) => setTimeout(done, 50 * 2 ** attempt));
      const answer = await dynamo.send(
        new BatchGetCommand({
          RequestItems: { [TABLE_NAME]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of answer.Responses?.[TABLE_NAME] ?? []) {
        const record = withoutStorageAttributes<K extends 'organization' ? Organization : Service>(item);
        found.set((record as { id: string }).id, record);
      }
      pending = (answer.UnprocessedKeys?.[TABLE_NAME]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}
