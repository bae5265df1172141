/**
 * Child process: a canton's worst day, on the local runtime with the fast product clock. Started by
 * worst-day-run.ts (`npm run bench -- --worst-day`); sends one `result` message.
 *
 * A landslide in Quito: on top of a normal day, 20,000 requests and 5,000 referrals in one product-day (times
 * `scale`), every referral to the emergency shelter with its workflow running on the local Step Functions, contact
 * officers answering some at once, some after the reminder and some only after the escalation ladder has climbed.
 * Measured: errors, latency per operation, memory over the day, how late timers fired (product time), and every
 * DynamoDB request's partitions (partition-tap.ts), for what AWS would meter per partition at the day's peak.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clock } from '../functions/kernel/clock.js';
import { LOCAL_TABLE_NAME } from '../lib/table.js';
import { childMain } from './child.js';
import {
  type ApiAnswer,
  CANTON,
  counterReferralBody,
  OP_HEADER,
  intakeBody,
  prepareReferrals,
  startBenchRuntime,
} from './fixture.js';
import { PLANNED_AT_HEADER, PartitionTap } from './partition-tap.js';
import { percentile, round } from './stats.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The day, as assumed (labelled so in the results). */
export const WORST_DAY = {
  disasterRequests: 20_000,
  disasterReferrals: 5_000,
  normalRequests: 1_000,
  normalReferrals: 150,
  /** The landslide strikes at 05:40; calls rise and fall as a gamma(2) curve with this time constant. */
  disasterAt: 5 * HOUR + 40 * MINUTE,
  disasterTimeConstant: 3 * HOUR,
  /** Normal traffic arrives uniformly over office hours. */
  officeHours: [8 * HOUR, 17 * HOUR] as const,
  /** When the contact officer acknowledges, after the referral (shares): before the reminder, after it, late. */
  acknowledge: [
    { share: 0.55, from: 5 * MINUTE, to: 55 * MINUTE },
    { share: 0.25, from: 65 * MINUTE, to: 115 * MINUTE },
    { share: 0.2, from: 2 * HOUR + 10 * MINUTE, to: 9 * HOUR },
  ],
  acceptAfter: [1 * MINUTE, 15 * MINUTE] as const,
  completeAfter: [2 * HOUR, 10 * HOUR] as const,
  mix:
    'every request is recorded, read once and the list read once within minutes; referred ones get a service ' +
    'search and a referral 10–40 minutes after intake; the contact officer acknowledges (55 % within the hour, ' +
    '25 % after the reminder, 20 % after the deadline, once escalations fired), accepts 1–15 minutes later and ' +
    'completes 2–10 hours later if still within the day. Every referral goes to the one emergency shelter (the ' +
    'worst case for its inbox and its spots). Normal traffic: 1,000 requests (150 referred) in office hours.',
};

export interface OperationFigures {
  readonly operation: string;
  readonly count: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly firstErrors: readonly string[];
}

export interface WorstDayResult {
  readonly scale: number;
  readonly clockFactor: number;
  readonly realSeconds: number;
  readonly productDay: string;
  readonly planned: { readonly requests: number; readonly referrals: number };
  readonly operations: readonly OperationFigures[];
  readonly errors: number;
  /** 409 answers because the workflow changed the referral meanwhile; each was sent again once (see act). */
  readonly conflictsRetried: Readonly<Record<string, number>>;
  /** How late the driver started actions against their planned product time (server backlog), product minutes. */
  readonly startLagMinutes: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly memory: {
    /** Product hour → MiB, sampled each real second; the last sample of each hour. */
    readonly byHour: readonly { hour: number; rssMiB: number; heapUsedMiB: number; running: number }[];
    readonly peakRssMiB: number;
    readonly peakHeapMiB: number;
    readonly rssAtStartMiB: number;
    readonly heapAtEndMiB: number;
    readonly executionsKept: number;
  };
  readonly timers: {
    readonly fired: number;
    readonly byKind: Readonly<Record<string, number>>;
    readonly lateSeconds: { readonly p50: number; readonly p99: number; readonly max: number };
    /** Timers due more than 10 product minutes before the day ended that had not fired by its end. */
    readonly dueNotFired: number;
    /** What the local timers poll every 25 ms of real time amounts to in product time. */
    readonly resolutionSeconds: number;
  };
  readonly referrals: { readonly made: number; readonly byStatus: Readonly<Record<string, number>> };
  readonly messages: { readonly sms: number; readonly emails: number };
  readonly tap: {
    readonly requests: number;
    readonly unknownImages: number;
    readonly unparsed: number;
    /** The partitions with the most write units and those with the most read units over the day. */
    readonly partitions: readonly (ReturnType<PartitionTap['partitions']>[number] & {
      peakReadSecond: ReturnType<PartitionTap['peakReadSecond']>;
    })[];
    /** Every partition grouped by the shape of its key (ids replaced by <id>): how many, and their totals. */
    readonly shapes: readonly {
      where: string;
      shape: string;
      partitions: number;
      writeUnits: number;
      readUnits: number;
    }[];
  };
}

/**
 * Each DynamoDB request of an API call carries the call's planned product time (PLANNED_AT_HEADER), so that the
 * partition figures describe the planned day even when this machine falls behind it: the gateway request's label
 * (`<operation>@<planned ms>`) enters an AsyncLocalStorage context that the handler's awaits inherit, and a
 * middleware on the handlers' DynamoDB client copies it onto the request. The workflow's own calls carry none and
 * are counted when they happen.
 */
async function tagPlannedTimes(gatewayUrl: string): Promise<void> {
  const planned = new AsyncLocalStorage<number | undefined>();
  const gatewayPort = Number(new URL(gatewayUrl).port);
  const workflowPort = Number(new URL(process.env.AWS_ENDPOINT_URL_SFN as string).port);
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    const port = request.socket.localPort;
    if (port === gatewayPort) {
      const label = String(request.headers[OP_HEADER] ?? '');
      const at = Number(label.slice(label.lastIndexOf('@') + 1));
      planned.enterWith(label.includes('@') && Number.isFinite(at) ? at : undefined);
    } else if (port === workflowPort) {
      planned.enterWith(undefined);
    }
  });
  const { dynamo } = await import('../functions/adapters/dynamodb/client.js');
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      const at = planned.getStore();
      const request = (args as { request?: { headers: Record<string, string> } }).request;
      if (at !== undefined && request) request.headers[PLANNED_AT_HEADER] = String(at);
      return next(args);
    },
    { step: 'build', name: 'swcsWorstDayPlannedAt' },
  );
}

const ULID = /[0-9A-HJKMNP-TV-Z]{26}/g;

function hottest(tap: PartitionTap) {
  const all = tap.partitions();
  const byWrites = [...all].sort((a, b) => b.writeUnits - a.writeUnits).slice(0, 25);
  const byReads = [...all].sort((a, b) => b.readUnits - a.readUnits).slice(0, 15);
  const partitions = [...new Set([...byWrites, ...byReads])].map((p) => ({
    ...p,
    peakReadSecond: tap.peakReadSecond(p.where, p.key),
  }));
  const shapes = new Map<
    string,
    { where: string; shape: string; partitions: number; writeUnits: number; readUnits: number }
  >();
  for (const p of all) {
    const shape = p.key.replace(ULID, '<id>');
    const id = `${p.where} ${shape}`;
    const entry = shapes.get(id) ?? { where: p.where, shape, partitions: 0, writeUnits: 0, readUnits: 0 };
    entry.partitions += 1;
    entry.writeUnits += p.writeUnits;
    entry.readUnits += p.readUnits;
    shapes.set(id, entry);
  }
  return {
    partitions,
    shapes: [...shapes.values()].sort((a, b) => b.writeUnits - a.writeUnits).slice(0, 30),
  };
}

// ---- a seeded random source, so that two runs at one scale plan the same day ----------------------------------

let seed = 20_261_201;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const between = (from: number, to: number) => from + random() * (to - from);
const exponential = (mean: number) => -Math.log(1 - random()) * mean;

// ---- the day ---------------------------------------------------------------------------------------------------

interface Citizen {
  readonly at: number;
  readonly disaster: boolean;
  readonly referred: boolean;
}

function planDay(scale: number): Citizen[] {
  const d = WORST_DAY;
  const citizens: Citizen[] = [];
  const disaster = Math.round(d.disasterRequests * scale);
  const disasterReferred = Math.round(d.disasterReferrals * scale);
  for (let i = 0; i < disaster; i++) {
    let at: number;
    do at = d.disasterAt + exponential(d.disasterTimeConstant) + exponential(d.disasterTimeConstant);
    while (at >= 23 * HOUR);
    citizens.push({ at, disaster: true, referred: i < disasterReferred });
  }
  const normal = Math.round(d.normalRequests * scale);
  const normalReferred = Math.round(d.normalReferrals * scale);
  for (let i = 0; i < normal; i++) {
    citizens.push({ at: between(...d.officeHours), disaster: false, referred: i < normalReferred });
  }
  return citizens.sort((a, b) => a.at - b.at);
}

/** Midnight (America/Guayaquil, UTC−5) of the next weekday after the product clock's today. */
function nextWeekdayMidnight(now: Date): number {
  const local = new Date(now.getTime() - 5 * HOUR);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + 24 * HOUR;
  while ([0, 6].includes(new Date(day).getUTCDay())) day += 24 * HOUR;
  return day + 5 * HOUR;
}

async function main(): Promise<WorstDayResult> {
  const scale = Number(process.env.WORST_DAY_SCALE ?? '0.025');
  const dayMinutes = Number(process.env.WORST_DAY_MINUTES ?? '5');
  // About what the local runtime serves at once before requests only queue (bench/throughput.ts: 8 clients).
  const maxInFlight = Number(process.env.WORST_DAY_IN_FLIGHT ?? '12');
  const rt = await startBenchRuntime();
  try {
    const fx = await prepareReferrals(rt);
    await tagPlannedTimes(rt.url);
    const tap = PartitionTap.install(process.env.AWS_ENDPOINT_URL_DYNAMODB as string, () =>
      clock.now().getTime(),
    );
    const citizens = planDay(scale);
    const dayStart = nextWeekdayMidnight(clock.now());
    clock.advance(dayStart - clock.now().getTime());
    const factor = (24 * 60) / dayMinutes;
    clock.setFactor(factor);
    const dayEnd = dayStart + 24 * HOUR;
    const productNow = () => clock.now().getTime();
    tap.on = true;

    // ---- the driver: actions at planned product times, at most maxInFlight at once ----
    const samples = new Map<string, number[]>();
    const failures = new Map<string, string[]>();
    const errorCount = new Map<string, number>();
    const lags: number[] = [];
    const conflicts = new Map<string, number>();
    let inFlight = 0;
    const waiters: (() => void)[] = [];
    const slot = async () => {
      while (inFlight >= maxInFlight) await new Promise<void>((r) => waiters.push(r));
      inFlight += 1;
    };
    const release = () => {
      inFlight -= 1;
      waiters.shift()?.();
    };
    const sleepUntil = async (at: number) => {
      const ms = clock.realMsUntil(new Date(at));
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
    };
    /** One API call at product time `at` (or as soon as possible after it); undefined when it failed. */
    const act = async (
      operation: string,
      at: number,
      call: (op: string) => Promise<ApiAnswer>,
      expected: number[],
    ): Promise<ApiAnswer | undefined> => {
      await sleepUntil(at);
      await slot();
      lags.push(Math.max(0, productNow() - at));
      const t0 = performance.now();
      try {
        let answer = await call(`${operation}@${Math.round(at)}`);
        // A console that gets 409 because the workflow changed the referral meanwhile (a timer fired) reloads
        // and sends the change again, once: counted apart, as what a user would see.
        if (answer.status === 409 && expected.includes(200)) {
          conflicts.set(operation, (conflicts.get(operation) ?? 0) + 1);
          answer = await call(`${operation}@${Math.round(at)}`);
        }
        const ms = performance.now() - t0;
        if (!expected.includes(answer.status)) {
          errorCount.set(operation, (errorCount.get(operation) ?? 0) + 1);
          const list = failures.get(operation) ?? [];
          if (list.length < 5)
            list.push(`HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
          failures.set(operation, list);
          return undefined;
        }
        const list = samples.get(operation) ?? [];
        list.push(ms);
        samples.set(operation, list);
        return answer;
      } catch (error) {
        errorCount.set(operation, (errorCount.get(operation) ?? 0) + 1);
        const list = failures.get(operation) ?? [];
        if (list.length < 5) list.push(error instanceof Error ? error.message : String(error));
        failures.set(operation, list);
        return undefined;
      } finally {
        release();
      }
    };

    const c = `/cantons/${CANTON}`;
    const referralIds: string[] = [];
    const ackShares = WORST_DAY.acknowledge;
    const citizenDay = async (citizen: Citizen) => {
      const t = dayStart + citizen.at;
      const body = citizen.disaster
        ? intakeBody()
        : intakeBody({
            description: 'Consulta sobre el bono de desarrollo humano',
            classification: citizen.referred
              ? { category: 'urgent', subcategory: 'home-destroyed' }
              : { category: 'general-information', subcategory: 'other-enquiry' },
          });
      const recorded = await act(
        'recordRequest',
        t,
        (op) => rt.api('POST', `${c}/requests`, { token: fx.operator, body, op }),
        [201],
      );
      if (!recorded) return;
      const requestId = recorded.body.requestId as string;
      const reads = Promise.all([
        act(
          'getRequest',
          t + between(2, 10) * MINUTE,
          (op) => rt.api('GET', `${c}/requests/${requestId}`, { token: fx.operator, op }),
          [200],
        ),
        act(
          'listRequests',
          t + between(1, 15) * MINUTE,
          (op) => rt.api('GET', `${c}/requests?limit=25`, { token: fx.operator, op }),
          [200],
        ),
      ]);
      if (!citizen.referred) {
        await reads;
        return;
      }
      const tSearch = t + between(10, 40) * MINUTE;
      await act(
        'searchServices',
        tSearch,
        (op) =>
          rt.api('GET', `${c}/services?category=urgent&subcategory=home-destroyed`, {
            token: fx.officer,
            op,
          }),
        [200],
      );
      const tReferral = tSearch + between(1, 3) * MINUTE;
      const referred = await act(
        'createReferral',
        tReferral,
        (op) =>
          rt.api('POST', `${c}/requests/${requestId}/referrals`, {
            token: fx.officer,
            body: { serviceId: fx.serviceId },
            op,
          }),
        [201],
      );
      await reads;
      if (!referred) return;
      const referralId = referred.body.referralId as string;
      referralIds.push(referralId);
      const pick = random();
      const band =
        pick < ackShares[0]!.share
          ? ackShares[0]!
          : pick < ackShares[0]!.share + ackShares[1]!.share
            ? ackShares[1]!
            : ackShares[2]!;
      // Planned times follow the plan, not the (possibly late) actual ones: the plan is the day AWS would see.
      const tAck = tReferral + between(band.from, band.to);
      if (tAck >= dayEnd) return;
      const move = (operation: string, at: number, payload: unknown) =>
        act(
          operation,
          at,
          (op) =>
            rt.api('POST', `${c}/referrals/${referralId}/transitions`, {
              token: fx.contact,
              body: payload,
              op,
            }),
          [200],
        );
      if (!(await move('transitionReferral:acknowledge', tAck, { action: 'acknowledge' }))) return;
      const tAccept = tAck + between(...WORST_DAY.acceptAfter);
      if (tAccept >= dayEnd) return;
      if (!(await move('transitionReferral:accept', tAccept, { action: 'accept' }))) return;
      const tComplete = tAccept + between(...WORST_DAY.completeAfter);
      if (tComplete >= dayEnd) return;
      await sleepUntil(tComplete);
      await move('transitionReferral:complete', tComplete, counterReferralBody());
    };

    // ---- memory, sampled each real second ----
    const rssAtStart = process.memoryUsage().rss;
    const byHour = new Map<number, { hour: number; rssMiB: number; heapUsedMiB: number; running: number }>();
    let peakRss = rssAtStart;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      const hour = Math.min(24, Math.floor((productNow() - dayStart) / HOUR));
      const running = rt.runtime.stepFunctions.executions().filter((e) => e.status === 'RUNNING').length;
      byHour.set(hour, {
        hour,
        rssMiB: round(m.rss / 2 ** 20, 1),
        heapUsedMiB: round(m.heapUsed / 2 ** 20, 1),
        running,
      });
    }, 1000);

    const began = performance.now();
    await Promise.all(citizens.map((citizen) => citizenDay(citizen)));
    await sleepUntil(dayEnd);
    const realSeconds = (performance.now() - began) / 1000;
    tap.on = false;
    clearInterval(sampler);
    // Back to real time for reading the outcome, so that no more timers fire meanwhile.
    clock.setFactor(1);

    // ---- timers: when each fired against when it was due, from the referrals' own events ----
    const late: number[] = [];
    const byKind: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    let dueNotFired = 0;
    for (const referralId of referralIds) {
      const { Items = [] } = await rt.raw.send(
        new QueryCommand({
          TableName: LOCAL_TABLE_NAME,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: `C#${CANTON}#REF#${referralId}` } },
          ConsistentRead: true,
        }),
      );
      const items = Items.map((i) => unmarshall(i));
      const referral = items.find((i) => i.SK === 'REFERRAL');
      if (referral) byStatus[referral.status] = (byStatus[referral.status] ?? 0) + 1;
      const firedAt = new Set<string>();
      for (const event of items.filter((i) => String(i.SK).startsWith('EVENT#'))) {
        const scheduledAt = event.details?.scheduledAt as string | undefined;
        if (!scheduledAt) continue;
        firedAt.add(`${event.details.phase}#${event.details.timerIndex}`);
        late.push((Date.parse(event.at) - Date.parse(scheduledAt)) / 1000);
        byKind[event.action] = (byKind[event.action] ?? 0) + 1;
      }
      for (const [phase, timers] of Object.entries(
        (referral?.schedule ?? {}) as Record<string, { at: string }[]>,
      )) {
        timers.forEach((timer, index) => {
          if (Date.parse(timer.at) < dayEnd - 10 * MINUTE && !firedAt.has(`${phase}#${index}`)) {
            // Only timers whose phase was still open count: an answered phase's timers are skipped on purpose.
            const open = phase === 'acknowledgement' ? !referral?.acknowledgedAt : !referral?.closedAt;
            if (open) dueNotFired += 1;
          }
        });
      }
    }

    const operations: OperationFigures[] = [...new Set([...samples.keys(), ...errorCount.keys()])]
      .sort()
      .map((operation) => {
        const s = samples.get(operation) ?? [];
        return {
          operation,
          count: s.length + (errorCount.get(operation) ?? 0),
          errors: errorCount.get(operation) ?? 0,
          p50Ms: round(percentile(s, 50)),
          p99Ms: round(percentile(s, 99)),
          maxMs: round(s.length ? Math.max(...s) : Number.NaN),
          firstErrors: failures.get(operation) ?? [],
        };
      });
    const outbox = rt.runtime.sns.outbox();
    const minutes = (ms: number) => round(ms / MINUTE, 1);
    return {
      scale,
      clockFactor: factor,
      realSeconds: round(realSeconds, 1),
      productDay: new Date(dayStart - 5 * HOUR).toISOString().slice(0, 10),
      planned: { requests: citizens.length, referrals: citizens.filter((x) => x.referred).length },
      operations,
      errors: [...errorCount.values()].reduce((a, b) => a + b, 0),
      conflictsRetried: Object.fromEntries(conflicts),
      startLagMinutes: {
        p50: minutes(percentile(lags, 50)),
        p99: minutes(percentile(lags, 99)),
        max: minutes(Math.max(0, ...lags)),
      },
      memory: {
        byHour: [...byHour.values()].sort((a, b) => a.hour - b.hour),
        peakRssMiB: round(peakRss / 2 ** 20, 1),
        peakHeapMiB: round(peakHeap / 2 ** 20, 1),
        rssAtStartMiB: round(rssAtStart / 2 ** 20, 1),
        heapAtEndMiB: round(process.memoryUsage().heapUsed / 2 ** 20, 1),
        executionsKept: rt.runtime.stepFunctions.executions().length,
      },
      timers: {
        fired: late.length,
        byKind,
        lateSeconds: {
          p50: round(percentile(late, 50)),
          p99: round(percentile(late, 99)),
          max: round(Math.max(0, ...late)),
        },
        dueNotFired,
        resolutionSeconds: round((25 * factor) / 1000, 1),
      },
      referrals: { made: referralIds.length, byStatus },
      messages: {
        sms: outbox.filter((m) => m.channel === 'sms').length,
        emails: outbox.filter((m) => m.channel === 'email').length,
      },
      tap: {
        requests: tap.requests,
        unknownImages: tap.unknownImages,
        unparsed: tap.unparsed,
        ...hottest(tap),
      },
    };
  } finally {
    await rt.stop();
  }
}

await childMain(main);
