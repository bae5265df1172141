import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { LOCAL_TABLE_NAME } from '../../lib/table.js';
import { conditionChecks, DynamoCalls, readKeys, type SentCall } from '../support/dynamo-calls.js';
import { until } from '../support/link-client.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * What an operation reads, counted on the handlers' own DynamoDB client: a referral's move reads the referral and
 * its workflow's task token in one call and nothing for the capabilities its move does not concern, a completion
 * reads its request once for all of them, and the protocols in force kept by a container are never used once
 * another container has published a newer version.
 */
let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let calls: DynamoCalls;
let officer: string;
let contact: string;
let operator: string;
const CITIZEN = '+593991234567';

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  calls = await DynamoCalls.install();
  officer = await rt.token('swcs-officer', 'quito');
  contact = await rt.token('contact-officer', 'quito', 'uio.enlace.lcaiza');
  operator = await rt.token('operator', 'quito');
});

afterAll(async () => {
  await rt?.stop();
});

const item = async (PK: string, SK: string) =>
  (await db.send(new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: { PK, SK }, ConsistentRead: true })))
    .Item;

/** A request referred to the shelter, its workflow waiting for the acknowledgement. */
async function referred() {
  const request = await rt.api('POST', '/cantons/quito/requests', {
    token: officer,
    body: intakeBody({ consent: { dataSharing: 'given', contact: 'given' } }),
  });
  expect(request.status, JSON.stringify(request.body)).toBe(201);
  const made = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
    token: officer,
    body: { serviceId: 'psj-albergue-emergencias' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const referralId: string = made.body.referralId;
  await until(
    async () => (await item(`C#quito#REF#${referralId}`, 'TASK-TOKEN'))?.phase === 'acknowledgement',
    'the acknowledgement wait',
  );
  return {
    requestId: request.body.requestId as string,
    reference: request.body.reference as string,
    referralId,
    path: `/cantons/quito/referrals/${referralId}/transitions`,
  };
}

async function move(path: string, body: Record<string, unknown>): Promise<SentCall[]> {
  return calls.during(async () => {
    const answer = await rt.api('POST', path, { token: contact, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });
}

const OTHER_CAPABILITIES = /#PLAN-LINK#|#PLAN#|\|CONFIRMATION$|#REGISTRY#|#BENEFIT/;

describe("a referral's move", () => {
  it('reads the referral and its task token in one call, and checks the token in its transaction', async () => {
    const { referralId, path } = await referred();
    const sent = await move(path, { action: 'acknowledge' });
    const [first] = sent;
    expect(first?.operation).toBe('BatchGetItem');
    expect(readKeys(first as SentCall).sort()).toEqual(
      [`C#quito#REF#${referralId}|REFERRAL`, `C#quito#REF#${referralId}|TASK-TOKEN`].sort(),
    );
    const write = sent.find((c) => c.operation === 'TransactWriteItems') as SentCall;
    expect(conditionChecks(write)).toContain(`C#quito#REF#${referralId}|TASK-TOKEN`);
    // No read of the token after the write: the one read with the referral was answered.
    const after = sent.slice(sent.indexOf(write) + 1).flatMap(readKeys);
    expect(after).not.toContain(`C#quito#REF#${referralId}|TASK-TOKEN`);
    // The workflow heard the answer: it now waits for the counter-referral.
    await until(
      async () => (await item(`C#quito#REF#${referralId}`, 'TASK-TOKEN'))?.phase === 'counterReferral',
      'the counter-referral wait',
    );
  });

  it('that read no token, written after the workflow saved one, reads again and answers that wait', async () => {
    const { referralId, path } = await referred();
    const tokenKey = { PK: `C#quito#REF#${referralId}`, SK: 'TASK-TOKEN' };
    const saved = await item(tokenKey.PK, tokenKey.SK);
    // The workflow between two waits when the move reads, saving its token before the move writes.
    await db.send(new DeleteCommand({ TableName: LOCAL_TABLE_NAME, Key: tokenKey }));
    calls.afterNext('BatchGetItem', async () => {
      await db.send(new PutCommand({ TableName: LOCAL_TABLE_NAME, Item: saved as Record<string, unknown> }));
    });
    const sent = await move(path, { action: 'acknowledge' });
    const writes = sent.filter((c) => c.operation === 'TransactWriteItems');
    expect(writes).toHaveLength(2);
    expect(writes.map(conditionChecks).flat()).toContain(`${tokenKey.PK}|${tokenKey.SK}`);
    // The wait it found the second time was answered: the workflow went on to the counter-referral.
    await until(
      async () => (await item(tokenKey.PK, tokenKey.SK))?.phase === 'counterReferral',
      'the counter-referral wait',
    );
    const referral = (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer })).body;
    expect(referral.acknowledgedAt).toBeDefined();
    expect(referral.history.filter((e: { action: string }) => e.action === 'acknowledged')).toHaveLength(1);
  });

  it('made by no plan, reads nothing for plans, the registry, the question or the request when it moves', async () => {
    const { referralId, path } = await referred();
    expect((await item(`C#quito#REF#${referralId}`, 'REFERRAL'))?.follows).toEqual({});
    for (const action of ['acknowledge', 'accept']) {
      const read = (await move(path, { action })).flatMap(readKeys);
      expect(read.filter((k) => OTHER_CAPABILITIES.test(k) || k.includes('#REQ#'))).toEqual([]);
    }
  });

  it('made before referrals kept what follows them, still looks its plan-item link up', async () => {
    const { referralId, path } = await referred();
    await db.send(
      new UpdateCommand({
        TableName: LOCAL_TABLE_NAME,
        Key: { PK: `C#quito#REF#${referralId}`, SK: 'REFERRAL' },
        UpdateExpression: 'REMOVE follows',
      }),
    );
    const read = (await move(path, { action: 'accept' })).flatMap(readKeys);
    expect(read).toContain(`C#quito#PLAN-LINK#referral#${referralId}|PLAN-LINK`);
  });

  it('completing, reads the request once for its change, the question and the benefit, and asks the citizen', async () => {
    const { requestId, reference, referralId, path } = await referred();
    await move(path, { action: 'accept' });
    // The workflow waits for the counter-referral (a move racing its save of that wait's token reads again).
    await until(
      async () => (await item(`C#quito#REF#${referralId}`, 'TASK-TOKEN'))?.phase === 'counterReferral',
      'the counter-referral wait',
    );
    const sent = await move(path, {
      action: 'complete',
      counterReferral: {
        assisted: true,
        outcome: 'Familia alojada',
        dateServed: quitoDay(),
        reason: { code: 'other', text: 'Albergue temporal' },
        note: 'Cuatro personas',
        temporaryShelterProvided: true,
        householdMembersAffected: 4,
      },
    });
    const requestKey = `C#quito#REQ#${requestId}|REQUEST`;
    expect(sent.filter((c) => readKeys(c).includes(requestKey))).toHaveLength(1);
    // The question the completion wrote is not read back to send its SMS.
    expect(sent.flatMap(readKeys)).not.toContain(`C#quito#REF#${referralId}|CONFIRMATION`);
    // What each capability writes is all there: the request closed, the question, the benefit, the one SMS.
    expect((await item(`C#quito#REQ#${requestId}`, 'REQUEST'))?.status).toBe('closed');
    const question = await item(`C#quito#REF#${referralId}`, 'CONFIRMATION');
    expect(question).toMatchObject({ askedBy: 'sms', status: 'pending' });
    expect(question?.smsSentAt).toBeDefined();
    const sms = rt.sns.outbox({ referral: reference }).filter((m) => m.to === CITIZEN && m.channel === 'sms');
    expect(sms).toHaveLength(1);
    const write = sent.find((c) => c.operation === 'TransactWriteItems') as SentCall;
    expect(JSON.stringify(write.body)).toContain('citizen-benefit');
  });
});

describe('the protocols in force a container keeps', () => {
  const partition = 'C#quito#PROTOCOL#urgent#home-destroyed';

  async function newRequest() {
    const { classification: _ignored, ...unclassified } = intakeBody();
    const request = await rt.api('POST', '/cantons/quito/requests', { token: operator, body: unclassified });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    return request.body.requestId as string;
  }

  async function classify(requestId: string): Promise<SentCall[]> {
    return calls.during(async () => {
      const answer = await rt.api('PUT', `/cantons/quito/requests/${requestId}/classification`, {
        token: operator,
        body: { category: 'urgent', subcategory: 'home-destroyed' },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    });
  }

  const classifiedUnder = async (requestId: string) =>
    (await item(`C#quito#REQ#${requestId}`, 'REQUEST'))?.protocol?.version as number | undefined;

  /** The stored version items of the partition, the latest last. */
  async function storedVersions() {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: LOCAL_TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ConsistentRead: true,
      }),
    );
    return Items.sort((a, b) => Number(a.version) - Number(b.version));
  }
  const highestVersion = async () => Number((await storedVersions()).at(-1)?.version ?? 0);

  /** What another container's publication leaves in the table: the next version, in force from today. */
  async function publishedElsewhere(): Promise<number> {
    const latest = (await storedVersions()).at(-1) as Record<string, any>;
    const version = Number(latest.version) + 1;
    await db.send(
      new PutCommand({
        TableName: LOCAL_TABLE_NAME,
        Item: {
          ...latest,
          SK: `VERSION#${String(version).padStart(6, '0')}`,
          version,
          publishedAt: clock.now().toISOString(),
          GSI1SK: `urgent#home-destroyed#${String(version).padStart(6, '0')}`,
          definition: { ...latest.definition, validity: { from: quitoDay() } },
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return version;
  }

  it('are used without a read, each write checking that no later version exists', async () => {
    await classify(await newRequest());
    const sent = await classify(await newRequest());
    expect(sent.flatMap(readKeys)).not.toContain(`${partition}|*`);
    const write = sent.find((c) => c.operation === 'TransactWriteItems') as SentCall;
    const next = (await highestVersion()) + 1;
    expect(conditionChecks(write)).toContain(`${partition}|VERSION#${String(next).padStart(6, '0')}`);
  });

  it('give way at once to a version another container published: the next write uses it', async () => {
    const before = await newRequest();
    await classify(before);
    const kept = await classifiedUnder(before);
    const published = await publishedElsewhere();
    expect(published).toBe((kept ?? 0) + 1);

    const after = await newRequest();
    const sent = await classify(after);
    expect(await classifiedUnder(after)).toBe(published);
    // The write made on the kept copy failed its check and wrote nothing; the stored versions were read; again.
    expect(sent.filter((c) => c.operation === 'TransactWriteItems')).toHaveLength(2);
    expect(sent.flatMap(readKeys)).toContain(`${partition}|*`);
    const history = (await rt.api('GET', `/cantons/quito/requests/${after}`, { token: operator })).body
      .history;
    expect(history.filter((e: { action: string }) => e.action === 'classified')).toHaveLength(1);

    // And the copy kept now is the new one: no read, the new version.
    const next = await newRequest();
    const again = await classify(next);
    expect(again.flatMap(readKeys)).not.toContain(`${partition}|*`);
    expect(await classifiedUnder(next)).toBe(published);
  });

  const shown = async () => {
    const answer = await rt.api('GET', '/cantons/quito/protocols/urgent/home-destroyed', { token: officer });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const SHELTER = 'C#quito#SVC#psj-albergue-emergencias';

  it('are shown in one batch that checks no later version exists and reads the services they name', async () => {
    await shown();
    const sent = await calls.during(shown);
    expect(sent.map((c) => c.operation)).toEqual(['BatchGetItem']);
    const next = (await highestVersion()) + 1;
    expect(sent.flatMap(readKeys)).toEqual(
      expect.arrayContaining([`${partition}|VERSION#${String(next).padStart(6, '0')}`, `${SHELTER}|SERVICE`]),
    );
  });

  it('are shown anew at once after another container published a version', async () => {
    const before = await shown();
    const published = await publishedElsewhere();
    expect(before.inForce.version).toBe(published - 1);
    const after = await shown();
    expect(after.inForce).toMatchObject({ cantonId: 'quito', version: published });
    expect(after.versions.map((v: { version: number }) => v.version)).toContain(published);
  });

  it('show at once a service another container renamed', async () => {
    const before = await shown();
    const name = (body: any) =>
      body.referralTargets.services.find(
        (s: { serviceId: string }) => s.serviceId === 'psj-albergue-emergencias',
      )?.name;
    const original = name(before);
    expect(original).toBeDefined();
    const rename = (to: string) =>
      db.send(
        new UpdateCommand({
          TableName: LOCAL_TABLE_NAME,
          Key: { PK: SHELTER, SK: 'SERVICE' },
          UpdateExpression: 'SET #name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': to },
        }),
      );
    await rename('Albergue de emergencias renovado');
    try {
      expect(name(await shown())).toBe('Albergue de emergencias renovado');
    } finally {
      await rename(original);
    }
  });
});

describe('a referral of a citizen found in the registry at intake', () => {
  const PERSON = 'C#national#REGISTRY#PERSON#';
  const household = (id: string) => `C#national#REGISTRY#HH#${id}|HOUSEHOLD`;

  /** Records a request of the citizen (in the registry) and returns it with the calls its recording made. */
  async function recorded() {
    let requestId = '';
    const sent = await calls.during(async () => {
      const request = await rt.api('POST', '/cantons/quito/requests', { token: officer, body: intakeBody() });
      expect(request.status, JSON.stringify(request.body)).toBe(201);
      expect(request.body).not.toHaveProperty('registryHouseholdId');
      requestId = request.body.requestId;
    });
    return { requestId, sent };
  }
  const referralReads = async (requestId: string) =>
    (
      await calls.during(async () => {
        const made = await rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
          token: officer,
          body: { serviceId: 'psj-albergue-emergencias' },
        });
        expect(made.status, JSON.stringify(made.body)).toBe(201);
      })
    ).map(readKeys);

  it('reads their household in the same batch as their registry record', async () => {
    const batches = await referralReads((await recorded()).requestId);
    const withPerson = batches.find((keys) => keys.some((k) => k.startsWith(PERSON)));
    expect(withPerson).toContain(household('HH-UIO-000000'));
    expect(batches.flat().filter((k) => k === household('HH-UIO-000000'))).toHaveLength(1);
  });

  it('reads the household the registry names now when the citizen moved since', async () => {
    const { requestId, sent } = await recorded();
    const personKey = sent.flatMap(readKeys).find((k) => k.startsWith(PERSON)) as string;
    const [PK, SK] = personKey.split('|') as [string, string];
    const moveTo = (householdId: string) =>
      db.send(
        new UpdateCommand({
          TableName: LOCAL_TABLE_NAME,
          Key: { PK, SK },
          UpdateExpression: 'SET householdId = :h',
          ExpressionAttributeValues: { ':h': householdId },
        }),
      );
    // A registry update made elsewhere between the intake and the referral.
    await moveTo('HH-UIO-000001');
    try {
      expect((await referralReads(requestId)).flat()).toContain(household('HH-UIO-000001'));
    } finally {
      await moveTo('HH-UIO-000000');
    }
  });
});
