/**
 * The local Step Functions service used by the local runtime (`npm start`) and by the tests.
 *
 * aws-local-stepfunctions interprets the very ASL the CDK stack deploys (Choice, Retry/Catch, ResultSelector,
 * intrinsics…), but it has no service around it and it silently lacks what the referral workflow depends on: task
 * tokens (`.waitForTaskToken`, `$$.Task.Token`), heartbeats, and timers that follow the product clock. This module
 * adds those and serves the Step Functions JSON 1.0 protocol, so handlers use the real @aws-sdk/client-sfn against
 * `endpoint` (AWS_ENDPOINT_URL_SFN) exactly as on AWS.
 *
 * How the gaps are filled, without touching the definition's meaning:
 * - Every Task state is run through a local handler (the library's Task override). Before the definition is handed
 *   to the library, each Task's Parameters are wrapped as `{ Parameters: <original>, "TimeoutSeconds.$": <path> }`,
 *   so the library still resolves the original Parameters itself (paths, intrinsics, the context object) and the
 *   timeout/heartbeat paths against the same state input, and the handler receives both.
 * - `$$.Task.Token` is a getter on the context object passed to each run: resolving the Parameters of a Task mints a
 *   fresh opaque token (once per attempt, however often the Parameters mention it), which the Task's handler then
 *   claims. The library resolves Parameters and calls the handler in the same synchronous step, so concurrent
 *   branches cannot swap tokens.
 * - Timeouts are enforced here, not by the library (whose 60 s default, real-time timer and 24.8-day overflow would
 *   all be wrong): a Lambda step times out in real time, a callback wait at an instant of the product clock, so that
 *   tests and demos that move the clock fire reminders and escalations at once. The error raised is the library's own
 *   States.Timeout class, so `Catch`/`Retry` treat it exactly as the interpreter would (e.g. States.TaskFailed does
 *   not match it).
 * - Wait states are turned into Tasks run here for the same reason: the library sleeps on the wall clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { clock } from '../../functions/commons/clock.js';
import { listen, readBody } from './http-plumbing.js';

export interface LocalStepFunctionsOptions {
  /** State machine name → ASL definition (JSONPath only), each built once at start. */
  readonly stateMachines: Readonly<Record<string, object>>;
  /**
   * Runs a Lambda function synchronously, as the `lambda:invoke` integration does. A rejection fails the Task with
   * the error's name (the Lambda `errorType`), so a definition's Retry/Catch can match it.
   */
  readonly invokeLambda: (functionName: string, payload: unknown) => Promise<unknown>;
  /** Interface to listen on; 127.0.0.1 by default so that the service is never exposed to the network. */
  readonly host?: string;
  /** Port; 0 (the default) picks a free one. */
  readonly port?: number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What `executions()` reports for diagnostics (the local console, test failures). Task tokens are never listed. */
export interface ExecutionSummary {
  readonly executionArn: string;
  readonly stateMachineName: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  /** The state last entered (the one running, while the execution runs). */
  readonly currentState?: string;
  /** Callback waits in progress, with the product-clock instant at which each times out (if it does). */
  readonly waiting: readonly { readonly state: string; readonly timesOutAt?: Date }[];
  readonly error?: string;
  readonly cause?: string;
}

export interface LocalStepFunctions {
  /** The URL to give the SDK (`endpoint`, or AWS_ENDPOINT_URL_SFN). */
  readonly endpoint: string;
  stateMachineArn(name: string): string;
  executions(): ExecutionSummary[];
  /** Stops accepting requests, aborts running executions and waits for them to unwind. Idempotent. */
  close(): Promise<void>;
}

type JsonValue = Parameters<StateMachine['run']>[0];
type JsonObject = Record<string, unknown>;

const ACCOUNT = '123456789012';
const SERVICE_TARGET = 'AWSStepFunctions';
const ERROR_NAMESPACE = 'com.amazonaws.sfn#';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
/** The Resource given to Wait states rewritten as Tasks; only this module ever sees it. */
const LOCAL_WAIT = 'arn:aws:states:::swcs-local:wait';
/**
 * The library always arms a real-time timer for a Task (TimeoutSeconds, 60 s by default) and a JavaScript timer
 * longer than 2^31-1 ms fires at once, so its timer is set to the longest that does not overflow (24.8 days) and the
 * real timeout is enforced here.
 */
const LIBRARY_TIMER_SECONDS = Math.floor(2 ** 31 / 1000) - 1;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How often (real time) the product clock is read to fire timers that a clock.advance() has made due. */
const CLOCK_POLL_MS = 25;
const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_PAYLOAD_BYTES = 256 * 1024;
/** close() waits this long (real time) for Lambda invocations already running before giving up on them. */
const CLOSE_GRACE_MS = 5_000;
const STATUSES: readonly string[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

export async function startLocalStepFunctions(
  options: LocalStepFunctionsOptions,
): Promise<LocalStepFunctions> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const machineArn = (name: string) => `arn:aws:states:${region}:${ACCOUNT}:stateMachine:${name}`;
  const TimeoutError = await statesTimeoutErrorClass();

  const machines = new Map<string, Machine>();
  for (const [name, definition] of Object.entries(options.stateMachines)) {
    const tasks = new Map<string, TaskInfo>();
    const prepared = prepareDefinition(definition as JsonObject, tasks);
    let interpreter: StateMachine;
    try {
      interpreter = new StateMachine(prepared as unknown as StateMachineDefinition);
    } catch (error) {
      throw new Error(`State machine ${name}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    const timeoutSeconds = (definition as JsonObject).TimeoutSeconds;
    machines.set(machineArn(name), {
      name,
      arn: machineArn(name),
      interpreter,
      tasks,
      timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : undefined,
    });
  }

  const timers = new ProductTimers();
  const executions = new Map<string, Execution>();
  const tokens = new Map<string, TaskToken>();
  const inFlight = new Set<Promise<unknown>>();
  let sequence = 0;
  let closing = false;

  // ---------------------------------------------------------------------------------------------------------------
  // Executions

  function startExecution(machine: Machine, name: string, input: string, inputValue: JsonValue): Execution {
    const execution: Execution = {
      arn: `arn:aws:states:${region}:${ACCOUNT}:execution:${machine.name}:${name}`,
      name,
      machine,
      sequence: ++sequence,
      input,
      status: 'RUNNING',
      startDate: clock.now(),
      waits: new Set(),
      pending: new Set(),
      abort: () => undefined,
      settled: Promise.resolve(),
    };
    executions.set(execution.arn, execution);

    const task: JsonObject = {};
    Object.defineProperty(task, 'Token', {
      enumerable: true,
      get: () => (execution.issuedToken ??= newTaskToken()),
    });
    const handlers = Object.fromEntries(
      [...machine.tasks.values()].map((info) => [
        info.stateName,
        (taskInput: JsonValue) => runTask(execution, info, taskInput),
      ]),
    );
    let run: ReturnType<StateMachine['run']>;
    try {
      run = machine.interpreter.run(inputValue, {
        overrides: { taskResourceLocalHandlers: handlers },
        context: {
          Execution: { Id: execution.arn, Name: name, RoleArn: `arn:aws:iam::${ACCOUNT}:role/local` },
          StateMachine: { Id: machine.arn, Name: machine.name },
          Task: task,
        },
      });
    } catch (error) {
      finish(execution, 'FAILED', { error: 'States.Runtime', cause: messageOf(error) });
      return execution;
    }
    execution.abort = run.abort;
    void followEvents(execution, run.eventLogs);
    execution.settled = run.result.then(
      (output) => finish(execution, 'SUCCEEDED', { output: JSON.stringify(output ?? null) }),
      (error: unknown) => finish(execution, ...failureOf(error)),
    );
    if (machine.timeoutSeconds !== undefined) {
      // The execution's own TimeoutSeconds runs on the product clock too (the library's timer would use the wall
      // clock and overflow beyond 24.8 days), so it is enforced here rather than by the interpreter.
      const cancel = timers.add(dueAfter(machine.timeoutSeconds), () => {
        if (execution.status !== 'RUNNING') return;
        finish(execution, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' });
        stop(execution);
      });
      void execution.settled.then(cancel);
    }
    return execution;
  }

  async function followEvents(execution: Execution, events: AsyncGenerator<{ type: string }>): Promise<void> {
    try {
      for await (const event of events) {
        if (event.type === 'StateEntered' && 'state' in event) {
          execution.currentState = (event.state as { name: string }).name;
        }
      }
    } catch {
      // Diagnostics only: a failing event stream must never affect the execution.
    }
  }

  function finish(
    execution: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    details: { output?: string; error?: string; cause?: string },
  ): void {
    if (execution.status !== 'RUNNING') return;
    execution.status = status;
    execution.stopDate = clock.now();
    Object.assign(execution, details);
  }

  /** Aborts the interpreter and unblocks every Task still running, so that nothing keeps a timer or a promise. */
  function stop(execution: Execution): void {
    execution.stopped = true;
    execution.abort();
    for (const reject of [...execution.pending]) reject(new ExecutionStoppedError());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Tasks

  /**
   * The local handler of one Task attempt. Claims the token minted while the library resolved this attempt's
   * Parameters before anything asynchronous happens (see the module comment).
   */
  function runTask(execution: Execution, info: TaskInfo, taskInput: JsonValue): Promise<JsonValue> {
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
          runWait(attempt);
        } else if (info.resource === LAMBDA_INVOKE_CALLBACK) {
          runCallback(attempt);
        } else if (info.resource === LAMBDA_INVOKE || /^arn:aws[a-z-]*:lambda:/.test(info.resource)) {
          runLambda(attempt);
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
  function runLambda({ info, wrapper, succeed, fail, cleanups }: TaskAttempt): void {
    const integration = info.resource === LAMBDA_INVOKE;
    const parameters = wrapper.Parameters as JsonValue;
    const [functionName, payload] = integration
      ? lambdaTarget(info, parameters)
      : [info.resource, parameters];
    const seconds = timeoutSecondsOf(info, wrapper);
    if (seconds !== undefined) {
      // A Lambda step's timeout is compute time: it stays on the wall clock whatever the product clock does.
      const timer = setTimeout(() => fail(new TimeoutError()), Math.min(seconds * 1000, MAX_TIMER_MS));
      cleanups.push(() => clearTimeout(timer));
    }
    invoke(functionName, payload).then(
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
  function runCallback(attempt: TaskAttempt): void {
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
    tokens.set(token, record);
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
      cleanups.push(timers.add(dueAt, () => close('timedOut', () => fail(new TimeoutError()))));
    }
    if (heartbeatSeconds !== undefined) {
      // A heartbeat timeout is a timeout (States.TaskFailed does not match it) named States.HeartbeatTimeout. The
      // service also lets a `States.Timeout` catcher match it; the interpreter matches one name per error, so here
      // only `States.HeartbeatTimeout` (or States.ALL) does.
      const heartbeatTimeout = (): Error => {
        const error = new TimeoutError();
        error.name = 'States.HeartbeatTimeout';
        error.message = 'States.HeartbeatTimeout';
        return error;
      };
      let cancelHeartbeat = (): void => undefined;
      record.heartbeat = () => {
        cancelHeartbeat();
        cancelHeartbeat = timers.add(dueAfter(heartbeatSeconds), () =>
          close('timedOut', () => fail(heartbeatTimeout())),
        );
      };
      record.heartbeat();
      cleanups.push(() => cancelHeartbeat());
    }

    // The token is registered before the invocation, so an answer that arrives while the Lambda still runs counts.
    invoke(functionName, payload).then(() => undefined, record.fail);
  }

  /** A Wait state: relative durations are real seconds like every duration in a definition, instants are product time. */
  function runWait({ wrapper, succeed, cleanups }: TaskAttempt): void {
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
    cleanups.push(timers.add(dueAt, () => succeed(wrapper.Input as JsonValue)));
  }

  /** Calls invokeLambda as a Lambda invocation would behave: JSON in, JSON out, errors named by their type. */
  function invoke(functionName: string, payload: JsonValue): Promise<JsonValue> {
    const call = new Promise<unknown>((resolve) =>
      resolve(options.invokeLambda(functionName, cloneJson(payload))),
    );
    const tracked = call.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    void tracked.then(() => inFlight.delete(tracked));
    return call.then(
      (result) => cloneJson(result as JsonValue),
      (error: unknown) => {
        throw lambdaError(error);
      },
    );
  }

  function dueAfter(realSeconds: number): number {
    // Durations in a definition are real seconds (the workflow already divides product spans by the factor); the
    // instant is kept in product time so that clock.advance() brings it closer.
    return clock.now().getTime() + realSeconds * 1000 * clock.factor;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // API operations

  const operations: Record<string, (input: JsonObject) => JsonObject> = {
    StartExecution(input) {
      const machine = machineOf(input.stateMachineArn);
      if (closing) {
        throw serviceError('ServiceUnavailable', 'The local Step Functions service is shutting down', 503);
      }
      const name = optionalString(input, 'name') ?? randomUUID();
      if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u.test(name)) {
        throw serviceError('InvalidName', `Invalid Name: '${name}'`);
      }
      const inputText = optionalString(input, 'input') ?? '{}';
      if (Buffer.byteLength(inputText) > MAX_PAYLOAD_BYTES) {
        throw serviceError('InvalidExecutionInput', 'Execution input exceeds the maximum size of 256 KiB');
      }
      let inputValue: JsonValue;
      try {
        inputValue = JSON.parse(inputText) as JsonValue;
      } catch (error) {
        throw serviceError(
          'InvalidExecutionInput',
          `Invalid State Machine Execution Input: '${messageOf(error)}'`,
        );
      }
      const existing = executions.get(
        `arn:aws:states:${region}:${ACCOUNT}:execution:${machine.name}:${name}`,
      );
      if (existing !== undefined) {
        // Standard workflows: the same name and input while it runs is an idempotent retry; anything else clashes.
        if (existing.status === 'RUNNING' && existing.input === inputText) {
          return { executionArn: existing.arn, startDate: epochSeconds(existing.startDate) };
        }
        throw serviceError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
      }
      const execution = startExecution(machine, name, inputText, inputValue);
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
        finish(execution, 'ABORTED', {
          ...(error !== undefined ? { error } : {}),
          ...(cause !== undefined ? { cause } : {}),
        });
        stop(execution);
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
      const matching = [...executions.values()]
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
      const record = waitingToken(input.taskToken);
      const output = requiredString(input, 'output');
      if (Buffer.byteLength(output) > MAX_PAYLOAD_BYTES) {
        throw serviceError('InvalidOutput', 'Task output exceeds the maximum size of 256 KiB');
      }
      let value: JsonValue;
      try {
        value = JSON.parse(output) as JsonValue;
      } catch (error) {
        throw serviceError('InvalidOutput', `Invalid Output: '${messageOf(error)}'`);
      }
      record.succeed(value);
      return {};
    },

    SendTaskFailure(input) {
      const record = waitingToken(input.taskToken);
      record.fail(new TaskError(optionalString(input, 'error') ?? '', optionalString(input, 'cause') ?? ''));
      return {};
    },

    SendTaskHeartbeat(input) {
      waitingToken(input.taskToken).heartbeat();
      return {};
    },
  };

  function machineOf(arn: unknown): Machine {
    if (arn === undefined || arn === null) throw memberNull('stateMachineArn');
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:') || !arn.includes(':stateMachine:')) {
      throw serviceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    const machine = machines.get(arn);
    if (machine === undefined) {
      throw serviceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    }
    return machine;
  }

  function executionOf(arn: unknown): Execution {
    if (arn === undefined || arn === null) throw memberNull('executionArn');
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:') || !arn.includes(':execution:')) {
      throw serviceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    const execution = executions.get(arn);
    if (execution === undefined) {
      throw serviceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    }
    return execution;
  }

  function waitingToken(token: unknown): TaskToken {
    if (token === undefined || token === null) throw memberNull('taskToken');
    if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
      throw validationError(
        "1 validation error detected: Value at 'taskToken' failed to satisfy constraint: " +
          'Member must have length between 1 and 2048',
      );
    }
    const record = tokens.get(token);
    if (record === undefined) throw serviceError('InvalidToken', 'Invalid Token');
    if (record.state === 'timedOut') {
      throw serviceError('TaskTimedOut', "Task Timed Out: 'Provided task timed out'");
    }
    if (record.state !== 'waiting') {
      throw serviceError('TaskDoesNotExist', "Task Does Not Exist: 'Provided task does not exist anymore'");
    }
    return record;
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

  // ---------------------------------------------------------------------------------------------------------------
  // HTTP

  const server = http.createServer((req, res) => {
    if (closing) res.shouldKeepAlive = false;
    void handle(req, res);
  });
  // Handlers keep one SDK client for the life of the process; keep idle connections longer than Node's 5 s so that a
  // reused connection is not reset under a request (close() still drops them at once).
  server.keepAliveTimeout = 10 * 60_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const target = req.headers['x-amz-target'];
      const [service, operation] = typeof target === 'string' ? target.split('.') : [];
      const run = service === SERVICE_TARGET && operation !== undefined ? operations[operation] : undefined;
      let body: Buffer;
      try {
        body = await readBody(req, MAX_REQUEST_BYTES);
      } catch {
        send(res, 413, {
          __type: `${ERROR_NAMESPACE}ValidationException`,
          message: 'Request body too large',
        });
        return;
      }
      if (req.method !== 'POST' || run === undefined) {
        send(res, 400, {
          __type: 'com.amazon.coral.service#UnknownOperationException',
          message: `Unknown operation ${String(target)}`,
        });
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' });
        return;
      }
      send(res, 200, run(asObject(input) ?? {}));
    } catch (error) {
      if (error instanceof ServiceError) {
        send(res, error.status, { __type: `${ERROR_NAMESPACE}${error.code}`, message: error.message });
      } else {
        send(res, 500, { __type: `${ERROR_NAMESPACE}InternalFailure`, message: messageOf(error) });
      }
    }
  }

  const host = options.host ?? '127.0.0.1';
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    timers.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const endpointHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const endpoint = `http://${endpointHost.includes(':') ? `[${endpointHost}]` : endpointHost}:${address.port}`;

  let closed: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    closing = true;
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    const running = [...executions.values()].filter((execution) => execution.status === 'RUNNING');
    for (const execution of running) {
      finish(execution, 'ABORTED', {
        error: 'States.Aborted',
        cause: 'The local Step Functions service was closed',
      });
      stop(execution);
    }
    await Promise.all(running.map((execution) => execution.settled));
    // Lambda invocations cannot be cancelled; give those still running a moment so that they do not outlive the
    // databases the caller is about to close, without letting a stuck one hold close() forever.
    if (inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(inFlight),
        new Promise((resolve) => {
          timer = setTimeout(resolve, CLOSE_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
    }
    timers.close();
    await serverClosed;
  }

  return {
    endpoint,
    stateMachineArn(name) {
      const arn = machineArn(name);
      if (!machines.has(arn)) throw new Error(`No state machine named ${name}`);
      return arn;
    },
    executions() {
      return [...executions.values()]
        .sort((a, b) => a.sequence - b.sequence)
        .map((execution) => ({
          executionArn: execution.arn,
          stateMachineName: execution.machine.name,
          name: execution.name,
          status: execution.status,
          startDate: execution.startDate,
          ...(execution.stopDate !== undefined ? { stopDate: execution.stopDate } : {}),
          ...(execution.currentState !== undefined ? { currentState: execution.currentState } : {}),
          waiting: [...execution.waits].map((wait) => ({ ...wait })),
          ...(execution.error !== undefined ? { error: execution.error } : {}),
          ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
        }));
    },
    close() {
      closed ??= shutdown();
      return closed;
    },
  };
}

// -----------------------------------------------------------------------------------------------------------------
// Definitions

interface Machine {
  readonly name: string;
  readonly arn: string;
  readonly interpreter: StateMachine;
  readonly tasks: ReadonlyMap<string, TaskInfo>;
  readonly timeoutSeconds: number | undefined;
}

interface TaskInfo {
  readonly stateName: string;
  readonly resource: string;
  readonly timeoutSeconds?: number;
  readonly timeoutFromPath: boolean;
  readonly heartbeatSeconds?: number;
  readonly heartbeatFromPath: boolean;
}

/**
 * Rewrites a definition for the interpreter: Task Parameters wrapped so that the handler receives the resolved
 * Parameters and timeout paths, the library's own Task timer pushed out of the way, Wait states turned into Tasks
 * run on the product clock, the execution TimeoutSeconds removed (enforced on the product clock). Parallel branches
 * and Map processors are rewritten too: state names are unique across a whole definition, as ASL requires, so one
 * handler table serves them all.
 */
function prepareDefinition(definition: JsonObject, tasks: Map<string, TaskInfo>): JsonObject {
  const states = asObject(definition.States) ?? {};
  const prepared: JsonObject = {};
  for (const [name, raw] of Object.entries(states)) {
    const state = asObject(raw) ?? {};
    switch (state.Type) {
      case 'Task':
        prepared[name] = prepareTask(name, state, tasks);
        break;
      case 'Wait':
        prepared[name] = prepareWait(name, state, tasks);
        break;
      case 'Parallel':
        prepared[name] = {
          ...state,
          Branches: (Array.isArray(state.Branches) ? state.Branches : []).map((branch) =>
            prepareDefinition(asObject(branch) ?? {}, tasks),
          ),
        };
        break;
      case 'Map': {
        const copy: JsonObject = { ...state };
        for (const key of ['Iterator', 'ItemProcessor']) {
          const processor = asObject(state[key]);
          if (processor !== undefined) copy[key] = prepareDefinition(processor, tasks);
        }
        prepared[name] = copy;
        break;
      }
      default:
        prepared[name] = state;
    }
  }
  const { TimeoutSeconds: _timeout, ...rest } = definition;
  return { ...rest, States: prepared };
}

function prepareTask(name: string, state: JsonObject, tasks: Map<string, TaskInfo>): JsonObject {
  const {
    Parameters: parameters,
    TimeoutSeconds: timeoutSeconds,
    TimeoutSecondsPath: timeoutPath,
    HeartbeatSeconds: heartbeatSeconds,
    HeartbeatSecondsPath: heartbeatPath,
    ...rest
  } = state;
  tasks.set(name, {
    stateName: name,
    resource: typeof state.Resource === 'string' ? state.Resource : '',
    ...(typeof timeoutSeconds === 'number' ? { timeoutSeconds } : {}),
    timeoutFromPath: typeof timeoutPath === 'string',
    ...(typeof heartbeatSeconds === 'number' ? { heartbeatSeconds } : {}),
    heartbeatFromPath: typeof heartbeatPath === 'string',
  });
  const wrapper: JsonObject = 'Parameters' in state ? { Parameters: parameters } : { 'Parameters.$': '$' };
  if (typeof timeoutPath === 'string') wrapper['TimeoutSeconds.$'] = timeoutPath;
  if (typeof heartbeatPath === 'string') wrapper['HeartbeatSeconds.$'] = heartbeatPath;
  return { ...rest, Parameters: wrapper, TimeoutSeconds: LIBRARY_TIMER_SECONDS };
}

function prepareWait(name: string, state: JsonObject, tasks: Map<string, TaskInfo>): JsonObject {
  const { Type: _type, Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
  tasks.set(name, {
    stateName: name,
    resource: LOCAL_WAIT,
    timeoutFromPath: false,
    heartbeatFromPath: false,
  });
  // The effective input comes back as the result (ResultPath defaults to $), which is what a Wait outputs.
  const parameters: JsonObject = { 'Input.$': '$' };
  if (Seconds !== undefined) parameters.Seconds = Seconds;
  if (typeof SecondsPath === 'string') parameters['Seconds.$'] = SecondsPath;
  if (Timestamp !== undefined) parameters.Timestamp = Timestamp;
  if (typeof TimestampPath === 'string') parameters['Timestamp.$'] = TimestampPath;
  return {
    ...rest,
    Type: 'Task',
    Resource: LOCAL_WAIT,
    Parameters: parameters,
    TimeoutSeconds: LIBRARY_TIMER_SECONDS,
  };
}

/** How the interpreter's rejection of a run becomes the execution's status, error and cause. */
function failureOf(
  error: unknown,
): [Exclude<ExecutionStatus, 'RUNNING'>, { error?: string; cause?: string }] {
  if (error instanceof Error && error.name === 'ExecutionAbortedError') return ['ABORTED', {}];
  if (error instanceof Error && error.name === 'ExecutionTimeoutError') {
    return ['TIMED_OUT', { error: 'States.Timeout' }];
  }
  // ExecutionError carries the error that ended the run: a Task's error name and cause, or States.Runtime.
  const cause = error instanceof Error && error.name === 'ExecutionError' ? error.cause : error;
  if (cause instanceof Error) return ['FAILED', { error: cause.name, cause: cause.message }];
  return ['FAILED', { error: 'States.Runtime', cause: String(cause) }];
}

// -----------------------------------------------------------------------------------------------------------------
// Tasks and tokens

interface Wait {
  readonly state: string;
  timesOutAt?: Date;
}

interface Execution {
  readonly arn: string;
  readonly name: string;
  readonly machine: Machine;
  readonly sequence: number;
  readonly input: string;
  readonly startDate: Date;
  readonly waits: Set<Wait>;
  /** Rejects of the Tasks running now, so that stopping the execution can unblock them. */
  readonly pending: Set<(error: Error) => void>;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  currentState?: string;
  /** The token minted by `$$.Task.Token` for the Task attempt whose Parameters are being resolved. */
  issuedToken?: string;
  stopped?: boolean;
  abort: () => void;
  /** Settles once the interpreter's result has been recorded. */
  settled: Promise<void>;
}

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

/**
 * A task token. Closed tokens are kept (small, without their execution) so that a late or repeated answer gets the
 * service's error rather than InvalidToken.
 */
interface TaskToken {
  readonly token: string;
  readonly executionArn: string;
  readonly stateName: string;
  state: 'waiting' | 'succeeded' | 'failed' | 'timedOut' | 'closed';
  succeed: (output: JsonValue) => void;
  fail: (error: Error) => void;
  heartbeat: () => void;
}

function newTaskToken(): string {
  // Opaque and unguessable, like the service's (which are long encrypted blobs): holding one is the only way to
  // answer a wait. base64url so that it survives URLs and form fields untouched.
  return `AQ${randomBytes(96).toString('base64url')}`;
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

// -----------------------------------------------------------------------------------------------------------------
// Errors raised inside executions

/**
 * A Task failure as the interpreter sees it: Retry and Catch match `name`, and the Catch output's Cause is `message`.
 * The library reads `isRetryable` / `isCatchable` (default true) from whatever is thrown.
 */
class TaskError extends Error {
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
class StatesRuntimeError extends TaskError {
  constructor(message: string) {
    super('States.Runtime', message, { retryable: false, catchable: false });
  }
}

/** Unblocks a Task of a stopped execution; never retried or caught so that nothing else runs. */
class ExecutionStoppedError extends TaskError {
  constructor() {
    super('States.Aborted', 'The execution was stopped', { retryable: false, catchable: false });
  }
}

/** A rejection of invokeLambda as the lambda:invoke integration reports it: the error type and a JSON cause. */
function lambdaError(error: unknown): Error {
  const errorType = error instanceof Error ? error.name : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  return new TaskError(errorType, JSON.stringify({ errorType, errorMessage }));
}

type TimeoutErrorClass = new () => Error;
let timeoutErrorClass: Promise<TimeoutErrorClass> | undefined;

/**
 * The library's StatesTimeoutError is not exported, yet its identity matters: `States.TaskFailed` in a Retry or
 * Catch matches every Task error except instances of that class. A throwaway Task with a 1 ms timeout hands over an
 * instance (as the cause of the execution's failure), whose constructor is then used for every timeout raised here.
 */
function statesTimeoutErrorClass(): Promise<TimeoutErrorClass> {
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

// -----------------------------------------------------------------------------------------------------------------
// Product-clock timers

/**
 * Timers that fire when the product clock reaches an instant. One real-time poll serves all of them and runs only
 * while some are pending, so an idle service holds no timer and close() leaves no handle behind.
 */
class ProductTimers {
  private readonly timers = new Set<{ dueAt: number; fire: () => void }>();
  private interval: NodeJS.Timeout | undefined;

  /** Returns a cancel function. */
  add(dueAt: number, fire: () => void): () => void {
    const timer = { dueAt, fire };
    this.timers.add(timer);
    this.interval ??= setInterval(() => this.tick(), CLOCK_POLL_MS);
    return () => {
      this.timers.delete(timer);
      this.stopIfIdle();
    };
  }

  close(): void {
    this.timers.clear();
    this.stopIfIdle();
  }

  private tick(): void {
    const now = clock.now().getTime();
    for (const timer of [...this.timers]) {
      if (timer.dueAt > now || !this.timers.has(timer)) continue;
      this.timers.delete(timer);
      try {
        timer.fire();
      } catch {
        // A timer's action settles a promise; it has nothing useful to throw, and must not stop the others.
      }
    }
    this.stopIfIdle();
  }

  private stopIfIdle(): void {
    if (this.timers.size > 0 || this.interval === undefined) return;
    clearInterval(this.interval);
    this.interval = undefined;
  }
}

// -----------------------------------------------------------------------------------------------------------------
// Protocol plumbing

/** An error answer of the Step Functions JSON protocol; the SDK turns `code` into its exception class. */
class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function serviceError(code: string, message: string, status = 400): ServiceError {
  return new ServiceError(code, message, status);
}

function validationError(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

function memberNull(path: string): ServiceError {
  return validationError(
    `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
  );
}

function optionalString(input: JsonObject, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serviceError('SerializationException', `${name} must be a string`);
  return value;
}

function requiredString(input: JsonObject, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw memberNull(name);
  return value;
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function cloneJson(value: JsonValue | undefined): JsonValue {
  // What crosses a Lambda boundary is serialized: undefined becomes null, Dates become strings, and the callee can
  // never mutate the interpreter's state.
  return value === undefined ? null : (JSON.parse(JSON.stringify(value) ?? 'null') as JsonValue);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('x-amzn-RequestId', randomUUID());
  res.end(text);
}
