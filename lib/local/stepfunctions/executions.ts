/**
 * Executions of the state machines, run by the interpreter with every Task handled locally (tasks.ts). They live in
 * the process: at start the runtime starts one for every open referral in the phase it is in.
 */
import { clock } from '#kernel/clock.js';
import type { StateMachine } from 'aws-local-stepfunctions';
import type { JsonObject } from '../aws-protocol.js';
import type { JsonValue, Machine } from './definition.js';
import { ExecutionStoppedError, messageOf } from './errors.js';
import { ACCOUNT } from './protocol.js';
import type { TaskRunner } from './tasks.js';
import { newTaskToken } from './task-tokens.js';
import { type ProductTimers, dueAfter } from './timers.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface Wait {
  readonly state: string;
  timesOutAt?: Date;
}

export interface Execution {
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

export class Executions {
  private readonly executions = new Map<string, Execution>();
  private sequence = 0;

  constructor(
    private readonly region: string,
    private readonly timers: ProductTimers,
    private readonly runner: TaskRunner,
  ) {}

  arnOf(machine: Machine, name: string): string {
    return `arn:aws:states:${this.region}:${ACCOUNT}:execution:${machine.name}:${name}`;
  }

  get(arn: string): Execution | undefined {
    return this.executions.get(arn);
  }

  /** Every execution, in the order they started. */
  all(): Execution[] {
    return [...this.executions.values()];
  }

  start(machine: Machine, name: string, input: string, inputValue: JsonValue): Execution {
    const execution: Execution = {
      arn: this.arnOf(machine, name),
      name,
      machine,
      sequence: ++this.sequence,
      input,
      status: 'RUNNING',
      startDate: clock.now(),
      waits: new Set(),
      pending: new Set(),
      abort: () => undefined,
      settled: Promise.resolve(),
    };
    this.executions.set(execution.arn, execution);

    const task: JsonObject = {};
    Object.defineProperty(task, 'Token', {
      enumerable: true,
      get: () => (execution.issuedToken ??= newTaskToken()),
    });
    const handlers = Object.fromEntries(
      [...machine.tasks.values()].map((info) => [
        info.stateName,
        (taskInput: JsonValue) => this.runner.run(execution, info, taskInput),
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
      this.finish(execution, 'FAILED', { error: 'States.Runtime', cause: messageOf(error) });
      return execution;
    }
    execution.abort = run.abort;
    void this.followEvents(execution, run.eventLogs);
    execution.settled = run.result.then(
      (output) => this.finish(execution, 'SUCCEEDED', { output: JSON.stringify(output ?? null) }),
      (error: unknown) => this.finish(execution, ...failureOf(error)),
    );
    if (machine.timeoutSeconds !== undefined) {
      // The execution's own TimeoutSeconds runs on the product clock too (the library's timer would use the wall
      // clock and overflow beyond 24.8 days), so it is enforced here rather than by the interpreter.
      const cancel = this.timers.add(dueAfter(machine.timeoutSeconds), () => {
        if (execution.status !== 'RUNNING') return;
        this.finish(execution, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' });
        this.stop(execution);
      });
      void execution.settled.then(cancel);
    }
    return execution;
  }

  private async followEvents(execution: Execution, events: AsyncGenerator<{ type: string }>): Promise<void> {
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

  finish(
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
  stop(execution: Execution): void {
    execution.stopped = true;
    execution.abort();
    for (const reject of [...execution.pending]) reject(new ExecutionStoppedError());
  }
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
