import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAME } from '../../lib/table.js';
import { complaintBody, intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The workflow outbox: a change that makes an execution due (a referral made, a complaint case opened) writes the
 * start in its own transaction, and the table's stream starts it. So an execution runs if and only if its change
 * was stored, and a start that Step Functions refuses for a while is retried rather than lost.
 */
let rt: TestRuntime;
let officer: string;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  officer = await rt.token('swcs-officer', 'quito');
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
});

afterAll(async () => {
  db?.destroy();
  await rt?.stop();
});

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const executionsNamed = (machine: string, name: string) =>
  rt.stepFunctions.executions().filter((e) => e.stateMachineName === machine && e.name === name);
const referralExecutions = () =>
  rt.stepFunctions.executions().filter((e) => e.stateMachineName === 'referral');

async function newRequest() {
  const request = await rt.api('POST', '/cantons/quito/requests', {
    token: officer,
    body: intakeBody({ classification: { category: 'urgent', subcategory: 'home-destroyed' } }),
  });
  expect(request.status).toBe(201);
  return request.body.requestId as string;
}

describe('the workflow outbox on the local runtime', () => {
  it("stores a referral's start with it, and the stream starts its workflow by the referral's name", async () => {
    const requestId = await newRequest();
    const made = await rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
      token: officer,
      body: { serviceId: 'psj-albergue-emergencias' },
    });
    expect(made.status).toBe(201);
    const name = `quito-${made.body.referralId}`;
    const { Item } = await db.send(
      new GetCommand({
        TableName: LOCAL_TABLE_NAME,
        Key: { PK: `C#quito#WORKFLOW-START#${name}`, SK: 'START' },
      }),
    );
    expect(Item).toMatchObject({
      entity: 'workflow-start',
      machine: 'referral',
      executionName: name,
      input: { phase: 'start', referral: { cantonId: 'quito', referralId: made.body.referralId } },
    });
    // Ids only, and gone by itself a week later.
    expect(JSON.stringify(Item)).not.toMatch(/Guam|1710034065|\+593/);
    expect(Item?.expiresAt).toBe(Math.floor(Date.parse(Item?.createdAt) / 1000) + 7 * 24 * 3600);
    await until(() => executionsNamed('referral', name)[0], 'the referral execution');
  });

  it('starts nothing for a referral that was refused: its transaction, start included, was cancelled', async () => {
    const requestId = await newRequest();
    const refer = () =>
      rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
        token: officer,
        body: { serviceId: 'psj-albergue-emergencias' },
      });
    const first = await refer();
    expect(first.status).toBe(201);
    await until(
      () => executionsNamed('referral', `quito-${first.body.referralId}`)[0],
      'the first execution',
    );
    const before = referralExecutions().length;
    // The same request to the same service again: refused, since the first referral is still active.
    const second = await refer();
    expect(second.status).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    expect(referralExecutions().length).toBe(before);
  });

  it("starts a complaint case's clock at its level once the case is stored", async () => {
    const operator = await rt.token('operator', 'quito');
    const opened = await rt.api('POST', '/cantons/quito/complaints', {
      token: operator,
      body: complaintBody({
        complainant: { identification: 'anonymous' },
        contact: undefined,
        description: 'La fila no avanzó en toda la mañana',
      }),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await until(
      () => executionsNamed('complaint-clock', `quito-${opened.body.complaintId}-canton`)[0],
      'the complaint clock',
    );
  });
});
