import { TIME_TO_LIVE_ATTRIBUTE } from '../../../lib/table.js';
import type { WorkflowStart } from '../stepfunctions/workflow-start.js';
import { TABLE_NAME } from './client.js';
import * as keys from './keys.js';
import type { TransactItem } from './versioned.js';

/**
 * The workflow outbox. A change that makes a workflow due (a referral made or re-routed, a complaint case opened or
 * appealed, a catalogue import staged) writes the execution to start in its own transaction; the table's stream
 * hands the new item to the function that starts it (handlers/workflows/start-executions.ts; locally the embedded
 * table's stream, lib/local/dynamodb.ts). So an execution is started if and only if its change was stored — a
 * referral can no longer be saved and then go without its timers because the start failed after the commit — and
 * the functions that make the change carry no Step Functions client, nor wait for its round trip.
 *
 * The item holds only ids (the executions' inputs are keys, which each step reads afresh) and vanishes by itself a
 * week later: the stream has long delivered it by then.
 */
const KEPT_SECONDS = 7 * 24 * 3600;

/** The outbox item of one start, for the transaction of the change that makes it due. */
export function workflowStartWrite(cantonId: string, start: WorkflowStart, at: string): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.workflowStart(cantonId, start.name),
        entity: keys.WORKFLOW_START_ENTITY,
        machine: start.machine,
        executionName: start.name,
        input: start.input,
        createdAt: at,
        [TIME_TO_LIVE_ATTRIBUTE]: Math.floor(Date.parse(at) / 1000) + KEPT_SECONDS,
      },
    },
  };
}
