import type { OperationCalls } from './overhead.js';
import { round } from './stats.js';
import type { PathResult } from './transitions.js';

/**
 * Dollars per canton per month, from what the benchmark measured (DynamoDB request units and calls per operation,
 * workflow transitions, Lambda steps and messages per referral) times list prices. Everything that is not measured
 * is an assumption and is labelled as one here and in the results.
 *
 * Prices: AWS list prices for us-east-1 in USD, no free tier, no savings plan, as published on the pages named
 * below and assumed unchanged at 2026-11 (the date this model is set at; check the pages before relying on them).
 */
export const PRICE_DATE = '2026-11';

export const PRICES = {
  dynamoWriteRequestUnit: {
    usd: 0.625 / 1e6,
    what: 'DynamoDB on-demand write request unit (Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ — $0.625 per million WRU',
  },
  dynamoReadRequestUnit: {
    usd: 0.125 / 1e6,
    what: 'DynamoDB on-demand read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ — $0.125 per million RRU',
  },
  dynamoStorageGbMonth: {
    usd: 0.25 + 0.2,
    what: 'DynamoDB storage ($0.25/GB-month) plus point-in-time recovery ($0.20/GB-month)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  lambdaRequest: {
    usd: 0.2 / 1e6,
    what: 'Lambda request',
    source: 'https://aws.amazon.com/lambda/pricing/ — $0.20 per million requests',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    what: 'Lambda duration, arm64, per GB-second (first tier)',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  apiGatewayRestRequest: {
    usd: 3.5 / 1e6,
    what: 'API Gateway REST API request (first 333 million a month)',
    source: 'https://aws.amazon.com/api-gateway/pricing/ — $3.50 per million',
  },
  stepFunctionsTransition: {
    usd: 0.025 / 1000,
    what: 'Step Functions Standard state transition',
    source: 'https://aws.amazon.com/step-functions/pricing/ — $0.025 per 1,000 state transitions',
  },
  snsPublish: {
    usd: 0.5 / 1e6,
    what: 'SNS publish request',
    source: 'https://aws.amazon.com/sns/pricing/ — $0.50 per million requests',
  },
  snsEmail: {
    usd: 2 / 100_000,
    what: 'SNS e-mail notification',
    source: 'https://aws.amazon.com/sns/pricing/ — $2.00 per 100,000',
  },
  smsEcuador: {
    usd: 0.2,
    what: 'SMS part to an Ecuadorian mobile (ASSUMPTION)',
    source:
      'ASSUMED, not verified: the order of magnitude of international A2P SMS to Ecuador. Carrier prices change ' +
      'often; take the current figure for Ecuador from https://aws.amazon.com/end-user-messaging/pricing/',
  },
} as const;

/** What is assumed about use and about Lambda, not measured. */
export const ASSUMPTIONS = {
  volumes: [1_000, 10_000, 100_000],
  mix:
    'every request is recorded, read twice and listed once; 40% are referred: one service search, the referral, ' +
    'acknowledge, accept and complete, and the workflow of the measured "one reminder" path (its SMS and e-mail)',
  referredShare: 0.4,
  perRequest: { recordRequest: 1, getRequest: 2, listRequests: 1 } as Record<string, number>,
  perReferral: {
    searchServices: 1,
    createReferral: 1,
    'transitionReferral:acknowledge': 1,
    'transitionReferral:accept': 1,
    'transitionReferral:complete': 1,
  } as Record<string, number>,
  referralPath: 'reminder' as PathResult['path'],
  lambdaMemoryMb: 1024,
  lambdaBaseMs: 20,
  lambdaMsPerAwsCall: 10,
  lambdaNote:
    'billed duration assumed 20 ms plus 10 ms per AWS call (DynamoDB calls as measured, plus one Step Functions ' +
    "call per transition and one SNS publish per message); a referral's execution started by one invocation of " +
    "the workflow outbox's function on the table stream, with one Step Functions call (its stream reads are not " +
    'charged to a Lambda trigger); 1024 MB (the construct default), arm64; cold starts not included',
  excluded:
    'fixed costs shared by the platform (KMS key, WAF, Secrets Manager, CloudWatch dashboards and alarms, Cognito ' +
    'MAUs of staff) and per-request logs and X-Ray traces',
};

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly usd: number;
}

export interface CostAtVolume {
  readonly requestsPerMonth: number;
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
  readonly usdPerRequest: number;
}

/**
 * What a path's messages cost, as measured (the channel rule of domain/referral-channels.ts: a recipient's first
 * message of a referral on the channel they prefer, later ones by e-mail where they have an address, at most one
 * SMS per recipient, referral and product day) and before that rule (every message on its recipient's preferred
 * channel: the measured messages, with each e-mail to a contact officer who prefers SMS counted as an SMS).
 */
export interface MessagesByPath {
  readonly path: PathResult['path'];
  /**
   * What the cost is per: `referral` → USD per 1,000 citizen requests (the mix's referred share) if every referral
   * took this path; `complaint` → USD per 1,000 complaint cases.
   */
  readonly per: PathResult['per'];
  readonly sms: number;
  readonly smsParts: number;
  readonly emails: number;
  readonly maxSmsPerRecipientPerDay: number;
  readonly smsBefore: number;
  readonly emailsBefore: number;
  readonly usdPer1000Before: number;
  readonly usdPer1000: number;
}

export interface CostSection {
  readonly priceDate: string;
  readonly messages: readonly MessagesByPath[];
  readonly prices: typeof PRICES;
  readonly assumptions: typeof ASSUMPTIONS;
  readonly perRequest: PerRequest;
  readonly volumes: readonly CostAtVolume[];
}

/** Quantities for one citizen request, on average over the mix. */
interface PerRequest {
  readonly apiCalls: number;
  readonly lambdaInvocations: number;
  readonly lambdaGbSeconds: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly storedBytes: number;
  readonly transitions: number;
  readonly smsParts: number;
  readonly emails: number;
  readonly snsPublishes: number;
}

export function costModel(calls: readonly OperationCalls[], paths: readonly PathResult[]): CostSection {
  const byLabel = new Map(calls.map((c) => [c.label, c]));
  const path = paths.find((p) => p.path === ASSUMPTIONS.referralPath);
  if (!path) throw new Error(`No measured ${ASSUMPTIONS.referralPath} path`);
  const a = ASSUMPTIONS;
  /** GB-seconds of `invocations` Lambda invocations that make `awsCalls` AWS calls between them. */
  const gbSeconds = (invocations: number, awsCalls: number) =>
    ((invocations * a.lambdaBaseMs + awsCalls * a.lambdaMsPerAwsCall) / 1000) * (a.lambdaMemoryMb / 1024);

  let apiCalls = 0;
  let gb = 0;
  let read = 0;
  let write = 0;
  let stored = 0;
  const add = (label: string, times: number) => {
    const op = byLabel.get(label);
    if (!op || op.error) throw new Error(`No measured DynamoDB figures for ${label}`);
    // A transition answers the workflow's wait itself; a referral's start goes through the workflow outbox (below).
    const workflowCalls = label.startsWith('transitionReferral') ? 1 : 0;
    apiCalls += times;
    gb += times * gbSeconds(1, op.calls + workflowCalls);
    read += times * op.units.read;
    write += times * op.units.write;
    stored += times * op.units.storedBytes;
  };
  for (const [label, times] of Object.entries(a.perRequest)) add(label, times);
  for (const [label, times] of Object.entries(a.perReferral)) add(label, times * a.referredShare);
  // Each referral's execution is started by the function on the table's stream: one invocation, one StartExecution.
  const outboxStarts = a.referredShare * (a.perReferral['createReferral'] ?? 0);
  gb += outboxStarts * gbSeconds(1, 1);
  const messages = path.sms + path.emails;
  const workflowAwsCalls = path.workflowDynamoCalls + messages;
  const perRequest: PerRequest = {
    apiCalls,
    lambdaInvocations: apiCalls + outboxStarts + a.referredShare * path.lambdaInvocations,
    lambdaGbSeconds: gb + a.referredShare * gbSeconds(path.lambdaInvocations, workflowAwsCalls),
    readUnits: read + a.referredShare * path.workflowUnits.read,
    writeUnits: write + a.referredShare * path.workflowUnits.write,
    storedBytes: stored + a.referredShare * path.workflowUnits.storedBytes,
    transitions: a.referredShare * path.transitions,
    smsParts: a.referredShare * path.smsSegments,
    emails: a.referredShare * path.emails,
    snsPublishes: a.referredShare * messages,
  };

  const volumes = a.volumes.map((requests): CostAtVolume => {
    const q = (perOne: number) => perOne * requests;
    const p = PRICES;
    const lines: CostLine[] = [
      line('API Gateway REST requests', q(perRequest.apiCalls), p.apiGatewayRestRequest.usd),
      line('Lambda requests', q(perRequest.lambdaInvocations), p.lambdaRequest.usd),
      line('Lambda GB-seconds (assumed durations)', q(perRequest.lambdaGbSeconds), p.lambdaArmGbSecond.usd),
      line('DynamoDB read request units', q(perRequest.readUnits), p.dynamoReadRequestUnit.usd),
      line('DynamoDB write request units', q(perRequest.writeUnits), p.dynamoWriteRequestUnit.usd),
      line(
        'DynamoDB storage + PITR, GB added this month',
        q(perRequest.storedBytes) / 1e9,
        p.dynamoStorageGbMonth.usd,
      ),
      line('Step Functions state transitions', q(perRequest.transitions), p.stepFunctionsTransition.usd),
      line('SNS publishes', q(perRequest.snsPublishes), p.snsPublish.usd),
      line('SNS e-mails', q(perRequest.emails), p.snsEmail.usd),
      line('SMS parts to Ecuador (assumed price)', q(perRequest.smsParts), p.smsEcuador.usd),
    ];
    const totalUsd = lines.reduce((sum, l) => sum + l.usd, 0);
    return {
      requestsPerMonth: requests,
      lines,
      totalUsd: round(totalUsd, 2),
      usdPerRequest: round(totalUsd / requests, 5),
    };
  });
  /** SMS parts, e-mails and SNS publishes of 1,000 requests' referrals, or of 1,000 complaints. */
  const messagesCost = (per: PathResult['per'], smsParts: number, emails: number) =>
    1000 *
    (per === 'referral' ? a.referredShare : 1) *
    (smsParts * PRICES.smsEcuador.usd +
      emails * PRICES.snsEmail.usd +
      (smsParts + emails) * PRICES.snsPublish.usd);
  const messageFigures = paths.map((p): MessagesByPath => {
    const per = p.per ?? 'referral';
    const before = p.onPreferredChannels ?? { sms: p.sms, emails: p.emails };
    const partsPerSms = p.sms > 0 ? p.smsSegments / p.sms : 1;
    return {
      path: p.path,
      per,
      sms: p.sms,
      smsParts: p.smsSegments,
      emails: p.emails,
      maxSmsPerRecipientPerDay: p.maxSmsPerRecipientPerDay ?? 0,
      smsBefore: before.sms,
      emailsBefore: before.emails,
      usdPer1000Before: round(messagesCost(per, before.sms * partsPerSms, before.emails), 2),
      usdPer1000: round(messagesCost(per, p.smsSegments, p.emails), 2),
    };
  });
  return {
    priceDate: PRICE_DATE,
    messages: messageFigures,
    prices: PRICES,
    assumptions: ASSUMPTIONS,
    perRequest: Object.fromEntries(
      Object.entries(perRequest).map(([k, v]) => [k, round(v, 4)]),
    ) as unknown as PerRequest,
    volumes,
  };
}

const line = (item: string, quantity: number, unitUsd: number): CostLine => ({
  item,
  quantity: round(quantity, 3),
  usd: round(quantity * unitUsd, 4),
});
