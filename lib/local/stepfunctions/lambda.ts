/**
 * Lambda invocations from Task states, in process: JSON in, JSON out, errors named by their type, as the
 * `lambda:invoke` integration reports them. Invocations are tracked so that closing the service can wait for them.
 */
import type { JsonValue } from './definition.js';
import { TaskError } from './errors.js';

export type InvokeLambda = (functionName: string, payload: unknown) => Promise<unknown>;

export class LambdaInvoker {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly invokeLambda: InvokeLambda) {}

  /** Calls invokeLambda as a Lambda invocation would behave: JSON in, JSON out, errors named by their type. */
  invoke(functionName: string, payload: JsonValue): Promise<JsonValue> {
    const call = new Promise<unknown>((resolve) =>
      resolve(this.invokeLambda(functionName, cloneJson(payload))),
    );
    const tracked = call.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(tracked);
    void tracked.then(() => this.inFlight.delete(tracked));
    return call.then(
      (result) => cloneJson(result as JsonValue),
      (error: unknown) => {
        throw lambdaError(error);
      },
    );
  }

  /**
   * Lambda invocations cannot be cancelled; give those still running a moment so that they do not outlive the
   * databases the caller is about to close, without letting a stuck one hold close() forever.
   */
  async settle(graceMs: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.inFlight),
      new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
  }
}

/** A rejection of invokeLambda as the lambda:invoke integration reports it: the error type and a JSON cause. */
function lambdaError(error: unknown): Error {
  const errorType = error instanceof Error ? error.name : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  return new TaskError(errorType, JSON.stringify({ errorType, errorMessage }));
}

function cloneJson(value: JsonValue | undefined): JsonValue {
  // What crosses a Lambda boundary is serialized: undefined becomes null, Dates become strings, and the callee can
  // never mutate the interpreter's state.
  return value === undefined ? null : (JSON.parse(JSON.stringify(value) ?? 'null') as JsonValue);
}
