import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The complaint lists and the managers' views read indexes and stored figures, not every case of the canton: the
 * entries and figures are written in each change's own transaction, and the clock state is read from two fixed
 * instants, so it stays true as time passes without a write. Through the real local runtime; the product clock is
 * moved by the test.
 */
let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let operator: string;
let coordinator: string;
let officer: string;

const DAY = 24 * 3_600_000;
const CANTON = 'cuenca';
const path = (id: string) => `/cantons/${CANTON}/complaints/${id}`;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  operator = await rt.token('operator', CANTON);
  coordinator = await rt.token('coordinator', CANTON);
  officer = await rt.token('swcs-officer', CANTON, 'cue.tecnico1');
});
afterAll(() => rt.stop());

const open = async (overrides: Record<string, unknown> = {}) => {
  const answer = await rt.api('POST', `/cantons/${CANTON}/complaints`, {
    token: operator,
    body: {
      type: 'complaint',
      concerns: { kind: 'other', text: 'La atención en ventanilla' },
      channel: 'walk-in',
      complainant: { identification: 'anonymous' },
      description: 'Me hicieron esperar tres horas',
      ...overrides,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { complaintId: string; deadlines: { acknowledgeBy: string; resolveBy: string } };
};
const ids = (body: { items: { complaintId: string }[] }) => body.items.map((c) => c.complaintId);
const list = async (query: string) => {
  const answer = await rt.api('GET', `/cantons/${CANTON}/complaints?limit=100&${query}`, {
    token: coordinator,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return ids(answer.body);
};
const collection = async (id: string) => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: 'swcs',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `C#${CANTON}#CMP#${id}` },
    }),
  );
  return Items;
};
const entry = async (id: string, sk: string) =>
  (await collection(id)).find((i) => i.SK === sk) as Record<string, unknown> | undefined;

describe('the open-case index', () => {
  it('keeps the clock state true without a write: a case turns breached as time passes, on the same entry', async () => {
    const { complaintId, deadlines } = await open({ type: 'suggestion' });
    const before = await entry(complaintId, 'OPEN');
    expect(before).toMatchObject({ status: 'open', type: 'suggestion', breachAt: deadlines.acknowledgeBy });
    expect(await list('clock=on-track')).toContain(complaintId);
    expect(await list('clock=breached')).not.toContain(complaintId);
    // Past the at-risk instant, then past the deadline: the entry is the same, the answer follows the time.
    clock.advance(Date.parse(String(before?.atRiskAt)) + 1_000 - clock.now().getTime());
    expect(await list('clock=at-risk')).toContain(complaintId);
    expect(await list('clock=on-track')).not.toContain(complaintId);
    clock.advance(Date.parse(deadlines.acknowledgeBy) + 1_000 - clock.now().getTime());
    expect(await list('clock=breached&type=suggestion')).toContain(complaintId);
    expect(await list('clock=breached&type=claim')).not.toContain(complaintId);
    expect(await list('clock=at-risk')).not.toContain(complaintId);
    const after = await entry(complaintId, 'OPEN');
    expect({ atRiskAt: after?.atRiskAt, breachAt: after?.breachAt }).toEqual({
      atRiskAt: before?.atRiskAt,
      breachAt: before?.breachAt,
    });
    const stats = await rt.api('GET', `/cantons/${CANTON}/complaint-statistics`, { token: coordinator });
    expect(stats.body.open.byClock.breached).toBeGreaterThanOrEqual(1);
  });

  it('moves with the case in its own transaction: acknowledged, its activities, resolved', async () => {
    const { complaintId, deadlines } = await open({ type: 'claim', assigneeId: 'cue.tecnico1' });
    const added = await rt.api('POST', `${path(complaintId)}/activities`, {
      token: officer,
      body: { description: 'Revisar', assigneeId: 'cue.tecnico1', dueDate: '2020-01-02' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    // Acknowledged: the running phase is the resolution's, and so is the breach instant.
    expect(await entry(complaintId, 'OPEN')).toMatchObject({
      status: 'in-progress',
      breachAt: deadlines.resolveBy,
    });
    expect(await entry(complaintId, 'ACTIVITY#01')).toMatchObject({
      dueDate: '2020-01-02',
      assigneeId: 'cue.tecnico1',
    });
    expect(await entry(complaintId, 'ASSIGNEE#p#cue.tecnico1')).toBeDefined();
    expect(await list('status=in-progress&type=claim')).toContain(complaintId);
    expect(await list('assigneeId=cue.tecnico1&status=in-progress')).toContain(complaintId);
    // Due in 2020: overdue, counted on its assignee.
    const stats = await rt.api('GET', `/cantons/${CANTON}/complaint-statistics`, { token: coordinator });
    expect(stats.body.overdueActivities).toContainEqual({ assigneeId: 'cue.tecnico1', overdue: 1 });

    await rt.api('PUT', `${path(complaintId)}/activities/1`, {
      token: officer,
      body: { status: 'done', result: 'Hecho' },
    });
    expect(await entry(complaintId, 'ACTIVITY#01')).toBeUndefined();
    const resolved = await rt.api('POST', `${path(complaintId)}/resolution`, {
      token: officer,
      body: { decision: 'upheld', reply: { text: 'Resuelto', givenBy: 'phone' } },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(await entry(complaintId, 'OPEN')).toBeUndefined();
    expect(await list('status=resolved')).toContain(complaintId);
    expect(await list('status=in-progress')).not.toContain(complaintId);
    // A resolved case's clock is stopped: no clock state lists it.
    for (const state of ['on-track', 'at-risk', 'breached']) {
      expect(await list(`clock=${state}`)).not.toContain(complaintId);
    }
    const later = await rt.api('GET', `/cantons/${CANTON}/complaint-statistics`, { token: coordinator });
    expect(later.body.overdueActivities).not.toContainEqual(
      expect.objectContaining({ assigneeId: 'cue.tecnico1' }),
    );
  });

  it("refuses another canton's unit (Quito's, on a Cuenca case), naming the field, and changes nothing", async () => {
    const { complaintId } = await open();
    const refused = await rt.api('POST', `${path(complaintId)}/activities`, {
      token: officer,
      body: { description: 'Revisar', unitId: 'calidad', dueDate: '2020-01-02' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { pointer?: string }) => e.pointer)).toEqual(['/unitId']);
    const { body } = await rt.api('GET', path(complaintId), { token: coordinator });
    expect(body).toMatchObject({ version: 1, activities: [] });
  });

  it('changes nothing in the index when a change is refused', async () => {
    const { complaintId } = await open();
    const refused = await rt.api('POST', `${path(complaintId)}/activities`, {
      token: officer,
      body: { description: 'Revisar', assigneeId: 'nadie', dueDate: '2020-01-02' },
    });
    expect(refused.status).toBe(400);
    // (The clock's wait keeps its token in the collection too, whenever its step runs.)
    const items = (await collection(complaintId))
      .map((i) => String(i.SK))
      .filter((sk) => sk !== 'CLOCK-TOKEN')
      .sort();
    expect(items).toEqual(['COMPLAINT', 'EVENT#000001', 'OPEN']);
  });
});

describe('a case stored before the indexes', () => {
  it('gets its entries back at start-up (the local runtime resumes clocks there)', async () => {
    const { complaintId } = await open({ type: 'question', assigneeId: 'cue.tecnico1' });
    await rt.api('POST', `${path(complaintId)}/activities`, {
      token: officer,
      body: { description: 'Revisar', assigneeId: 'cue.operadora1', dueDate: '2020-01-03' },
    });
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    // The adapter reads the runtime's table settings when loaded: after the runtime started.
    const { backfillComplaintIndexes } =
      await import('../../functions/adapters/dynamodb/complaints-index.js');
    // As stored before: no GSI2/GSI3 attributes, no entries.
    await db.send(
      new UpdateCommand({
        TableName: 'swcs',
        Key: { PK: `C#${CANTON}#CMP#${complaintId}`, SK: 'COMPLAINT' },
        UpdateExpression: 'REMOVE GSI2PK, GSI2SK, GSI3PK, GSI3SK',
      }),
    );
    for (const sk of ['OPEN', 'ASSIGNEE#p#cue.tecnico1', 'ASSIGNEE#p#cue.operadora1', 'ACTIVITY#01']) {
      await db.send(
        new DeleteCommand({ TableName: 'swcs', Key: { PK: `C#${CANTON}#CMP#${complaintId}`, SK: sk } }),
      );
    }
    expect(await list('type=question')).not.toContain(complaintId);
    expect(await backfillComplaintIndexes(CANTON)).toBeGreaterThanOrEqual(1);
    expect(await list('type=question')).toContain(complaintId);
    expect(await list('status=in-progress')).toContain(complaintId);
    expect(await list('assigneeId=cue.operadora1')).toContain(complaintId);
    expect(await list('assigneeId=cue.tecnico1')).toContain(complaintId);
    expect(await entry(complaintId, 'OPEN')).toMatchObject({ status: 'in-progress' });
    expect(await entry(complaintId, 'ACTIVITY#01')).toMatchObject({ assigneeId: 'cue.operadora1' });
    // Once done, nothing more to do.
    expect(await backfillComplaintIndexes(CANTON)).toBe(0);
  });
});

describe('the statistics', () => {
  it('come from the figures kept when cases are resolved and rated, not from the cases', async () => {
    const figures = async () =>
      (await rt.api('GET', `/cantons/${CANTON}/complaint-statistics`, { token: coordinator })).body as {
        resolution: { type: string; resolved: number; averageDays: number; medianDays: number }[];
        satisfaction: { ratings: number };
      };
    const before = await figures();
    const resolvedBefore = before.resolution.find((r) => r.type === 'information-request')?.resolved ?? 0;
    const opened = await open({ type: 'information-request' });
    clock.advance(2 * DAY);
    const resolved = await rt.api('POST', `${path(opened.complaintId)}/resolution`, {
      token: officer,
      body: { decision: 'upheld', reply: { text: 'Información enviada', givenBy: 'phone' } },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const rated = await rt.api('POST', `${path(opened.complaintId)}/satisfaction`, {
      token: operator,
      body: { rating: 4 },
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    const after = await figures();
    const info = after.resolution.find((r) => r.type === 'information-request');
    expect(info?.resolved).toBe(resolvedBefore + 1);
    if (resolvedBefore === 0) expect(info).toMatchObject({ averageDays: 2, medianDays: 2 });
    expect(after.satisfaction.ratings).toBe(before.satisfaction.ratings + 1);
    // The case itself gone from the table: the figures still count it (nothing reads every case).
    await db.send(
      new DeleteCommand({
        TableName: 'swcs',
        Key: { PK: `C#${CANTON}#CMP#${opened.complaintId}`, SK: 'COMPLAINT' },
      }),
    );
    const without = await figures();
    expect(without.resolution.find((r) => r.type === 'information-request')?.resolved).toBe(
      resolvedBefore + 1,
    );
    const shards = await db.send(
      new QueryCommand({
        TableName: 'swcs',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `C#${CANTON}#COMPLAINT-FIGURES` },
      }),
    );
    // Shards: `RESOLVED#<type>#<0-3>` and `RATINGS#<0-3>`.
    expect((shards.Items ?? []).map((i) => String(i.SK))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RESOLVED#information-request#[0-3]$/)]),
    );
    const { Item } = await db.send(
      new GetCommand({ TableName: 'swcs', Key: { PK: `C#${CANTON}#CMP#${opened.complaintId}`, SK: 'OPEN' } }),
    );
    expect(Item).toBeUndefined();
  });
});

describe('pages', () => {
  it('of one index follow the cursor with no case twice, newest first', async () => {
    const opened: string[] = [];
    for (let i = 0; i < 3; i++) opened.push((await open({ type: 'congratulation' })).complaintId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await rt.api(
        'GET',
        `/cantons/${CANTON}/complaints?type=congratulation&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: coordinator },
      );
      expect(page.status).toBe(200);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...opened].reverse());
    // A cursor is bound to its filters.
    const first = await rt.api('GET', `/cantons/${CANTON}/complaints?type=congratulation&limit=1`, {
      token: coordinator,
    });
    const other = await rt.api(
      'GET',
      `/cantons/${CANTON}/complaints?type=question&limit=1&cursor=${first.body.nextCursor}`,
      { token: coordinator },
    );
    expect(other.status).toBe(400);
  });
});
