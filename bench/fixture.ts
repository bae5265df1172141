import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { clock } from '../functions/kernel/clock.js';
import type { Role } from '../functions/model/roles.js';
import type { InvocationReport } from '../lib/local/gateway.js';
import type { LocalRuntime } from '../lib/local/runtime.js';
import { intakeBody, startTestRuntime } from '../test/support/runtime.js';
import { LOCAL_TABLE_NAME } from '../lib/table.js';
import { until } from './stats.js';

/**
 * The local runtime as `npm start` runs it (seeded demo cantons: 30 services in Quito, 10 national ones, a protocol
 * for every subcategory), in memory, on a free port of 127.0.0.1, plus what the benchmarks need around it: tokens by
 * role, an API client that labels each call, and the demo referral every referral benchmark uses.
 */
export const CANTON = 'quito';
/** The HTTP header that tells the DynamoDB probe which API operation a call belongs to (see dynamo-probe.ts). */
export const OP_HEADER = 'x-bench-op';

export interface ApiAnswer {
  readonly status: number;
  // benchmarks read arbitrary JSON answers
  readonly body: any;
}

export interface BenchRuntime {
  readonly runtime: LocalRuntime;
  readonly url: string;
  /** A plain SDK client with nothing attached: for the storage floor and for polling, never counted as the API's. */
  readonly raw: DynamoDBClient;
  token(role: Role, cantonId?: string, userId?: string): Promise<string>;
  api(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; op?: string; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  /**
   * Timed runs: answers are no longer checked against /openapi.json (the check is the test harness's work, not the
   * API's, and would be timed as the API's), and each function's own duration is kept for takeInvocations().
   */
  timing(on: boolean): void;
  /** The functions' durations since the last call while timing (the gateway's invocation reports), oldest first. */
  takeInvocations(): InvocationReport[];
  stop(): Promise<void>;
}

/** The test suite's runtime (test/support/runtime.ts) with the demo seeds, a quiet log and labelled calls. */
export async function startBenchRuntime(): Promise<BenchRuntime> {
  // The SMS and e-mail lines would flood the console; the outbox still records every message.
  const invocations: InvocationReport[] = [];
  let timing = false;
  const rt = await startTestRuntime({
    seed: true,
    log: () => undefined,
    onInvoke: (report) => {
      if (timing) invocations.push(report);
    },
  });
  // Created after the runtime has set AWS_ENDPOINT_URL_DYNAMODB, exactly like a handler's client.
  const raw = new DynamoDBClient({});
  return {
    runtime: rt,
    url: rt.url,
    raw,
    token: (role, cantonId = CANTON, userId) => rt.token(role, cantonId, userId),
    api: (method, path, options = {}) =>
      rt.api(method, path, {
        ...(options.token ? { token: options.token } : {}),
        ...(options.body !== undefined ? { body: options.body } : {}),
        headers: { ...options.headers, ...(options.op ? { [OP_HEADER]: options.op } : {}) },
        ...(timing ? { unchecked: true } : {}),
      }),
    timing(on) {
      timing = on;
      invocations.length = 0;
    },
    takeInvocations: () => invocations.splice(0),
    async stop() {
      raw.destroy();
      await rt.stop();
    },
  };
}

/** The README's intake: a family whose home was destroyed, with consent (the tests' own intake body). */
export { intakeBody };

/** The README's counter-referral for the emergency shelter, with the fields Quito's protocol requires. */
export function counterReferralBody() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(clock.now());
  return {
    action: 'complete',
    counterReferral: {
      assisted: true,
      outcome: 'Familia alojada en el albergue',
      dateServed: today,
      reason: { code: 'other', text: 'Albergue temporal' },
      note: 'Cuatro personas',
      temporaryShelterProvided: true,
      householdMembersAffected: 4,
    },
  };
}

export interface ReferralFixture {
  readonly serviceId: string;
  readonly organizationId: string;
  readonly operator: string;
  readonly officer: string;
  readonly coordinator: string;
  /** The shelter's contact officer, who acknowledges, accepts and completes. */
  readonly contact: string;
  /** Records a request (untimed set-up; `overrides` replace fields of the intake body) and returns its id. */
  newRequest(overrides?: Record<string, unknown>): Promise<string>;
  /** Refers a request to the shelter and returns the referral's id and short reference. */
  refer(
    requestId: string,
    op?: string,
    serviceId?: string,
  ): Promise<{ referralId: string; reference: string }>;
  /** Moves a referral as its contact officer, unless another token is given. */
  move(referralId: string, body: unknown, op?: string, token?: string): Promise<ApiAnswer>;
  /**
   * Waits until the referral's workflow has stored its task token for `phase` (it is then waiting for an answer),
   * and returns that token.
   */
  waitForWait(referralId: string, phase: 'acknowledgement' | 'counterReferral'): Promise<string>;
}

/**
 * The README's referral: Quito's urgent/home-destroyed protocol (2-hour acknowledgement, a reminder an hour before,
 * supervisor → canton coordinator → national), to the Patronato San José emergency shelter. Its capacity is raised
 * (a new catalogue version) so that the hundreds of referrals a benchmark makes all take a spot, as a real one would.
 */
export async function prepareReferrals(rt: BenchRuntime): Promise<ReferralFixture> {
  const serviceId = 'psj-albergue-emergencias';
  const [operator, officer, coordinator] = await Promise.all([
    rt.token('operator'),
    rt.token('swcs-officer'),
    rt.token('coordinator'),
  ]);
  const current = await rt.api('GET', `/cantons/${CANTON}/services/${serviceId}`, { token: coordinator });
  if (current.status !== 200) throw new Error(`The demo service ${serviceId} is missing: ${current.status}`);
  const service = current.body;
  const replaced = await rt.api('PUT', `/cantons/${CANTON}/services/${serviceId}`, {
    token: coordinator,
    body: {
      ...pick(service, [
        'organizationId',
        'name',
        'description',
        'serves',
        'eligibility',
        'eligibilityText',
        'requiredDocuments',
        'schedules',
        'status',
        'locationIds',
        'contactOfficerIds',
      ]),
      capacity: { total: 100_000, available: 100_000, waitlist: true },
    },
  });
  if (replaced.status !== 200) throw new Error(`Raising capacity failed: ${JSON.stringify(replaced.body)}`);
  const organizationId = service.organizationId as string;
  const organization = await rt.api('GET', `/cantons/${CANTON}/organizations/${organizationId}`, {
    token: coordinator,
  });
  const officerId = (service.contactOfficerIds as string[])[0];
  const userId = (organization.body.contactOfficers as { id: string; userId: string }[]).find(
    (o) => o.id === officerId,
  )?.userId;
  if (!userId) throw new Error(`No user for contact officer ${officerId}`);
  const contact = await rt.token('contact-officer', CANTON, userId);

  const expect = (answer: ApiAnswer, status: number, what: string) => {
    if (answer.status !== status)
      throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };

  return {
    serviceId,
    organizationId,
    operator,
    officer,
    coordinator,
    contact,
    async newRequest(overrides) {
      const answer = await rt.api('POST', `/cantons/${CANTON}/requests`, {
        token: operator,
        body: intakeBody(overrides),
      });
      return expect(answer, 201, 'recording a request').body.requestId as string;
    },
    async refer(requestId, op, to = serviceId) {
      const answer = await rt.api('POST', `/cantons/${CANTON}/requests/${requestId}/referrals`, {
        token: officer,
        body: { serviceId: to },
        ...(op ? { op } : {}),
      });
      const { referralId, reference } = expect(answer, 201, 'referring').body;
      return { referralId, reference };
    },
    async move(referralId, body, op, token = contact) {
      const answer = await rt.api('POST', `/cantons/${CANTON}/referrals/${referralId}/transitions`, {
        token,
        body,
        ...(op ? { op } : {}),
      });
      return expect(answer, 200, `moving ${JSON.stringify(body).slice(0, 40)}`);
    },
    async waitForWait(referralId, phase) {
      // The token item is the stored truth the callback handlers read (functions/adapters/dynamodb/referrals-store.ts).
      return until(async () => {
        const { Item } = await rt.raw.send(
          new GetItemCommand({
            TableName: LOCAL_TABLE_NAME,
            Key: { PK: { S: `C#${CANTON}#REF#${referralId}` }, SK: { S: 'TASK-TOKEN' } },
            ConsistentRead: true,
          }),
        );
        return Item?.phase?.S === phase ? (Item.taskToken?.S as string) : undefined;
      }, `the ${phase} wait of referral ${referralId}`);
    },
  };
}

function pick(source: Record<string, unknown>, names: readonly string[]) {
  return Object.fromEntries(names.filter((n) => source[n] !== undefined).map((n) => [n, source[n]]));
}
