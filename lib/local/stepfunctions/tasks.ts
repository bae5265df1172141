/**
 * The local handler of every Task state (the library's Task override), by Resource: Lambda steps, callback waits
 * (`.waitForTaskToken`) and Wait states rewritten as Tasks (see definition.ts).
 *
 * - `$$.Task.Token` is a getter on the context object passed to each run (executions.ts): resolving the Parameters of
 *   a Task mints a fresh opaque token (once per attempt, however often the Parameters mention it), which the Task's
 *   handler then claims. The library resolves Parameters and calls the handler in the same synchronous step, so
 *   concurrent branches cannot swap tokens.
 * - Timeouts are enforced here, not by the library (whose 60 s default, real-time timer and 24.8-day overflow would
 *   all be wrong): a Lambda step times out in real time, a callback wait at an instant of the product clock, so that
 *   tests and demos that move the clock fire reminders and escalations at once. The error raised is the library's own
 *   States.Timeout class, so `Catch`/`Retry` treat it exactly as the interpreter would (e.g. States.TaskFailed does
 *   not match it).
 */
import { randomUUID } from 'node:crypto';
import { type JsonObject, asObject } from '../aws-protocol.js';
import {
  type JsonValue,
  LAMBDA_INVOKE,
  LAMBDA_INVOKE_CALLBACK,
  LOCAL_WAIT,
  type TaskInfo,
} from './definition.js';
import { ExecutionStoppedError, StatesRuntimeError, type TimeoutErrorClass } from './errors.js';
import type { Execution, Wait } from './executions.js';
import type { LambdaInvoker } from './lambda.js';
import { type TaskToken, type TaskTokens, newTaskToken } from './task-tokens.js';
import { MAX_TIMER_MS, type ProductTimers, dueAfter } from './timers.js';

interface TaskAttempt {
  readonly execution: Execution;
  readonly info: TaskInfo;
  readonly token: string | undefined;
  /** The wrapper built by prepareTask, resolved by the library. */
  readonly wrapper: JsonObject;
  readonly succeed: (value: JsonValue) => void;
  readonly fail: (error: Error) => void;
  readonly cleanups: (() => void)[];
}

export class TaskRunner {
  constructor(
    private readonly timers: ProductTimers,
    private readonly tokens: TaskTokens,
    private readonly lambdas: LambdaInvoker,
    /** The library's own States.Timeout class (see errors.ts). */
    private readonly TimeoutError: TimeoutErrorClass,
  ) {}

  /**
   * The local handler of one Task attempt. Claims the token minted while the library resolved this attempt's
   * Parameters before anything asynchronous happens (see the module comment).
   */
  run(execution: Execution, info: TaskInfo, taskInput: JsonValue): Promise<JsonValue> {
    const token = execution.issuedToken;
    execution.issuedToken = undefined;
    return new Promise<JsonValue>((resolve, reject) => {
      if (execution.stopped) {
        reject(new ExecutionStoppedError());
        return;
      }
      let settled = false;
      const cleanups: (() => void)[] = [];
      const settle = (action: () => void): void => {
        if (settled) return;
        settled = true;
        execution.pending.delete(fail);
        for (const cleanup of cleanups) cleanup();
        action();
      };
      const succeed = (value: JsonValue): void => settle(() => resolve(value));
      const fail = (error: Error): void => settle(() => reject(error));
      execution.pending.add(fail);
      try {
        const wrapper = asObject(taskInput) ?? {};
        const attempt: TaskAttempt = { execution, info, token, wrapper, succeed, fail, cleanups };
        if (info.resource === LOCAL_WAIT) {
          this.runWait(attempt);
        } else if (info.resource === LAMBDA_INVOKE_CALLBACK) {
          this.runCallback(attempt);
        } else if (info.resource === LAMBDA_INVOKE || /^arn:aws[a-z-]*:lambda:/.test(info.resource)) {
          this.runLambda(attempt);
        } else {
          // Never fall through to the library, which would call the real AWS service.
          throw new StatesRuntimeError(
            `Resource ${info.resource} of state ${info.stateName} is not supported by the local Step Functions service`,
          );
        }
      } catch (error) {
        fail(error instanceof Error ? error : new StatesRuntimeError(String(error)));
      }
    });
  }

  /** `lambda:invoke` (the result wrapped as the integration does) or a Lambda ARN used directly as the Resource. */
  private runLambda({ info, wrapper, succeed, fail, cleanups }: TaskAttempt): void {
    const integration = info.resource === LAMBDA_INVOKE;
    const parameters = wrapper.Parameters as JsonValue;
    const [functionName, payload] = integration
      ? lambdaTarget(info, parameters)
      : [info.resource, parameters];
    const seconds = timeoutSecondsOf(info, wrapper);
    if (seconds !== undefined) {
      // A Lambda step's timeout is compute time: it stays on the wall clock whatever the product clock does.
      const timer = setTimeout(() => fail(new this.TimeoutError()), Math.min(seconds * 1000, MAX_TIMER_MS));
      cleanups.push(() => clearTimeout(timer));
    }
    this.lambdas.invoke(functionName, payload).then(
      (result) =>
        succeed(
          integration
            ? {
                ExecutedVersion: '$LATEST',
                Payload: result,
                SdkHttpMetadata: { HttpStatusCode: 200 },
                SdkResponseMetadata: { RequestId: randomUUID() },
                StatusCode: 200,
              }
            : result,
        ),
      fail,
    );
  }

  /** `lambda:invoke.waitForTaskToken`: invoke, then wait for SendTaskSuccess / SendTaskFailure or the timeout. */
  private runCallback(attempt: TaskAttempt): void {
    const { execution, info, wrapper, fail, cleanups } = attempt;
    const [functionName, payload] = lambdaTarget(info, wrapper.Parameters as JsonValue);
    const timeoutSeconds = timeoutSecondsOf(info, wrapper);
    const heartbeatSeconds = heartbeatSecondsOf(info, wrapper);
    // Parameters that never mention $$.Task.Token leave nobody able to answer: such a wait only ends with its
    // timeout (or the execution), but it still gets a token so that it is tracked like any other.
    const token = attempt.token ?? newTaskToken();
    const record: TaskToken = {
      token,
      state: 'waiting',
      executionArn: execution.arn,
      stateName: info.stateName,
      succeed: (output) => close('succeeded', () => attempt.succeed(output)),
      fail: (error) => close('failed', () => fail(error)),
      heartbeat: () => undefined,
    };
    this.tokens.add(record);
    const wait: Wait = { state: info.stateName };
    execution.waits.add(wait);
    cleanups.push(() => {
      execution.waits.delete(wait);
      // A Task that ends for any other reason (execution stopped, Lambda failed) closes its token too.
      if (record.state === 'waiting') record.state = 'closed';
      record.succeed = () => undefined;
      record.fail = () => undefined;
    });

    function close(state: TaskToken['state'], action: () => void): void {
      if (record.state !== 'waiting') return;
      record.state = state;
      action();
    }

    if (timeoutSeconds !== undefined) {
      const dueAt = dueAfter(timeoutSeconds);
      wait.timesOutAt = new Date(dueAt);
      cleanups.push(this.timers.add(dueAt, () => close('timedOut', () => fail(new this.TimeoutError()))));
    }
    if (heartbeatSeconds !== undefined) {
      // A heartbeat timeout is a timeout (States.TaskFailed does not match it) named States.HeartbeatTimeout. The
      // service also lets a `States.Timeout` catcher match it; the interpreter matches one name per error, so here
      // only `States.HeartbeatTimeout` (or States.ALL) does.
      const heartbeatTimeout = (): Error => {
        const error = new this.TimeoutError();
        error.name = 'States.HeartbeatTimeout';
        error.message = 'States.HeartbeatTimeout';
        return error;
      };
      let cancelHeartbeat = (): void => undefined;
      record.heartbeat = () => {
        cancelHeartbeat();
        cancelHeartbeat = this.timers.add(dueAfter(heartbeatSeconds), () =>
          close('timedOut', () => fail(heartbeatTimeout())),
        );
      };
      record.heartbeat();
      cleanups.push(() => cancelHeartbeat());
    }

    // The token is registered before the invocation, so an answer that arrives while the Lambda still runs counts.
    this.lambdas.invoke(functionName, payload).then(() => undefined, record.fail);
  }

  /** A Wait state: relative durations are real seconds like every duration in a definition, instants are product time. */
  private runWait({ wrapper, succeed, cleanups }: TaskAttempt): void {
    let dueAt: number;
    if (wrapper.Timestamp !== undefined) {
      const timestamp = wrapper.Timestamp;
      const parsed = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
      if (Number.isNaN(parsed)) {
        throw new StatesRuntimeError(
          `Wait timestamp ${JSON.stringify(timestamp)} is not an RFC 3339 timestamp`,
        );
      }
      dueAt = parsed;
    } else {
      const seconds = wrapper.Seconds;
      if (!Number.isInteger(seconds) || (seconds as number) < 0) {
        throw new StatesRuntimeError(`Wait seconds ${JSON.stringify(seconds)} is not an integer >= 0`);
      }
      dueAt = dueAfter(seconds as number);
    }
    cleanups.push(this.timers.add(dueAt, () => succeed(wrapper.Input as JsonValue)));
  }
}

function lambdaTarget(info: TaskInfo, parameters: JsonValue): [string, JsonValue] {
  const params = asObject(parameters);
  const functionName = params?.FunctionName;
  if (typeof functionName !== 'string' || functionName === '') {
    throw new StatesRuntimeError(
      `State ${info.stateName}: Parameters.FunctionName must be a non-empty string`,
    );
  }
  // The integration invokes with an empty event when no Payload is given.
  return [functionName, (params?.Payload ?? {}) as JsonValue];
}

function timeoutSecondsOf(info: TaskInfo, wrapper: JsonObject): number | undefined {
  return positiveSeconds(
    info,
    'TimeoutSeconds',
    info.timeoutFromPath ? wrapper.TimeoutSeconds : info.timeoutSeconds,
  );
}

function heartbeatSecondsOf(info: TaskInfo, wrapper: JsonObject): number | undefined {
  return positiveSeconds(
    info,
    'HeartbeatSeconds',
    info.heartbeatFromPath ? wrapper.HeartbeatSeconds : info.heartbeatSeconds,
  );
}

function positiveSeconds(info: TaskInfo, field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new StatesRuntimeError(
      `State ${info.stateName}: ${field} evaluated to ${JSON.stringify(value)}, but expected an integer >= 1`,
    );
  }
  return value as number;
}
