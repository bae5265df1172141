import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryHousehold } from '../../functions/domain/registry.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Privacy by construction, checked where it matters: after a day's work with national IDs (screenings, requests,
 * benefits, an information update, a merge, a batch import) no national ID is in any key or index of the table,
 * nor in any line the functions logged — with logging at its most talkative.
 */
let rt: TestRuntime;
let logged = '';
const write = process.stdout.write.bind(process.stdout);
const writeErr = process.stderr.write.bind(process.stderr);
const consoles: [
  keyof Console & ('log' | 'info' | 'warn' | 'error' | 'debug'),
  (...args: unknown[]) => void,
][] = [];

const nationalIds = new Set(
  readFileSync(new URL('../../registry/demo-registry.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .flatMap((line) => (JSON.parse(line) as RegistryHousehold).members.flatMap((m) => m.nationalId ?? [])),
);
const ROSA = '1710034065';
const NEWCOMER = '0926687856';
nationalIds.add(NEWCOMER);

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  // An operator turning on Powertools' event logging must not put the bodies (national IDs) into the logs.
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
  const capture = (original: typeof write) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof write;
  process.stdout.write = capture(write);
  process.stderr.write = capture(writeErr);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    consoles.push([method, console[method]]);
    console[method] = (...args: unknown[]) => {
      logged += `${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`;
      original(...args);
    };
  }
  rt = await startTestRuntime({ seed: true, log: (line) => (logged += `${line}\n`) });
});
afterAll(async () => {
  process.stdout.write = write;
  process.stderr.write = writeErr;
  for (const [method, original] of consoles) console[method] = original;
  delete process.env.POWERTOOLS_LOG_LEVEL;
  delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
  await rt.stop();
});

describe('national IDs in the table and the logs', () => {
  it('appear in no key, no index and no log line after a day of work with them', async () => {
    const officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
    const caseManager = await rt.token('case-manager', 'quito', 'uio.gestora');
    const operator = await rt.token('operator', 'quito');
    const admin = await rt.token('admin', 'national', 'nat.admin');
    const ok = (status: number) => expect(status).toBeLessThan(300);

    ok(
      (
        await rt.api('POST', '/cantons/quito/registry/screenings', {
          token: officer,
          body: { nationalId: ROSA, purpose: 'intake' },
        })
      ).status,
    );
    ok(
      (
        await rt.api('POST', '/cantons/quito/registry/screenings', {
          token: operator,
          body: { nationalId: NEWCOMER, purpose: 'intake' },
        })
      ).status,
    );
    // Bad input that names the cédula's field must not echo the cédula into a log either.
    expect(
      (
        await rt.api('POST', '/cantons/quito/registry/screenings', {
          token: officer,
          body: { nationalId: '1710034066', purpose: 'intake' },
        })
      ).status,
    ).toBe(400);
    const request = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({ citizen: { identification: 'national-id', nationalId: ROSA } }),
    });
    ok(request.status);
    // A referral, so that the contact officers' notices (what the runtime logs) go out too.
    ok(
      (
        await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
          token: officer,
          body: { serviceId: 'psj-albergue-emergencias' },
        })
      ).status,
    );
    ok(
      (
        await rt.api('POST', '/cantons/quito/registry/benefits', {
          token: officer,
          body: { nationalId: ROSA, program: 'Canasta', deliveredOn: '2026-11-20', kind: 'in-kind' },
        })
      ).status,
    );
    const change = await rt.api('POST', '/cantons/quito/registry/change-requests', {
      token: officer,
      body: { nationalId: ROSA, changes: [{ field: 'contact.phone', value: '+593987650000' }] },
    });
    ok(change.status);
    ok(
      (
        await rt.api('POST', `/cantons/quito/registry/change-requests/${change.body.changeId}/decision`, {
          token: caseManager,
          body: { outcome: 'approved', reason: 'ok' },
        })
      ).status,
    );
    const withoutId = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({
        citizen: { identification: 'provisional', name: { given: 'Ana', family: 'Lema' } },
      }),
    });
    ok(
      (
        await rt.api(
          'POST',
          `/cantons/quito/registry/provisional-identities/${withoutId.body.citizen.provisionalId}/merge`,
          { token: officer, body: { nationalId: NEWCOMER } },
        )
      ).status,
    );
    const household = readFileSync(
      new URL('../../registry/demo-registry.jsonl', import.meta.url),
      'utf8',
    ).split('\n')[5] as string;
    ok(
      (
        await rt.api('POST', '/cantons/national/registry/households', {
          token: admin,
          body: { households: [JSON.parse(household)] },
        })
      ).status,
    );

    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }),
    );
    const keyAttributes = [
      'PK',
      'SK',
      'GSI1PK',
      'GSI1SK',
      'GSI2PK',
      'GSI2SK',
      'GSI3PK',
      'GSI3SK',
      'GSI4PK',
      'GSI4SK',
    ];
    const keysFound: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: 'swcs', ExclusiveStartKey: startKey }));
      for (const item of page.Items ?? [])
        for (const a of keyAttributes) if (item[a] !== undefined) keysFound.push(String(item[a]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // The registry is there, keyed by digests.
    expect(keysFound.filter((k) => k.startsWith('C#national#REGISTRY#PERSON#')).length).toBeGreaterThan(2000);
    const leaks = keysFound.filter((k) =>
      [...(k.match(/\d{10}/g) ?? [])].some((digits) => nationalIds.has(digits)),
    );
    expect(leaks).toEqual([]);

    for (let i = 0; i < 100 && logged.length === 0; i++) await new Promise((done) => setTimeout(done, 100));
    expect(logged.length).toBeGreaterThan(0);
    const inLogs = [...nationalIds, '1710034066'].filter((id) => logged.includes(id));
    expect(inLogs).toEqual([]);
  });
});
