import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { LOCAL_TABLE_NAME, TIME_TO_LIVE_ATTRIBUTE } from '../../lib/table.js';
import { DynamoCalls } from '../support/dynamo-calls.js';
import { LinkBrowser, linkPathIn, until } from '../support/link-client.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Links that end: revoked by hand (the referring officer or a coordinator, through the API) they open a plain 410
 * page that names nothing; every link, verification code and session carries the table's time to live, so DynamoDB
 * deletes it after its expiry (checked on every read all the same).
 */
const PHONE = '+593997013486'; // Lorena Caiza, the shelter's contact officer
let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let officer: string;
let referral: { referralId: string; reference: string };
let link: string;
let calls: DynamoCalls;

const revoke = (token: string, body: unknown, referralId = referral.referralId) =>
  rt.api('POST', `/cantons/quito/referrals/${referralId}/link-revocation`, {
    token,
    body,
    headers: { 'idempotency-key': `k-${Math.random()}` },
  });

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  const request = await rt.api('POST', '/cantons/quito/requests', { token: officer, body: intakeBody() });
  const made = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
    token: officer,
    body: { serviceId: 'psj-albergue-emergencias' },
  });
  expect(made.status).toBe(201);
  referral = made.body;
  link = await until(() => linkPathIn(rt, referral.reference, PHONE), 'the SMS with its link');
  calls = await DynamoCalls.install();
});

afterAll(async () => {
  await rt?.stop();
});

describe('links that end', () => {
  it('carry the time to live on links, verification codes and sessions, past their expiry', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    await phone.post(link, { intent: 'send-code' });
    const byPrefix = async (prefix: string) => {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: LOCAL_TABLE_NAME,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': `C#quito#LINKS#REF#${referral.referralId}` },
        }),
      );
      return Items.filter((i) => String(i.PK).startsWith(prefix));
    };
    const links = await byPrefix('LINK#');
    expect(links.length).toBeGreaterThanOrEqual(1);
    for (const item of links) {
      expect(typeof item[TIME_TO_LIVE_ATTRIBUTE]).toBe('number');
      // Kept 30 days past the link's own expiry, so a late tap still says "expired".
      expect(item[TIME_TO_LIVE_ATTRIBUTE] * 1000).toBeGreaterThan(Date.parse(item.validUntil));
    }
    const { Items: codes = [] } = await db.send(
      new QueryCommand({
        TableName: LOCAL_TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'C#quito#LINK-RECIPIENT#psj-albergues' },
      }),
    );
    expect(codes).toHaveLength(1);
    expect(typeof codes[0]?.[TIME_TO_LIVE_ATTRIBUTE]).toBe('number');
    expect(codes[0]?.[TIME_TO_LIVE_ATTRIBUTE] * 1000).toBeGreaterThan(clock.now().getTime());
  });

  it('are revoked by the referring officer: a plain 410 that names nothing, audited with the reason', async () => {
    const other = await rt.token('swcs-officer', 'quito', 'uio.tecnico2');
    expect((await revoke(other, { reason: 'No es suya' })).status).toBe(403);
    expect((await revoke(officer, { reason: '' })).status).toBe(400);
    expect((await revoke(officer, { reason: 'ok', extra: 1 })).status).toBe(400);
    const cuenca = await rt.token('coordinator', 'cuenca');
    expect((await revoke(cuenca, { reason: 'Ajena' })).status).toBe(404);
    expect((await new LinkBrowser(rt).open(link)).status).toBe(200);

    const done = await revoke(officer, { reason: 'El SMS llegó a un teléfono equivocado' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.revoked).toBeGreaterThanOrEqual(2);
    const page = await new LinkBrowser(rt).open(link);
    expect(page.status).toBe(410);
    expect(page.text).toContain('ya no es válido');
    expect(page.text).not.toContain(referral.reference);
    // Again: nothing left to revoke.
    const coordinator = await rt.token('coordinator', 'quito');
    expect((await revoke(coordinator, { reason: 'Otra vez' })).body.revoked).toBe(0);
    const day = clock.now().toISOString().slice(0, 10);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: LOCAL_TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `C#quito#AUDIT#${day}` },
      }),
    );
    expect(
      Items.some(
        (i) =>
          i.action === 'referral.links-revoke' &&
          i.target?.id === referral.referralId &&
          i.details?.reason === 'El SMS llegó a un teléfono equivocado',
      ),
    ).toBe(true);
  });

  /** A new referral to the shelter, once its first notice (and so its links) went out. */
  async function referred() {
    const request = await rt.api('POST', '/cantons/quito/requests', { token: officer, body: intakeBody() });
    const made = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
      token: officer,
      body: { serviceId: 'psj-albergue-emergencias' },
    });
    expect(made.status).toBe(201);
    const path = await until(() => linkPathIn(rt, made.body.reference, PHONE), 'the SMS with its link');
    return { referralId: made.body.referralId as string, path };
  }
  const linksOf = async (referralId: string) =>
    (
      await db.send(
        new QueryCommand({
          TableName: LOCAL_TABLE_NAME,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': `C#quito#LINKS#REF#${referralId}` },
        }),
      )
    ).Items ?? [];
  const auditsOf = async (referralId: string) => {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: LOCAL_TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `C#quito#AUDIT#${clock.now().toISOString().slice(0, 10)}` },
      }),
    );
    return Items.filter((i) => i.action === 'referral.links-revoke' && i.target?.id === referralId);
  };
  // Without an Idempotency-Key: the calls counted are the operation's own.
  const revokeOnce = (referralId: string) =>
    rt.api('POST', `/cantons/quito/referrals/${referralId}/link-revocation`, {
      token: officer,
      body: { reason: 'Teléfono perdido' },
    });

  it('are revoked with their audit record in one transaction, after one read and one index query', async () => {
    const { referralId, path } = await referred();
    const links = await linksOf(referralId);
    let answer: Awaited<ReturnType<typeof revokeOnce>> | undefined;
    const sent = await calls.during(async () => {
      answer = await revokeOnce(referralId);
    });
    expect(answer?.status, JSON.stringify(answer?.body)).toBe(200);
    expect(answer?.body.revoked).toBe(links.length);
    // The revocation makes no single-item call: it reads in one batch and one Query and writes in one transaction.
    // Single-item calls can fall in this window on a slow machine and are not its own: a container re-reads the
    // canton's registration when its 5-minute copy has expired, and the referral workflow's step, in this process,
    // may still be finishing the first notice (its reads, its message log). The exact count, every call included, is
    // the quick bench's (revokeReferralLinks, on a quiet referral).
    const own = sent.filter((c) => !['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].includes(c.operation));
    expect(own.map((c) => c.operation)).toEqual(['BatchGetItem', 'Query', 'TransactWriteItems']);
    const items = own[2]?.body.TransactItems as any[];
    expect(items.filter((t) => t.Update?.UpdateExpression === 'SET revokedAt = :at')).toHaveLength(
      links.length,
    );
    expect(items.filter((t) => t.Put?.Item.entity?.S === 'audit')).toHaveLength(1);
    expect((await linksOf(referralId)).every((l) => l.revokedAt === answer?.body.at)).toBe(true);
    expect((await auditsOf(referralId)).map((a) => a.details.revoked)).toEqual([links.length]);
    expect((await new LinkBrowser(rt).open(path)).status).toBe(410);
  });

  it('revoked meanwhile by someone else, keep their first revocation and are not counted again', async () => {
    const { referralId } = await referred();
    const [first, ...others] = await linksOf(referralId);
    expect(first).toBeDefined();
    const earlier = new Date(clock.now().getTime() - 1000).toISOString();
    // Between the index query and the transaction, one link is revoked by another request.
    calls.afterNext('Query', async () => {
      await db.send(
        new UpdateCommand({
          TableName: LOCAL_TABLE_NAME,
          Key: { PK: first?.PK, SK: first?.SK },
          UpdateExpression: 'SET revokedAt = :at',
          ExpressionAttributeValues: { ':at': earlier },
        }),
      );
    });
    const answer = await revokeOnce(referralId);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.revoked).toBe(others.length);
    const after = await linksOf(referralId);
    expect(after.find((l) => l.PK === first?.PK)?.revokedAt).toBe(earlier);
    expect(after.filter((l) => l.PK !== first?.PK).every((l) => l.revokedAt === answer.body.at)).toBe(true);
    expect((await auditsOf(referralId)).map((a) => a.details.revoked)).toEqual([others.length]);
  });
});
