/**
 * The local Step Functions service used by the local runtime (`npm start`) and by the tests.
 *
 * aws-local-stepfunctions interprets the very ASL the CDK stack deploys (Choice, Retry/Catch, ResultSelector,
 * intrinsics…), but it has no service around it and it silently lacks what the referral workflow depends on: task
 * tokens (`.waitForTaskToken`, `$$.Task.Token`), heartbeats, and timers that follow the product clock. This module
 * adds those and serves the Step Functions JSON 1.0 protocol, so handlers use the real @aws-sdk/client-sfn against
 * `endpoint` (AWS_ENDPOINT_URL_SFN) exactly as on AWS.
 *
 * How the gaps are filled, without touching the definition's meaning, in stepfunctions/:
 * - definition.ts rewrites each definition once so that every Task (and every Wait, turned into a Task) runs
 *   through a local handler with its Parameters and timeout paths resolved by the library itself;
 * - tasks.ts is that handler: Lambda steps in process, callback waits on task tokens (task-tokens.ts), timeouts on
 *   the product clock (timers.ts) raising the library's own States.Timeout (errors.ts);
 * - executions.ts runs the interpreter and mints `$$.Task.Token`; operations.ts answers the API; lambda.ts invokes
 *   the handlers; protocol.ts holds the service's errors and answers.
 */
import http from 'node:http';
import {
  AwsProtocolError,
  type JsonObject,
  UNKNOWN_OPERATION_EXCEPTION,
  asObject,
  operationOf,
  parseJsonBody,
} from './aws-protocol.js';
import { keepIdleConnections, listenForClients, readBody } from './http-plumbing.js';
import { type Machine, buildMachine } from './stepfunctions/definition.js';
import { messageOf, statesTimeoutErrorClass } from './stepfunctions/errors.js';
import { type ExecutionStatus, Executions } from './stepfunctions/executions.js';
import { LambdaInvoker } from './stepfunctions/lambda.js';
import { serviceOperations } from './stepfunctions/operations.js';
import { ACCOUNT, ERROR_NAMESPACE, SERVICE_TARGET, send } from './stepfunctions/protocol.js';
import { TaskRunner } from './stepfunctions/tasks.js';
import { TaskTokens } from './stepfunctions/task-tokens.js';
import { ProductTimers } from './stepfunctions/timers.js';

export type { ExecutionStatus } from './stepfunctions/executions.js';

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

const MAX_REQUEST_BYTES = 1024 * 1024;
/** close() waits this long (real time) for Lambda invocations already running before giving up on them. */
const CLOSE_GRACE_MS = 5_000;

export async function startLocalStepFunctions(
  options: LocalStepFunctionsOptions,
): Promise<LocalStepFunctions> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const machineArn = (name: string) => `arn:aws:states:${region}:${ACCOUNT}:stateMachine:${name}`;
  const TimeoutError = await statesTimeoutErrorClass();

  const machines = new Map<string, Machine>();
  for (const [name, definition] of Object.entries(options.stateMachines)) {
    machines.set(machineArn(name), buildMachine(name, machineArn(name), definition as JsonObject));
  }

  const timers = new ProductTimers();
  const tokens = new TaskTokens();
  const lambdas = new LambdaInvoker(options.invokeLambda);
  const executions = new Executions(region, timers, new TaskRunner(timers, tokens, lambdas, TimeoutError));
  let closing = false;
  const operations = serviceOperations({ machines, executions, tokens, isClosing: () => closing });

  const server = http.createServer((req, res) => {
    if (closing) res.shouldKeepAlive = false;
    void handle(req, res);
  });
  keepIdleConnections(server);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const target = req.headers['x-amz-target'];
      const operation = operationOf(target, SERVICE_TARGET);
      const run = operation !== undefined ? operations[operation] : undefined;
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
          __type: UNKNOWN_OPERATION_EXCEPTION,
          message: `Unknown operation ${String(target)}`,
        });
        return;
      }
      send(res, 200, run(asObject(parseJsonBody(body, {})) ?? {}));
    } catch (error) {
      if (error instanceof AwsProtocolError) {
        send(res, error.statusCode, error.body);
      } else {
        send(res, 500, { __type: `${ERROR_NAMESPACE}InternalFailure`, message: messageOf(error) });
      }
    }
  }

  const host = options.host ?? '127.0.0.1';
  let endpoint: string;
  try {
    endpoint = await listenForClients(server, options.port ?? 0, host);
  } catch (error) {
    timers.close();
    throw error;
  }

  let closed: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    closing = true;
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    const running = executions.all().filter((execution) => execution.status === 'RUNNING');
    for (const execution of running) {
      executions.finish(execution, 'ABORTED', {
        error: 'States.Aborted',
        cause: 'The local Step Functions service was closed',
      });
      executions.stop(execution);
    }
    await Promise.all(running.map((execution) => execution.settled));
    await lambdas.settle(CLOSE_GRACE_MS);
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
      return executions
        .all()
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
