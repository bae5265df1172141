/**
 * Child process: what one referral costs in the workflow, on the real definition run by the local interpreter —
 * state transitions (what Step Functions Standard bills), Lambda step invocations, the workflow's DynamoDB calls and
 * request units, and the SMS and e-mail sent — for three paths of the README's referral:
 *   happy       notify → acknowledge → accept → counter-referral → close
 *   reminder    the same after one acknowledgement reminder
 *   ladder      one reminder and the whole escalation ladder (supervisor, canton coordinator, national), then answered
 * and two of the README's complaint case, by phone and to be answered by SMS, on its clock's definition:
 *   complaint         opened, its acknowledgement reminder, acted on (an activity), resolved and replied to
 *   complaint-ladder  the same after the acknowledgement's whole escalation ladder
 * The product clock is moved with clock.advance to each timer's instant, read from the stored referral or case.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { StateMachine } from 'aws-local-stepfunctions';
import { clock } from '../functions/kernel/clock.js';
import { LOCAL_TABLE_NAME } from '../lib/table.js';
import { README_COMPLAINT } from '../test/support/readme-cases.js';
import { complaintClockDefinition } from '../workflows/complaint-clock.js';
import { referralWorkflowDefinition } from '../workflows/referral-workflow.js';
import { childMain } from './child.js';
import { DynamoProbe, WORKFLOW } from './dynamo-probe.js';
import {
  type BenchRuntime,
  CANTON,
  counterReferralBody,
  prepareReferrals,
  type ReferralFixture,
  startBenchRuntime,
} from './fixture.js';
import { until } from './stats.js';
import { TRANSITIONS_TARGET } from './targets.js';
import { addUnits, NO_UNITS, type Units } from './units.js';

export interface PathResult {
  readonly path: 'happy' | 'reminder' | 'ladder' | 'complaint' | 'complaint-ladder';
  /** What one run of the path is: a referral, or a complaint case. */
  readonly per: 'referral' | 'complaint';
  readonly description: string;
  /** States entered, in order (each one is a billed state transition). */
  readonly states: readonly string[];
  readonly transitions: number;
  readonly retries: number;
  /** Task states entered: each invokes the referral-step Lambda once. */
  readonly lambdaInvocations: number;
  /** DynamoDB calls and units of the workflow's Lambda steps (the API calls are counted per operation). */
  readonly workflowDynamoCalls: number;
  readonly workflowUnits: Units;
  readonly sms: number;
  readonly smsSegments: number;
  readonly emails: number;
  /**
   * Messages by recipient (an SMS's phone number, masked to its last 3 digits; an e-mail's staff id or topic) and
   * by product day (America/Guayaquil): what the SMS targets count.
   */
  readonly byRecipient: readonly RecipientMessages[];
  /** The most SMS any one recipient got for this referral on one day (target: ≤ 1 on the ladder). */
  readonly maxSmsPerRecipientPerDay: number;
  /**
   * The same messages had each gone on its recipient's preferred channel, as before the channel rule
   * (domain/referral-channels.ts): what the "before" of the message cost is computed on.
   */
  readonly onPreferredChannels: { readonly sms: number; readonly emails: number };
  readonly overTarget: boolean;
}

export interface RecipientMessages {
  readonly recipient: string;
  readonly day: string;
  readonly sms: number;
  readonly emails: number;
}

// ---- counting state transitions -------------------------------------------------------------------------------

/**
 * The local Step Functions service keeps no execution history, so the interpreter's own event stream is tapped:
 * every run's `eventLogs` is passed through a generator that records StateEntered and StateRetried events by
 * execution name before handing them on unchanged. Installed before the runtime starts any execution.
 */
const entered = new Map<string, { states: string[]; retries: number }>();

function tapStateMachine(): void {
  const original = StateMachine.prototype.run;
  StateMachine.prototype.run = function (this: StateMachine, input, options) {
    const run = original.call(this, input, options);
    const name = String((options?.context as { Execution?: { Name?: string } } | undefined)?.Execution?.Name);
    const record = { states: [] as string[], retries: 0 };
    entered.set(name, record);
    const source = run.eventLogs;
    async function* tapped() {
      for await (const event of source) {
        if (event.type === 'StateEntered' && 'state' in event) record.states.push(event.state.name);
        if (event.type === 'StateRetried') record.retries += 1;
        yield event;
      }
    }
    return { ...run, eventLogs: tapped() };
  };
}

// ---- the paths ------------------------------------------------------------------------------------------------

interface Timer {
  readonly at: string;
  readonly kind: string;
}

async function main(): Promise<PathResult[]> {
  tapStateMachine();
  const rt = await startBenchRuntime();
  try {
    const probe = await DynamoProbe.install(rt.url, rt.raw);
    const fx = await prepareReferrals(rt);
    // Task states of both definitions: each invokes its step Lambda once.
    const taskStates = new Set(
      [referralWorkflowDefinition(), complaintClockDefinition()].flatMap((definition) =>
        Object.entries(definition.States)
          .filter(([, state]) => (state as { Type: string }).Type === 'Task')
          .map(([name]) => name),
      ),
    );
    // One untimed referral first: handler modules load, caches fill, as in a warm container.
    await walk(rt, fx, 0);
    const prefersSms = await smsPreferring(rt);
    const results: PathResult[] = [];
    const measure = async <T extends { reference: string; execution: string; timersFired: number }>(
      path: PathResult['path'],
      description: string,
      run: () => Promise<T>,
    ) => {
      let walked: T | undefined;
      const calls = await probe.capture(async () => {
        walked = await run();
      });
      if (!walked) throw new Error(`The ${path} path did not run`);
      const record = entered.get(walked.execution);
      if (!record) throw new Error(`No state events for execution ${walked.execution}`);
      const workflowCalls = calls.filter((c) => c.op === WORKFLOW);
      const messages = rt.runtime.sns.outbox({ referral: walked.reference });
      const sms = messages.filter((m) => m.channel === 'sms');
      const emails = messages.filter((m) => m.channel === 'email');
      const movable = emails.filter((m) => prefersSms.has(m.to)).length;
      results.push({
        path,
        per: path.startsWith('complaint') ? 'complaint' : 'referral',
        description: `${description} (${walked.timersFired} timer${walked.timersFired === 1 ? '' : 's'} fired)`,
        states: record.states,
        transitions: record.states.length,
        retries: record.retries,
        lambdaInvocations: record.states.filter((s) => taskStates.has(s)).length,
        workflowDynamoCalls: workflowCalls.length,
        workflowUnits: workflowCalls.reduce((sum, c) => addUnits(sum, c.units), NO_UNITS),
        sms: sms.length,
        smsSegments: sms.reduce((sum, m) => sum + smsSegments(m.message), 0),
        emails: emails.length,
        byRecipient: byRecipient(messages),
        maxSmsPerRecipientPerDay: Math.max(0, ...byRecipient(messages).map((r) => r.sms)),
        onPreferredChannels: { sms: sms.length + movable, emails: emails.length - movable },
        overTarget: record.states.length > TRANSITIONS_TARGET,
      });
    };
    for (const [path, description, timers] of [
      ['happy', 'notify, acknowledge, accept, counter-referral, close', 0],
      ['reminder', 'the same after one acknowledgement reminder', 1],
      ['ladder', 'one reminder and the full escalation ladder, then answered', Number.POSITIVE_INFINITY],
    ] as const) {
      await measure(path, description, async () => {
        const walked = await walk(rt, fx, timers);
        return { ...walked, execution: `${CANTON}-${walked.referralId}` };
      });
    }
    for (const [path, description, timers] of [
      ['complaint', 'opened, acknowledgement reminder, activity, resolved, reply by SMS', 1],
      ['complaint-ladder', 'the same after the full acknowledgement ladder', Number.POSITIVE_INFINITY],
    ] as const) {
      await measure(path, description, () => walkComplaint(rt, timers));
    }
    return results;
  } finally {
    await rt.stop();
  }
}

/**
 * One referral from creation to close. `timers` acknowledgement timers are let fire first (each by moving the
 * product clock to its instant and waiting until the workflow has planned and stored its next wait).
 */
async function walk(rt: BenchRuntime, fx: ReferralFixture, timers: number) {
  const request = await fx.newRequest();
  const { referralId, reference } = await fx.refer(request, 'createReferral');
  await fx.waitForWait(referralId, 'acknowledgement');
  const schedule = ((await storedReferral(rt, referralId)).schedule as { acknowledgement: Timer[] })
    .acknowledgement;
  let timersFired = 0;
  for (const timer of schedule.slice(0, timers)) {
    const before = await taskToken(rt, referralId);
    clock.advance(Math.max(0, Date.parse(timer.at) - clock.now().getTime()) + 1_000);
    await until(
      async () => ((await taskToken(rt, referralId)) !== before ? true : undefined),
      `the wait after ${timer.kind}`,
    );
    timersFired += 1;
  }
  await fx.move(referralId, { action: 'acknowledge' }, 'transitionReferral:acknowledge');
  await fx.waitForWait(referralId, 'counterReferral');
  await fx.move(referralId, { action: 'accept' }, 'transitionReferral:accept');
  await fx.move(referralId, counterReferralBody(), 'transitionReferral:complete');
  const name = `${CANTON}-${referralId}`;
  const finished = await until(() => {
    const execution = rt.runtime.stepFunctions.executions().find((e) => e.name === name);
    return execution && execution.status !== 'RUNNING' ? execution : undefined;
  }, `the end of execution ${name}`);
  if (finished.status !== 'SUCCEEDED')
    throw new Error(`Execution ${name} ${finished.status}: ${finished.cause}`);
  return { referralId, reference, timersFired };
}

/**
 * The README's complaint case (by phone, about a child-development centre, to be answered by SMS) from intake to
 * reply: `timers` of its acknowledgement clock fire first (as for a referral: the product clock moved to each
 * timer's instant, then a wait for the clock's next stored wait), then an activity acknowledges it and the case is
 * resolved with a reply, which the citizen gets by SMS; the clock stops.
 */
async function walkComplaint(rt: BenchRuntime, timers: number) {
  const [operator, officer] = await Promise.all([
    rt.token('operator'),
    rt.token('swcs-officer', CANTON, 'uio.tecnica1'),
  ]);
  const opened = await rt.api('POST', `/cantons/${CANTON}/complaints`, {
    token: operator,
    op: 'openComplaint',
    body: README_COMPLAINT,
  });
  if (opened.status !== 201)
    throw new Error(`Complaint not opened: ${opened.status} ${JSON.stringify(opened.body)}`);
  const { complaintId, reference } = opened.body as { complaintId: string; reference: string };
  const schedule =
    (opened.body as { deadlines: { timers?: { acknowledge: Timer[] } } }).deadlines.timers?.acknowledge ?? [];
  await until(async () => ((await clockToken(rt, complaintId)) ? true : undefined), 'the clock of the case');
  let timersFired = 0;
  for (const timer of schedule.slice(0, timers)) {
    const before = await clockToken(rt, complaintId);
    clock.advance(Math.max(0, Date.parse(timer.at) - clock.now().getTime()) + 1_000);
    await until(
      async () => ((await clockToken(rt, complaintId)) !== before ? true : undefined),
      `the clock's wait after ${timer.kind}`,
    );
    timersFired += 1;
  }
  const today = localDay.format(clock.now());
  const base = `/cantons/${CANTON}/complaints/${complaintId}`;
  const steps: [string, string, unknown][] = [
    [
      'POST',
      `${base}/activities`,
      { description: 'Pedir informe al CDI', assigneeId: 'uio.tecnica1', dueDate: today },
    ],
    ['PUT', `${base}/activities/1`, { status: 'done', result: 'El CDI reconoce el error' }],
    [
      'POST',
      `${base}/resolution`,
      { decision: 'upheld', reply: { text: 'El CDI recibirá a su hija desde el lunes.' } },
    ],
  ];
  for (const [method, path, body] of steps) {
    const answer = await rt.api(method, path, { token: officer, body });
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  await until(
    () => rt.runtime.sns.outbox({ referral: reference }).find((m) => m.channel === 'sms'),
    'the reply to the citizen',
  );
  const finished = await until(() => {
    const execution = rt.runtime.stepFunctions
      .executions()
      .find((e) => e.stateMachineName === 'complaint-clock' && e.name.includes(complaintId));
    return execution && execution.status !== 'RUNNING' ? execution : undefined;
  }, `the end of the clock of case ${reference}`);
  if (finished.status !== 'SUCCEEDED')
    throw new Error(`Clock ${finished.name} ${finished.status}: ${finished.cause}`);
  return { reference, execution: finished.name, timersFired };
}

/** The task token of the wait a case's clock is in (functions/adapters/dynamodb/complaints-store.ts). */
const clockToken = (rt: BenchRuntime, complaintId: string) =>
  storedToken(rt, `C#${CANTON}#CMP#${complaintId}`, 'CLOCK-TOKEN');

/** The user ids of the canton's contact officers who prefer SMS, from the catalogue: whom an e-mail went to instead. */
async function smsPreferring(rt: BenchRuntime): Promise<Set<string>> {
  const coordinator = await rt.token('coordinator');
  const { body } = await rt.api('GET', `/cantons/${CANTON}/organizations?limit=100`, { token: coordinator });
  const organizations =
    (body as { items?: { contactOfficers?: { userId: string; preferredChannel: string }[] }[] }).items ?? [];
  return new Set(
    organizations.flatMap((o) =>
      (o.contactOfficers ?? []).filter((c) => c.preferredChannel === 'sms').map((c) => c.userId),
    ),
  );
}

async function storedReferral(rt: BenchRuntime, referralId: string) {
  const { Item } = await rt.raw.send(
    new GetItemCommand({
      TableName: LOCAL_TABLE_NAME,
      Key: { PK: { S: `C#${CANTON}#REF#${referralId}` }, SK: { S: 'REFERRAL' } },
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new Error(`Referral ${referralId} not stored`);
  return unmarshall(Item);
}

const taskToken = (rt: BenchRuntime, referralId: string) =>
  storedToken(rt, `C#${CANTON}#REF#${referralId}`, 'TASK-TOKEN');

/** The task token a workflow's wait left in the table, read as the callbacks read it. */
async function storedToken(rt: BenchRuntime, pk: string, sk: string): Promise<string | undefined> {
  const { Item } = await rt.raw.send(
    new GetItemCommand({
      TableName: LOCAL_TABLE_NAME,
      Key: { PK: { S: pk }, SK: { S: sk } },
      ConsistentRead: true,
    }),
  );
  return Item?.taskToken?.S;
}

const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' });

function byRecipient(
  messages: readonly { channel: 'sms' | 'email'; to: string; at: string }[],
): RecipientMessages[] {
  const tally = new Map<string, { recipient: string; day: string; sms: number; emails: number }>();
  for (const m of messages) {
    // Phone numbers stay out of the results file: the last three digits tell recipients apart.
    const recipient = m.channel === 'sms' ? `phone …${m.to.slice(-3)}` : m.to;
    const day = localDay.format(new Date(m.at));
    const key = `${recipient}|${day}`;
    const entry = tally.get(key) ?? { recipient, day, sms: 0, emails: 0 };
    if (m.channel === 'sms') entry.sms += 1;
    else entry.emails += 1;
    tally.set(key, entry);
  }
  return [...tally.values()];
}

/** SMS parts as carriers bill them: 160 GSM-7 characters in one part (153 per part beyond), else 70 / 67 UCS-2. */
export function smsSegments(text: string): number {
  const gsm7 =
    /^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/u;
  const [single, multi] = gsm7.test(text) ? [160, 153] : [70, 67];
  const length = [...text].length;
  return length <= single ? 1 : Math.ceil(length / multi);
}

await childMain(main);
