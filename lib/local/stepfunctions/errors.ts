/**
 * The errors raised inside executions, shaped as the interpreter expects them so that a definition's Retry and Catch
 * treat them as the service would.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { LAMBDA_INVOKE } from './definition.js';

/**
 * A Task failure as the interpreter sees it: Retry and Catch match `name`, and the Catch output's Cause is `message`.
 * The library reads `isRetryable` / `isCatchable` (default true) from whatever is thrown.
 */
export class TaskError extends Error {
  constructor(
    name: string,
    message: string,
    private readonly flags: { retryable: boolean; catchable: boolean } = { retryable: true, catchable: true },
  ) {
    super(message);
    this.name = name;
  }

  get isRetryable(): boolean {
    return this.flags.retryable;
  }

  get isCatchable(): boolean {
    return this.flags.catchable;
  }
}

/** States.Runtime cannot be retried or caught, as in the service. */
export class StatesRuntimeError extends TaskError {
  constructor(message: string) {
    super('States.Runtime', message, { retryable: false, catchable: false });
  }
}

/** Unblocks a Task of a stopped execution; never retried or caught so that nothing else runs. */
export class ExecutionStoppedError extends TaskError {
  constructor() {
    super('States.Aborted', 'The execution was stopped', { retryable: false, catchable: false });
  }
}

export type TimeoutErrorClass = new () => Error;
let timeoutErrorClass: Promise<TimeoutErrorClass> | undefined;

/**
 * The library's StatesTimeoutError is not exported, yet its identity matters: `States.TaskFailed` in a Retry or
 * Catch matches every Task error except instances of that class. A throwaway Task with a 1 ms timeout hands over an
 * instance (as the cause of the execution's failure), whose constructor is then used for every timeout the local service raises.
 */
export function statesTimeoutErrorClass(): Promise<TimeoutErrorClass> {
  timeoutErrorClass ??= (async () => {
    const probe = new StateMachine(
      {
        StartAt: 'Probe',
        States: { Probe: { Type: 'Task', Resource: LAMBDA_INVOKE, TimeoutSeconds: 0.001, End: true } },
      },
      { validationOptions: { noValidate: true } },
    );
    const run = probe.run(null, {
      overrides: { taskResourceLocalHandlers: { Probe: () => new Promise<never>(() => undefined) } },
    });
    const failure = await run.result.then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.cause : undefined),
    );
    if (failure instanceof Error && failure.name === 'States.Timeout') {
      return failure.constructor as TimeoutErrorClass;
    }
    // Should the library change, a plain named error still matches `States.Timeout` (only States.TaskFailed differs).
    return class extends TaskError {
      constructor() {
        super('States.Timeout', 'States.Timeout');
      }
    };
  })();
  return timeoutErrorClass;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
