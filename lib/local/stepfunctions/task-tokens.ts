/**
 * Task tokens: the service side of `.waitForTaskToken`, which the interpreter lacks. A callback Task registers its
 * token here; SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat find it by value.
 */
import { randomBytes } from 'node:crypto';
import type { JsonValue } from './definition.js';
import { memberNull, serviceError, validationError } from './protocol.js';

/**
 * A task token. Closed tokens are kept (small, without their execution) so that a late or repeated answer gets the
 * service's error rather than InvalidToken.
 */
export interface TaskToken {
  readonly token: string;
  readonly executionArn: string;
  readonly stateName: string;
  state: 'waiting' | 'succeeded' | 'failed' | 'timedOut' | 'closed';
  succeed: (output: JsonValue) => void;
  fail: (error: Error) => void;
  heartbeat: () => void;
}

export function newTaskToken(): string {
  // Opaque and unguessable, like the service's (which are long encrypted blobs): holding one is the only way to
  // answer a wait. base64url so that it survives URLs and form fields untouched.
  return `AQ${randomBytes(96).toString('base64url')}`;
}

export class TaskTokens {
  private readonly tokens = new Map<string, TaskToken>();

  add(record: TaskToken): void {
    this.tokens.set(record.token, record);
  }

  /** The token a Send* operation names, if its Task still waits; otherwise the service's error for it. */
  waiting(token: unknown): TaskToken {
    if (token === undefined || token === null) throw memberNull('taskToken');
    if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
      throw validationError(
        "1 validation error detected: Value at 'taskToken' failed to satisfy constraint: " +
          'Member must have length between 1 and 2048',
      );
    }
    const record = this.tokens.get(token);
    if (record === undefined) throw serviceError('InvalidToken', 'Invalid Token');
    if (record.state === 'timedOut') {
      throw serviceError('TaskTimedOut', "Task Timed Out: 'Provided task timed out'");
    }
    if (record.state !== 'waiting') {
      throw serviceError('TaskDoesNotExist', "Task Does Not Exist: 'Provided task does not exist anymore'");
    }
    return record;
  }
}
