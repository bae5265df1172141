/**
 * How a definition is rewritten before the interpreter sees it, without touching its meaning:
 * - Every Task state is run through a local handler (the library's Task override). Each Task's Parameters are
 *   wrapped as `{ Parameters: <original>, "TimeoutSeconds.$": <path> }`, so the library still resolves the original
 *   Parameters itself (paths, intrinsics, the context object) and the timeout/heartbeat paths against the same state
 *   input, and the handler receives both.
 * - Wait states are turned into Tasks run locally: the library sleeps on the wall clock, and waits follow the
 *   product clock.
 */
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { type JsonObject, asObject } from '../aws-protocol.js';

export type JsonValue = Parameters<StateMachine['run']>[0];

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
/** The Resource given to Wait states rewritten as Tasks; only the local service ever sees it. */
export const LOCAL_WAIT = 'arn:aws:states:::swcs-local:wait';
/**
 * The library always arms a real-time timer for a Task (TimeoutSeconds, 60 s by default) and a JavaScript timer
 * longer than 2^31-1 ms fires at once, so its timer is set to the longest that does not overflow (24.8 days) and the
 * real timeout is enforced by the local Task handlers (tasks.ts).
 */
export const LIBRARY_TIMER_SECONDS = Math.floor(2 ** 31 / 1000) - 1;

/** A state machine as the service holds it: the interpreter built once, and what its Task handlers need. */
export interface Machine {
  readonly name: string;
  readonly arn: string;
  readonly interpreter: StateMachine;
  readonly tasks: ReadonlyMap<string, TaskInfo>;
  readonly timeoutSeconds: number | undefined;
}

export interface TaskInfo {
  readonly stateName: string;
  readonly resource: string;
  readonly timeoutSeconds?: number;
  readonly timeoutFromPath: boolean;
  readonly heartbeatSeconds?: number;
  readonly heartbeatFromPath: boolean;
}

/** Builds the interpreter of one state machine (construction is slow: once per machine, at start). */
export function buildMachine(name: string, arn: string, definition: JsonObject): Machine {
  const tasks = new Map<string, TaskInfo>();
  const prepared = prepareDefinition(definition, tasks);
  let interpreter: StateMachine;
  try {
    interpreter = new StateMachine(prepared as unknown as StateMachineDefinition);
  } catch (error) {
    throw new Error(`State machine ${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const timeoutSeconds = definition.TimeoutSeconds;
  return {
    name,
    arn,
    interpreter,
    tasks,
    timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : undefined,
  };
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
