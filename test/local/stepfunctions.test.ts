import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidExecutionInput,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '#kernel/clock.js';
import { type LocalStepFunctions, startLocalStepFunctions } from '../../lib/local/stepfunctions.js';
import { type Phase, REFERRAL_STEP, referralWorkflowDefinition } from '../../workflows/referral-workflow.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------------------------
// A referral-step function in memory: what each action did, per referral, for the assertions.

interface AwaitCall {
  readonly phase: Phase;
  readonly token: string;
  readonly timerIndex: number;
}

interface ReferralFake {
  readonly timers: Record<Phase, Date[]>;
  readonly fired: Record<Phase, number>;
  readonly actions: string[];
  readonly awaits: AwaitCall[];
  /** Makes the named action throw, to prove a failing Lambda fails the execution (and only it). */
  failOn?: string;
  /** Each failed attempt at `failOn`. */
  readonly attempts: string[];
}

class FakeReferralStep {
  readonly referrals = new Map<string, ReferralFake>();
  readonly functionNames = new Set<string>();

  /** Registers a referral whose reminders and escalations fall at these offsets from now (product time). */
  referral(id: string, offsets: Partial<Record<Phase, number[]>> = {}): ReferralFake {
    const now = clock.now().getTime();
    const at = (list: number[]) => list.map((offset) => new Date(now + offset));
    const fake: ReferralFake = {
      timers: {
        acknowledgement: at(offsets.acknowledgement ?? [HOUR, 2 * HOUR, 4 * HOUR]),
        counterReferral: at(offsets.counterReferral ?? [2 * DAY, 3 * DAY]),
      },
      fired: { acknowledgement: 0, counterReferral: 0 },
      actions: [],
      awaits: [],
      attempts: [],
    };
    this.referrals.set(id, fake);
    return fake;
  }

  readonly invoke = async (functionName: string, payload: unknown): Promise<unknown> => {
    this.functionNames.add(functionName);
    const event = payload as {
      action: string;
      phase?: Phase;
      referral: { referralId: string };
      timer?: { seconds: number; timerIndex: number };
      token?: string;
    };
    const fake = this.referrals.get(event.referral.referralId);
    if (fake === undefined) throw new Error(`Unknown referral ${event.referral.referralId}`);
    // Yield first, as a real invocation would, so that nothing relies on a synchronous answer.
    await new Promise((resolve) => setImmediate(resolve));
    if (fake.failOn === event.action) {
      fake.attempts.push(event.action);
      const error = new Error(`${event.action} failed`);
      error.name = 'NotificationFailed';
      throw error;
    }
    const phase = event.phase as Phase;
    switch (event.action) {
      case 'plan-timer': {
        const timerIndex = fake.fired[phase];
        // Past the end of the ladder the phase still waits, for a year.
        const at = fake.timers[phase][timerIndex] ?? new Date(clock.now().getTime() + 365 * DAY);
        fake.actions.push(`plan-timer:${phase}:${timerIndex}`);
        return { seconds: Math.max(1, Math.ceil(clock.realMsUntil(at) / 1000)), timerIndex };
      }
      case 'await':
        fake.actions.push(`await:${phase}`);
        fake.awaits.push({ phase, token: event.token as string, timerIndex: event.timer?.timerIndex ?? -1 });
        return {};
      case 'fire-timer':
        fake.actions.push(`fire-timer:${phase}:${event.timer?.timerIndex}`);
        fake.fired[phase] += 1;
        return {};
      default:
        fake.actions.push(event.action);
        return {};
    }
  };
}

async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The n-th (1-based) callback wait of a referral, once the workflow has entered it. */
function awaited(fake: ReferralFake, n: number): Promise<AwaitCall> {
  return waitFor(() => fake.awaits[n - 1], `await #${n}`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('Expected the call to fail');
    },
    (error: unknown) => error,
  );
}

// ---------------------------------------------------------------------------------------------------------------

const CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/** A small machine for what the referral workflow does not use: Wait states, heartbeats, Catch ordering. */
const timersDefinition = {
  // The execution's own timeout, on the product clock as well.
  TimeoutSeconds: 20_000,
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', SecondsPath: '$.pauseSeconds', Next: 'Hold' },
    Hold: {
      Type: 'Task',
      Resource: CALLBACK,
      Parameters: {
        FunctionName: 'hold',
        Payload: {
          'id.$': '$.id',
          'token.$': '$$.Task.Token',
          'sameToken.$': '$$.Task.Token',
          'execution.$': '$$.Execution.Name',
        },
      },
      TimeoutSecondsPath: '$.timeoutSeconds',
      HeartbeatSecondsPath: '$.heartbeatSeconds',
      ResultPath: '$.answer',
      Catch: [
        // Listed first on purpose: it must not swallow timeouts.
        { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.caught', Next: 'TaskFailed' },
        { ErrorEquals: ['States.HeartbeatTimeout'], ResultPath: '$.caught', Next: 'HeartbeatLost' },
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.caught', Next: 'TimedOut' },
      ],
      End: true,
    },
    TaskFailed: { Type: 'Pass', Result: 'task-failed', ResultPath: '$.outcome', End: true },
    HeartbeatLost: { Type: 'Pass', Result: 'heartbeat-lost', ResultPath: '$.outcome', End: true },
    TimedOut: { Type: 'Pass', Result: 'timed-out', ResultPath: '$.outcome', End: true },
  },
};

describe('local Step Functions service', () => {
  const fake = new FakeReferralStep();
  const holds = new Map<string, { token: string; sameToken: string; execution: string }>();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let sfn: LocalStepFunctions;
  let client: SFNClient;
  let referralArn: string;
  let timersArn: string;
  let counter = 0;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    sfn = await startLocalStepFunctions({
      stateMachines: { referral: referralWorkflowDefinition(), timers: timersDefinition },
      invokeLambda: (functionName, payload) => {
        if (functionName === 'hold') {
          const event = payload as { id: string; token: string; sameToken: string; execution: string };
          holds.set(event.id, event);
          return Promise.resolve({});
        }
        return fake.invoke(functionName, payload);
      },
    });
    client = new SFNClient({
      endpoint: sfn.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    referralArn = sfn.stateMachineArn('referral');
    timersArn = sfn.stateMachineArn('timers');
  });

  afterAll(async () => {
    client?.destroy();
    await sfn?.close();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  /** Starts a referral execution; each test uses fresh ids because the clock and the service are shared. */
  async function startReferral(
    input: { phase?: 'start' | Phase; offsets?: Partial<Record<Phase, number[]>> } = {},
  ): Promise<{ id: string; arn: string; fake: ReferralFake }> {
    const id = `ref-${++counter}`;
    const referralFake = fake.referral(id, input.offsets);
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: referralArn,
        name: id,
        input: JSON.stringify({
          phase: input.phase ?? 'start',
          referral: { cantonId: 'demo', referralId: id },
        }),
      }),
    );
    return { id, arn: executionArn as string, fake: referralFake };
  }

  const describeExecution = (executionArn: string) =>
    client.send(new DescribeExecutionCommand({ executionArn }));

  function finished(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return waitFor(() => {
      const summary = sfn.executions().find((execution) => execution.executionArn === executionArn);
      return summary?.status === 'RUNNING' ? undefined : true;
    }, `the end of ${executionArn}`).then(() => describeExecution(executionArn));
  }

  const succeed = (taskToken: string, answer: unknown) =>
    client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(answer) }));

  it('runs the happy path: notify, acknowledgement, counter-referral, notify the referring officer', async () => {
    const { arn, fake: referral } = await startReferral();
    const acknowledgement = await awaited(referral, 1);
    expect(acknowledgement.phase).toBe('acknowledgement');
    expect(acknowledgement.token).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    expect(fake.functionNames).toEqual(new Set([REFERRAL_STEP]));
    expect((await describeExecution(arn)).status).toBe('RUNNING');
    expect(sfn.executions().find((execution) => execution.executionArn === arn)).toMatchObject({
      currentState: 'AwaitAcknowledgement',
      waiting: [{ state: 'AwaitAcknowledgement', timesOutAt: expect.any(Date) }],
    });

    await succeed(acknowledgement.token, { outcome: 'acknowledged' });
    const counterReferral = await awaited(referral, 2);
    expect(counterReferral.phase).toBe('counterReferral');
    expect(counterReferral.token).not.toBe(acknowledgement.token);

    await succeed(counterReferral.token, { outcome: 'completed', assisted: true });
    const result = await finished(arn);
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output as string)).toMatchObject({
      answer: { outcome: 'completed', assisted: true },
      timer: { timerIndex: 0 },
    });
    expect(referral.actions).toEqual([
      'notify-contact-officer',
      'plan-timer:acknowledgement:0',
      'await:acknowledgement',
      'tell-alerted',
      'plan-timer:counterReferral:0',
      'await:counterReferral',
      'tell-alerted',
      'notify-referring-officer',
    ]);
  });

  it('fires the reminder and each escalation as the product clock reaches them, with a new token each time', async () => {
    const { arn, fake: referral } = await startReferral();
    const first = await awaited(referral, 1);

    clock.advance(HOUR + 1000); // past the reminder
    const second = await awaited(referral, 2);
    expect(second.token).not.toBe(first.token);
    expect(second.timerIndex).toBe(1);
    expect(await rejection(succeed(first.token, { outcome: 'acknowledged' }))).toBeInstanceOf(TaskTimedOut);

    clock.advance(HOUR); // past the first escalation
    const third = await awaited(referral, 3);
    clock.advance(2 * HOUR); // past the second escalation
    const fourth = await awaited(referral, 4);
    expect(new Set([first, second, third, fourth].map((call) => call.token)).size).toBe(4);
    expect(await rejection(succeed(third.token, { outcome: 'acknowledged' }))).toBeInstanceOf(TaskTimedOut);

    // Late but answered: the workflow moves on to the counter-referral and its own ladder.
    await succeed(fourth.token, { outcome: 'acknowledged' });
    const counterReferral = await awaited(referral, 5);
    expect(counterReferral.phase).toBe('counterReferral');
    clock.advance(2 * DAY);
    const counterReferralAgain = await awaited(referral, 6);
    await succeed(counterReferralAgain.token, { outcome: 'completed' });

    expect((await finished(arn)).status).toBe('SUCCEEDED');
    expect(referral.actions.filter((action) => action.startsWith('fire-timer'))).toEqual([
      'fire-timer:acknowledgement:0',
      'fire-timer:acknowledgement:1',
      'fire-timer:acknowledgement:2',
      'fire-timer:counterReferral:0',
    ]);
    expect(referral.actions.at(-1)).toBe('notify-referring-officer');
  });

  it('ends on { outcome: "closed" } (rejected, cancelled) by telling the referring officer', async () => {
    const { arn, fake: referral } = await startReferral();
    await succeed((await awaited(referral, 1)).token, { outcome: 'closed' });
    expect((await finished(arn)).status).toBe('SUCCEEDED');
    expect(referral.actions.slice(-2)).toEqual(['tell-alerted', 'notify-referring-officer']);
    expect(referral.awaits).toHaveLength(1);

    // Ended in the counter-referral phase (failed, cancelled): told as well.
    const later = await startReferral();
    await succeed((await awaited(later.fake, 1)).token, { outcome: 'acknowledged' });
    await succeed((await awaited(later.fake, 2)).token, { outcome: 'closed' });
    expect((await finished(later.arn)).status).toBe('SUCCEEDED');
    expect(later.fake.actions.slice(-2)).toEqual(['tell-alerted', 'notify-referring-officer']);
  });

  it('ends on { outcome: "entered-in-error" } without notifying the referring officer', async () => {
    const { arn, fake: referral } = await startReferral();
    await succeed((await awaited(referral, 1)).token, { outcome: 'entered-in-error' });
    expect((await finished(arn)).status).toBe('SUCCEEDED');
    expect(referral.actions).not.toContain('notify-referring-officer');
    expect(referral.actions.at(-1)).toBe('tell-alerted');
    expect(referral.awaits).toHaveLength(1);
  });

  it('answers a repeated or unknown token with the service errors, without side effects', async () => {
    const { arn, fake: referral } = await startReferral();
    const { token } = await awaited(referral, 1);
    await succeed(token, { outcome: 'acknowledged' });
    const again = await rejection(succeed(token, { outcome: 'closed' }));
    expect(again).toBeInstanceOf(TaskDoesNotExist);
    expect(
      await rejection(client.send(new SendTaskFailureCommand({ taskToken: token, error: 'X' }))),
    ).toBeInstanceOf(TaskDoesNotExist);
    expect(await rejection(succeed('AQnot-a-token', {}))).toBeInstanceOf(InvalidToken);
    expect(
      await rejection(client.send(new SendTaskHeartbeatCommand({ taskToken: 'AQnot-a-token' }))),
    ).toBeInstanceOf(InvalidToken);

    // The repeated answer changed nothing: the workflow is in the counter-referral phase, as the first answer said.
    const counterReferral = await awaited(referral, 2);
    expect(counterReferral.phase).toBe('counterReferral');
    await succeed(counterReferral.token, { outcome: 'completed' });
    expect((await finished(arn)).status).toBe('SUCCEEDED');
  });

  it('rejects an answer that is not JSON with InvalidOutput, and the token stays usable', async () => {
    const { arn, fake: referral } = await startReferral();
    const { token } = await awaited(referral, 1);
    const error = await rejection(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{' })));
    expect((error as Error).name).toBe('InvalidOutput');
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await succeed(token, { outcome: 'closed' });
    expect((await finished(arn)).status).toBe('SUCCEEDED');
  });

  it('resumes in the counter-referral phase without notifying the contact officer again', async () => {
    const { arn, fake: referral } = await startReferral({ phase: 'counterReferral' });
    const first = await awaited(referral, 1);
    expect(first.phase).toBe('counterReferral');
    await succeed(first.token, { outcome: 'completed' });
    expect((await finished(arn)).status).toBe('SUCCEEDED');
    expect(referral.actions).toEqual([
      'plan-timer:counterReferral:0',
      'await:counterReferral',
      'tell-alerted',
      'notify-referring-officer',
    ]);
  });

  it('stops an execution: ABORTED, its token closed, its timers gone', async () => {
    const { arn, fake: referral } = await startReferral();
    const { token } = await awaited(referral, 1);
    await client.send(new StopExecutionCommand({ executionArn: arn, error: 'Cancelled', cause: 'By test' }));
    const stopped = await describeExecution(arn);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'By test' });
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await rejection(succeed(token, { outcome: 'acknowledged' }))).toBeInstanceOf(TaskDoesNotExist);

    clock.advance(5 * HOUR); // past every acknowledgement timer: nothing fires for a stopped execution
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(referral.actions.filter((action) => action.startsWith('fire-timer'))).toEqual([]);
    expect(referral.awaits).toHaveLength(1);

    const aborted = await client.send(
      new ListExecutionsCommand({ stateMachineArn: referralArn, statusFilter: 'ABORTED' }),
    );
    expect(aborted.executions?.map((execution) => execution.executionArn)).toContain(arn);
  });

  it('fails the execution with the error given to SendTaskFailure', async () => {
    const { arn, fake: referral } = await startReferral();
    const { token } = await awaited(referral, 1);
    await client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'Referral.Rejected', cause: 'No spots left' }),
    );
    expect(await finished(arn)).toMatchObject({
      status: 'FAILED',
      error: 'Referral.Rejected',
      cause: 'No spots left',
    });
  });

  it('fails only the execution whose Lambda throws, with the error type and a JSON cause', async () => {
    const id = `ref-${++counter}`;
    fake.referral(id).failOn = 'plan-timer';
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: referralArn,
        name: id,
        input: JSON.stringify({ phase: 'start', referral: { cantonId: 'demo', referralId: id } }),
      }),
    );
    const result = await finished(executionArn as string);
    expect(result).toMatchObject({ status: 'FAILED', error: 'NotificationFailed' });
    expect(JSON.parse(result.cause as string)).toEqual({
      errorType: 'NotificationFailed',
      errorMessage: 'plan-timer failed',
    });
  });

  it('retries a failing first notice, records the failure and still starts the timers', async () => {
    const id = `ref-${++counter}`;
    const referral = fake.referral(id);
    referral.failOn = 'notify-contact-officer';
    await client.send(
      new StartExecutionCommand({
        stateMachineArn: referralArn,
        name: id,
        input: JSON.stringify({ phase: 'start', referral: { cantonId: 'demo', referralId: id } }),
      }),
    );
    const wait = await awaited(referral, 1);
    expect(wait.phase).toBe('acknowledgement');
    // The first try and the definition's retries of any error, then the failure is recorded.
    expect(referral.attempts).toEqual([
      'notify-contact-officer',
      'notify-contact-officer',
      'notify-contact-officer',
    ]);
    expect(referral.actions.slice(0, 2)).toEqual(['record-notify-failure', 'plan-timer:acknowledgement:0']);
  });

  it('runs many executions concurrently and lists them page by page', async () => {
    const started = await Promise.all(Array.from({ length: 30 }, () => startReferral()));
    await Promise.all(
      started.map(async ({ fake: referral }, index) => {
        await succeed((await awaited(referral, 1)).token, { outcome: 'acknowledged' });
        const { token } = await awaited(referral, 2);
        await succeed(token, { outcome: index % 2 === 0 ? 'completed' : 'entered-in-error' });
      }),
    );
    const results = await Promise.all(started.map(({ arn }) => finished(arn)));
    expect(results.every((result) => result.status === 'SUCCEEDED')).toBe(true);
    started.forEach(({ fake: referral }, index) => {
      expect(referral.actions.includes('notify-referring-officer')).toBe(index % 2 === 0);
    });

    const listed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: referralArn,
          statusFilter: 'SUCCEEDED',
          maxResults: 7,
          nextToken,
        }),
      );
      expect(page.executions?.length ?? 0).toBeLessThanOrEqual(7);
      listed.push(...(page.executions ?? []).map((execution) => execution.executionArn as string));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(expect.arrayContaining(started.map(({ arn }) => arn)));
  });

  it('answers bad requests with the exceptions the SDK knows', async () => {
    const { id, arn, fake: referral } = await startReferral();
    const sameInput = JSON.stringify({ phase: 'start', referral: { cantonId: 'demo', referralId: id } });
    // The same name and input while running is an idempotent retry on a Standard workflow…
    const retried = await client.send(
      new StartExecutionCommand({ stateMachineArn: referralArn, name: id, input: sameInput }),
    );
    expect(retried.executionArn).toBe(arn);
    // …another input under the same name is not.
    expect(
      await rejection(
        client.send(new StartExecutionCommand({ stateMachineArn: referralArn, name: id, input: '{}' })),
      ),
    ).toBeInstanceOf(ExecutionAlreadyExists);
    await succeed((await awaited(referral, 1)).token, { outcome: 'closed' });
    await finished(arn);
    expect(
      await rejection(
        client.send(new StartExecutionCommand({ stateMachineArn: referralArn, name: id, input: sameInput })),
      ),
    ).toBeInstanceOf(ExecutionAlreadyExists);

    expect(
      await rejection(
        client.send(new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn('referral') + 'x' })),
      ),
    ).toBeInstanceOf(StateMachineDoesNotExist);
    expect(
      await rejection(
        client.send(new StartExecutionCommand({ stateMachineArn: referralArn, input: 'not json' })),
      ),
    ).toBeInstanceOf(InvalidExecutionInput);
    expect(await rejection(describeExecution(`${arn}-missing`))).toBeInstanceOf(ExecutionDoesNotExist);
    expect(
      await rejection(client.send(new SendTaskSuccessCommand({ output: '{}' } as never))),
    ).toBeInstanceOf(ValidationException);
    expect(
      await rejection(
        client.send(
          new ListExecutionsCommand({ stateMachineArn: referralArn, statusFilter: 'LOST' as never }),
        ),
      ),
    ).toBeInstanceOf(ValidationException);
  });

  it('runs Wait states, timeouts and heartbeats on the product clock, with Catch matching as the service does', async () => {
    const start = async (id: string, timeoutSeconds: number, heartbeatSeconds: number) => {
      const { executionArn } = await client.send(
        new StartExecutionCommand({
          stateMachineArn: timersArn,
          name: id,
          input: JSON.stringify({ id, pauseSeconds: 3600, timeoutSeconds, heartbeatSeconds }),
        }),
      );
      return executionArn as string;
    };

    // A one-hour Wait passes when the product clock does.
    const timedOut = await start(`timers-${++counter}`, 600, 3000);
    const heartbeat = await start(`timers-${++counter}`, 36_000, 600);
    const failed = await start(`timers-${++counter}`, 600, 3000);
    await waitFor(
      () =>
        sfn
          .executions()
          .filter((execution) => [timedOut, heartbeat, failed].includes(execution.executionArn))
          .every((execution) => execution.currentState === 'Pause') || undefined,
      'the executions to enter the Wait state',
    );
    expect(holds.size).toBe(0);
    clock.advance(3600_000);
    const [timedOutHold, heartbeatHold, failedHold] = await Promise.all(
      [timedOut, heartbeat, failed].map((arn) =>
        waitFor(() => holds.get(arn.split(':').at(-1) as string), 'the hold'),
      ),
    );
    // $$.Task.Token is one token per Task attempt, however often the Parameters mention it.
    expect(timedOutHold?.sameToken).toBe(timedOutHold?.token);
    expect(timedOutHold?.execution).toBe(timedOut.split(':').at(-1));

    // Heartbeats keep a wait alive as long as they come in time.
    await client.send(new SendTaskHeartbeatCommand({ taskToken: heartbeatHold?.token }));
    clock.advance(500_000);
    await client.send(new SendTaskHeartbeatCommand({ taskToken: heartbeatHold?.token }));
    clock.advance(200_000); // 700 s after the start (past the timeouts of 600 s), 200 s after the last heartbeat
    await client.send(
      new SendTaskFailureCommand({ taskToken: failedHold?.token, error: 'Custom.Error', cause: 'why' }),
    );

    const outcome = async (arn: string) => {
      const result = await finished(arn);
      expect(result.status).toBe('SUCCEEDED');
      return JSON.parse(result.output as string) as { outcome: string; caught: unknown };
    };
    // The timeout is not caught by the States.TaskFailed catcher listed before States.Timeout.
    expect(await outcome(timedOut)).toMatchObject({
      outcome: 'timed-out',
      caught: { Error: 'States.Timeout' },
    });
    expect(await outcome(failed)).toMatchObject({
      outcome: 'task-failed',
      caught: { Error: 'Custom.Error', Cause: 'why' },
    });
    expect(await rejection(succeed(timedOutHold?.token as string, {}))).toBeInstanceOf(TaskTimedOut);

    expect(sfn.executions().find((execution) => execution.executionArn === heartbeat)?.status).toBe(
      'RUNNING',
    );
    clock.advance(600_000);
    expect(await outcome(heartbeat)).toMatchObject({
      outcome: 'heartbeat-lost',
      caught: { Error: 'States.HeartbeatTimeout' },
    });
    expect(await rejection(succeed(heartbeatHold?.token as string, {}))).toBeInstanceOf(TaskTimedOut);
  });

  it("times the whole execution out at the definition's TimeoutSeconds, in product time", async () => {
    const id = `timers-${++counter}`;
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: timersArn,
        name: id,
        input: JSON.stringify({ id, pauseSeconds: 1, timeoutSeconds: 36_000, heartbeatSeconds: 36_000 }),
      }),
    );
    const hold = await waitFor(() => holds.get(id), 'the hold');
    clock.advance(19_000_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await describeExecution(executionArn as string)).status).toBe('RUNNING');
    clock.advance(1_001_000);
    expect(await finished(executionArn as string)).toMatchObject({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
    });
    expect(await rejection(succeed(hold.token, {}))).toBeInstanceOf(TaskDoesNotExist);
  });
});

describe('closing the local Step Functions service', () => {
  it('aborts running executions and leaves nothing behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const fake = new FakeReferralStep();
    const sfn = await startLocalStepFunctions({
      stateMachines: { referral: referralWorkflowDefinition() },
      invokeLambda: fake.invoke,
    });
    const client = new SFNClient({
      endpoint: sfn.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const referrals = ['close-1', 'close-2', 'close-3'].map((id) => ({ id, fake: fake.referral(id) }));
      for (const { id } of referrals) {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn: sfn.stateMachineArn('referral'),
            name: id,
            input: JSON.stringify({ phase: 'start', referral: { cantonId: 'demo', referralId: id } }),
          }),
        );
      }
      await Promise.all(referrals.map(({ fake: referral }) => awaited(referral, 1)));
    } finally {
      client.destroy();
    }

    await sfn.close();
    await sfn.close(); // idempotent
    expect(sfn.executions().map((execution) => execution.status)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
    expect(sfn.executions().every((execution) => execution.waiting.length === 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    const afterClose = new SFNClient({
      endpoint: sfn.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    await expect(
      afterClose.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:x:1:execution:a:b' })),
    ).rejects.toThrow();
    afterClose.destroy();
  });
});
