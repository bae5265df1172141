/**
 * The catalogue import workflow: one Standard execution per import job (functions/domain/import-job.ts), so that a
 * big HSDS document is applied outside the API's 29-second limit. Amazon States Language, JSONPath only (the
 * local interpreter ignores JSONata), built here once: the CDK stack deploys this definition and the local runtime
 * runs the very same object.
 *
 * The one Lambda step reads the job afresh at every state: `apply-chunk` applies the job's next chunk of staged
 * records and counts it, and says whether chunks remain; the loop ends with `finish` (the job succeeded) or, once
 * retries are spent, `fail` (the job failed, with the reason). Writes skip identical records, so a retried chunk
 * finishes what an earlier attempt began.
 */
import { RETRY_ANY_ERROR, RETRY_LAMBDA_TRANSIENT } from './retries.js';

export const CATALOGUE_IMPORT_STEP = '${CatalogueImportStepArn}';

/** The longest one step may take: a chunk of records applies in seconds. */
export const IMPORT_STEP_TIMEOUT_SECONDS = 90;

/** The execution input: the job's keys. */
export interface CatalogueImportExecutionInput {
  readonly job: { readonly cantonId: string; readonly jobId: string };
}

export type CatalogueImportAction = 'apply-chunk' | 'finish' | 'fail';

/**
 * The service's own transient errors, as for every Lambda step; anything else (a record changed meanwhile,
 * throttling, a timeout) twice more, reading the records afresh.
 */
const RETRY = [RETRY_LAMBDA_TRANSIENT, RETRY_ANY_ERROR];

function step(action: CatalogueImportAction, next: string, extra: Record<string, string> = {}) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: CATALOGUE_IMPORT_STEP, Payload: { action, 'job.$': '$.job', ...extra } },
    ResultSelector: { 'done.$': '$.Payload.done' },
    ResultPath: '$.progress',
    TimeoutSeconds: IMPORT_STEP_TIMEOUT_SECONDS,
    Retry: RETRY,
    Next: next,
  };
}

const toFailure = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }];

export function catalogueImportWorkflowDefinition() {
  return {
    Comment: 'SWCS catalogue import: apply a validated HSDS document chunk by chunk, then end the job',
    StartAt: 'ApplyChunk',
    States: {
      ApplyChunk: { ...step('apply-chunk', 'MoreChunks'), Catch: toFailure },
      MoreChunks: {
        Type: 'Choice',
        Choices: [{ Variable: '$.progress.done', BooleanEquals: true, Next: 'Finish' }],
        Default: 'ApplyChunk',
      },
      Finish: { ...step('finish', 'Imported'), Catch: toFailure },
      RecordFailure: { ...step('fail', 'ImportFailed', { 'error.$': '$.error' }) },
      Imported: { Type: 'Succeed' },
      ImportFailed: {
        Type: 'Fail',
        Error: 'CatalogueImportFailed',
        Cause:
          'The import job recorded why it stopped; read it at GET /cantons/{c}/catalogue/imports/{jobId}',
      },
    },
  };
}
