import { OPERATION_EXAMPLES } from '../lib/api/openapi-examples.js';
import type { ApiAnswer, BenchRuntime } from './fixture.js';

/**
 * One representative call of an API operation, labelled so that the DynamoDB probe attributes its calls, with its
 * untimed preparation (bench/operations.ts gathers them, bench/overhead.ts counts and times them).
 */
export type Ids = Readonly<Record<string, string>>;

export interface Operation {
  /** The probe label: the route's operationId, with the action (`transitionReferral:accept`) where one route does several. */
  readonly label: string;
  readonly operationId: string;
  /** The name used in the performance targets, for the six core operations. */
  readonly core?: string;
  /** Untimed set-up of one run; the ids returned are what the run works on (and what a floor replay remaps). */
  prepare(): Promise<Ids>;
  /** The one labelled API call; throws on an unexpected status. Returns ids it created (for settle). */
  run(ids: Ids): Promise<Ids>;
  /** Untimed: waits for the asynchronous effects of a run (the referral workflow) before the next one. */
  settle?(ids: Ids, created: Ids): Promise<void>;
}

export function checked(answer: ApiAnswer, status: number, label: string): ApiAnswer {
  if (answer.status !== status) {
    throw new Error(`${label}: expected HTTP ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
}

/** The one API call of a run, from the ids its preparation returned. */
export interface Call {
  readonly method: string;
  readonly path: string;
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The status a run must answer (200 unless said). */
  readonly status?: number;
}

/**
 * An operation that is one labelled API call on what `prepare` made (nothing, unless given). The operationId is
 * the label's part before any `:action`.
 */
export function apiOperation(
  rt: BenchRuntime,
  label: string,
  call: (ids: Ids) => Call,
  options: { prepare?: () => Promise<Ids>; settle?: Operation['settle'] } = {},
): Operation {
  return {
    label,
    operationId: label.split(':')[0] as string,
    prepare: options.prepare ?? (async () => ({})),
    async run(ids) {
      const { method, path, status = 200, ...rest } = call(ids);
      checked(await rt.api(method, path, { ...rest, op: label }), status, label);
      return {};
    },
    ...(options.settle ? { settle: options.settle } : {}),
  };
}

/** Calls the API (untimed set-up) and answers the body of the expected status. */
export async function setUp(
  rt: BenchRuntime,
  what: string,
  call: Call,
): Promise<
  // benchmarks read arbitrary JSON answers
  any
> {
  const { method, path, status = 200, ...rest } = call;
  return checked(await rt.api(method, path, rest), status, what).body;
}

/** The request body the OpenAPI document shows for an operation: what an integrator sends, sent here too. */
export function documented(operationId: string): Record<string, unknown> {
  const example = OPERATION_EXAMPLES[operationId]?.request;
  if (!example) throw new Error(`No request example for ${operationId} in lib/api/openapi-examples.ts`);
  return example.value as Record<string, unknown>;
}
