import type { ReferralExecutionInput } from '../../../workflows/referral-workflow.js';
import type { ComplaintClockInput } from '../../../workflows/complaint-clock.js';
import type { CatalogueImportExecutionInput } from '../../../workflows/catalogue-import.js';
import { WORKFLOW_START_ENTITY } from '../dynamodb/keys.js';

/**
 * An execution to start: its state machine, its name (unique per machine, so a second start of it is refused) and
 * its input (keys only: each step reads the record afresh). Written to the workflow outbox by the change that makes
 * it due (adapters/dynamodb/workflow-starts.ts) and started by handlers/workflows/start-executions.ts. No SDK here:
 * the stores that write starts import this module.
 */
export type WorkflowStart =
  | { readonly machine: 'referral'; readonly name: string; readonly input: ReferralExecutionInput }
  | { readonly machine: 'complaint-clock'; readonly name: string; readonly input: ComplaintClockInput }
  | {
      readonly machine: 'catalogue-import';
      readonly name: string;
      readonly input: CatalogueImportExecutionInput;
    };

type StartOf<M extends WorkflowStart['machine']> = Extract<WorkflowStart, { readonly machine: M }>;

/** A referral's first execution, named after the referral so that a second start of it is refused by name. */
export const referralWorkflowStart = (cantonId: string, referralId: string): StartOf<'referral'> => ({
  machine: 'referral',
  name: `${cantonId}-${referralId}`,
  input: { phase: 'start', referral: { cantonId, referralId } },
});

/** A complaint case's clock at the level it is at: one execution per case and level. */
export const complaintClockStart = (complaint: {
  readonly cantonId: string;
  readonly complaintId: string;
  readonly level: 'canton' | 'national';
}): StartOf<'complaint-clock'> => {
  const { cantonId, complaintId, level } = complaint;
  return {
    machine: 'complaint-clock',
    name: `${cantonId}-${complaintId}-${level}`,
    input: { phase: 'start', complaint: { cantonId, complaintId, level } },
  };
};

/** A catalogue import job's execution; job ids are ULIDs, unique across cantons, so the id alone names it. */
export const catalogueImportStart = (cantonId: string, jobId: string): StartOf<'catalogue-import'> => ({
  machine: 'catalogue-import',
  name: jobId,
  input: { job: { cantonId, jobId } },
});

/** The start an outbox item (as the stream's new image, unmarshalled) asks for; undefined for any other item. */
export function workflowStartOf(image: Readonly<Record<string, unknown>>): WorkflowStart | undefined {
  if (image['entity'] !== WORKFLOW_START_ENTITY) return undefined;
  const { machine, executionName: name, input } = image;
  if (typeof name !== 'string' || typeof input !== 'object' || input === null) return undefined;
  if (machine !== 'referral' && machine !== 'complaint-clock' && machine !== 'catalogue-import')
    return undefined;
  return { machine, name, input } as WorkflowStart;
}
