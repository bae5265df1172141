/**
 * The operations of the Step Functions API that the product's handlers and tests call, answered as the service
 * answers them (names, errors and messages that the SDK and its callers rely on).
 */
import { randomUUID } from 'node:crypto';
import { clock } from '#kernel/clock.js';
import type { JsonObject } from '../aws-protocol.js';
import type { JsonValue, Machine } from './definition.js';
import { TaskError, messageOf } from './errors.js';
import type { Execution, Executions } from './executions.js';
import {
  epochSeconds,
  memberNull,
  optionalString,
  requiredString,
  serviceError,
  validationError,
} from './protocol.js';
import type { TaskTokens } from './task-tokens.js';

const MAX_PAYLOAD_BYTES = 256 * 1024;
const STATUSES: readonly string[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

export type Operation = (input: JsonObject) => JsonObject;

export interface ServiceState {
  readonly machines: ReadonlyMap<string, Machine>;
  readonly executions: Executions;
  readonly tokens: TaskTokens;
  readonly isClosing: () => boolean;
}

/** The operations by name (the `X-Amz-Target` suffix). */
export function serviceOperations({
  machines,
  executions,
  tokens,
  isClosing,
}: ServiceState): Record<string, Operation> {
  const operations: Record<string, Operation> = {
    StartExecution(input) {
      const machine = machineOf(input.stateMachineArn);
      if (isClosing()) {
        throw serviceError('ServiceUnavailable', 'The local Step Functions service is shutting down', 503);
      }
      const name = optionalString(input, 'name') ?? randomUUID();
      if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u.test(name)) {
        throw serviceError('InvalidName', `Invalid Name: '${name}'`);
      }
      const inputText = optionalString(input, 'input') ?? '{}';
      const inputValue = jsonPayload(
        inputText,
        'InvalidExecutionInput',
        'Execution input',
        'Invalid State Machine Execution Input',
      );
      const existing = executions.get(executions.arnOf(machine, name));
      if (existing !== undefined) {
        // Standard workflows: the same name and input while it runs is an idempotent retry; anything else clashes.
        if (existing.status === 'RUNNING' && existing.input === inputText) {
          return { executionArn: existing.arn, startDate: epochSeconds(existing.startDate) };
        }
        throw serviceError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
      }
      const execution = executions.start(machine, name, inputText, inputValue);
      return { executionArn: execution.arn, startDate: epochSeconds(execution.startDate) };
    },

    DescribeExecution(input) {
      const execution = executionOf(input.executionArn);
      return {
        executionArn: execution.arn,
        stateMachineArn: execution.machine.arn,
        name: execution.name,
        status: execution.status,
        startDate: epochSeconds(execution.startDate),
        ...(execution.stopDate !== undefined ? { stopDate: epochSeconds(execution.stopDate) } : {}),
        input: execution.input,
        inputDetails: { included: true },
        ...(execution.output !== undefined
          ? { output: execution.output, outputDetails: { included: true } }
          : {}),
        ...(execution.error !== undefined ? { error: execution.error } : {}),
        ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
      };
    },

    StopExecution(input) {
      const execution = executionOf(input.executionArn);
      if (execution.status === 'RUNNING') {
        const error = optionalString(input, 'error');
        const cause = optionalString(input, 'cause');
        executions.finish(execution, 'ABORTED', {
          ...(error !== undefined ? { error } : {}),
          ...(cause !== undefined ? { cause } : {}),
        });
        executions.stop(execution);
      }
      return { stopDate: epochSeconds(execution.stopDate ?? clock.now()) };
    },

    ListExecutions(input) {
      const machine = machineOf(input.stateMachineArn);
      const statusFilter = optionalString(input, 'statusFilter');
      if (statusFilter !== undefined && !STATUSES.includes(statusFilter)) {
        throw validationError(
          `1 validation error detected: Value '${statusFilter}' at 'statusFilter' failed to satisfy constraint: ` +
            `Member must satisfy enum value set: [${STATUSES.join(', ')}]`,
        );
      }
      const maxResults = input.maxResults ?? 0;
      if (!Number.isInteger(maxResults) || (maxResults as number) < 0 || (maxResults as number) > 1000) {
        throw validationError(
          "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: " +
            'Member must have value between 0 and 1000',
        );
      }
      const limit = (maxResults as number) || 100;
      const before = cursorOf(optionalString(input, 'nextToken'), machine);
      // Newest first, as the service lists them; the cursor is a position in that order, not an offset, so that
      // executions started while a client pages do not shift the pages.
      const matching = executions
        .all()
        .filter((execution) => execution.machine === machine && execution.sequence < before)
        .filter((execution) => statusFilter === undefined || execution.status === statusFilter)
        .sort((a, b) => b.sequence - a.sequence);
      const page = matching.slice(0, limit);
      const last = page.at(-1);
      return {
        executions: page.map((execution) => ({
          executionArn: execution.arn,
          stateMachineArn: machine.arn,
          name: execution.name,
          status: execution.status,
          startDate: epochSeconds(execution.startDate),
          ...(execution.stopDate !== undefined ? { stopDate: epochSeconds(execution.stopDate) } : {}),
        })),
        ...(matching.length > limit && last !== undefined
          ? { nextToken: Buffer.from(JSON.stringify([machine.name, last.sequence])).toString('base64url') }
          : {}),
      };
    },

    SendTaskSuccess(input) {
      const record = tokens.waiting(input.taskToken);
      const output = requiredString(input, 'output');
      record.succeed(jsonPayload(output, 'InvalidOutput', 'Task output', 'Invalid Output'));
      return {};
    },

    SendTaskFailure(input) {
      const record = tokens.waiting(input.taskToken);
      record.fail(new TaskError(optionalString(input, 'error') ?? '', optionalString(input, 'cause') ?? ''));
      return {};
    },

    SendTaskHeartbeat(input) {
      tokens.waiting(input.taskToken).heartbeat();
      return {};
    },
  };

  function machineOf(arn: unknown): Machine {
    return lookUp(arn, 'stateMachineArn', ':stateMachine:', (known) => machines.get(known), [
      'StateMachineDoesNotExist',
      'State Machine Does Not Exist',
    ]);
  }

  function executionOf(arn: unknown): Execution {
    return lookUp(arn, 'executionArn', ':execution:', (known) => executions.get(known), [
      'ExecutionDoesNotExist',
      'Execution Does Not Exist',
    ]);
  }

  function cursorOf(nextToken: string | undefined, machine: Machine): number {
    if (nextToken === undefined) return Number.POSITIVE_INFINITY;
    try {
      const [name, position] = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as unknown[];
      if (name === machine.name && typeof position === 'number') return position;
    } catch {
      // Reported below as the service does.
    }
    throw serviceError('InvalidToken', `Invalid Token: '${nextToken}'`);
  }

  return operations;
}

/** A JSON document passed as text (execution input, task output): at most 256 KiB, and valid JSON. */
function jsonPayload(text: string, code: string, what: string, invalid: string): JsonValue {
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
    throw serviceError(code, `${what} exceeds the maximum size of 256 KiB`);
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw serviceError(code, `${invalid}: '${messageOf(error)}'`);
  }
}

/** The resource an ARN argument names, with the service's errors for a missing, malformed or unknown ARN. */
function lookUp<T>(
  arn: unknown,
  field: string,
  resourceType: string,
  find: (arn: string) => T | undefined,
  [missingCode, missingMessage]: [string, string],
): T {
  if (arn === undefined || arn === null) throw memberNull(field);
  if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:') || !arn.includes(resourceType)) {
    throw serviceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  }
  const found = find(arn);
  if (found === undefined) throw serviceError(missingCode, `${missingMessage}: '${arn}'`);
  return found;
}
