import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, loadOrCreateSigningKeys } from '../../lib/local/tokens.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { at, type ProblemError, placeOf } from '../support/problems.js';

let rt: TestRuntime;
let operator: string;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  rt = await startTestRuntime();
  operator = await rt.token('operator', 'quito');
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
});
afterAll(() => rt.stop());

/** How many requests the canton holds: bad input must leave it unchanged. */
async function requestCount(cantonId = 'quito') {
  const { Count } = await db.send(
    new QueryCommand({
      TableName: 'swcs',
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `C#${cantonId}#REQUESTS` },
      Select: 'COUNT',
    }),
  );
  return Count ?? 0;
}

const post = (body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) =>
  rt.api('POST', '/cantons/quito/requests', {
    token: options.token ?? operator,
    body,
    headers: options.headers,
  });

/** Sends a bad body and checks: 400, the field is named with a problem, and nothing was stored. */
async function refused(body: unknown, field: string, problem?: RegExp) {
  const before = await requestCount();
  const answer = await post(body);
  expect(answer.status).toBe(400);
  expect(answer.body.code).toBe('invalid_input');
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const detail = answer.body.errors.find((e: ProblemError) => placeOf(e) === field);
  expect(detail, `errors: ${JSON.stringify(answer.body.errors)}`).toMatchObject(at(field));
  if (problem) expect(detail.detail).toMatch(problem);
  expect(await requestCount()).toBe(before);
  return answer;
}

describe('bad input gets a 4xx naming the field, and changes nothing', () => {
  it('malformed JSON', async () => {
    const before = await requestCount();
    const answer = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      rawBody: '{"channel": "phone",',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toEqual({ pointer: '', detail: expect.stringMatching(/JSON/) });
    expect(await requestCount()).toBe(before);
  });

  it('wrong content type', async () => {
    const answer = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      rawBody: JSON.stringify(intakeBody()),
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.errors[0].parameter).toBe('Content-Type');
  });

  it('missing, extra and mistyped fields', async () => {
    const { description: _d, ...withoutDescription } = intakeBody();
    await refused(withoutDescription, 'description');
    await refused({ ...intakeBody(), priority: 'now' }, 'priority', /desconocido/);
    await refused(intakeBody({ urgency: 5 }), 'urgency');
    await refused(intakeBody({ channel: 'telegram' }), 'channel');
    await refused(intakeBody({ consent: {} }), 'consent.dataSharing');
    await refused(intakeBody({ contact: {} }), 'contact', /teléfono o un correo/);
    await refused(intakeBody({ contact: { phone: '0991234567' } }), 'contact.phone', /E\.164/);
  });

  it('a cédula with a wrong check digit or province', async () => {
    const citizen = (nationalId: string) => ({ identification: 'national-id', nationalId });
    await refused(intakeBody({ citizen: citizen('1710034066') }), 'citizen.nationalId', /dígito verificador/);
    await refused(intakeBody({ citizen: citizen('2710034065') }), 'citizen.nationalId', /provincia/);
    await refused(intakeBody({ citizen: citizen('17100340') }), 'citizen.nationalId', /10 dígitos/);
  });

  it('an unknown category, or a subcategory not under the given category', async () => {
    await refused(
      intakeBody({ classification: { category: 'parking', subcategory: 'tickets' } }),
      'classification.category',
      /categoría desconocida "parking"/,
    );
    await refused(
      intakeBody({ classification: { category: 'urgent', subcategory: 'housing' } }),
      'classification.subcategory',
      /"housing" no es una subcategoría de "urgent"/,
    );
  });

  it('a category the canton has not enabled', async () => {
    const token = await rt.token('operator', 'santa-cruz');
    const answer = await rt.api('POST', '/cantons/santa-cruz/requests', {
      token,
      body: intakeBody({ classification: { category: 'information-update', subcategory: 'income-change' } }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].pointer).toBe('/classification/category');
    expect(await requestCount('santa-cruz')).toBe(0);
  });

  it('a body over the size limit', async () => {
    const before = await requestCount();
    const answer = await post(intakeBody({ description: 'x'.repeat(70 * 1024) }));
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0].pointer).toBe('');
    expect(await requestCount()).toBe(before);
  });

  it('problems in English when asked', async () => {
    const answer = await post(
      intakeBody({ citizen: { identification: 'national-id', nationalId: '1710034066' } }),
      {
        headers: { 'accept-language': 'en' },
      },
    );
    expect(answer.body.errors[0].detail).toBe('the check digit is wrong');
  });

  it('an unknown canton, and a token for another canton, both get the same 404', async () => {
    const unknown = await rt.api('POST', '/cantons/atlantis/requests', {
      token: operator,
      body: intakeBody(),
    });
    expect(unknown.status).toBe(404);
    const cuencaToken = await rt.token('operator', 'cuenca');
    const foreign = await rt.api('POST', '/cantons/quito/requests', {
      token: cuencaToken,
      body: intakeBody(),
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');

    const { body: created } = await post(intakeBody());
    const peek = await rt.api('GET', `/cantons/quito/requests/${created.requestId}`, { token: cuencaToken });
    expect(peek.status).toBe(404);
    const viaOwnCanton = await rt.api('GET', `/cantons/cuenca/requests/${created.requestId}`, {
      token: cuencaToken,
    });
    expect(viaOwnCanton.status).toBe(404);
  });

  it('a token whose roles do not allow the action: 403 naming the allowed roles', async () => {
    const auditor = await rt.token('auditor', 'quito');
    const before = await requestCount();
    const answer = await post(intakeBody(), { token: auditor });
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toMatch(/operator, swcs-officer/);
    expect(await requestCount()).toBe(before);
  });

  it('no token, a forged token and an expired token: 401', async () => {
    expect((await rt.api('GET', '/cantons/quito/requests')).status).toBe(401);
    expect((await rt.api('GET', '/cantons/quito/requests', { token: 'not.a.jwt' })).status).toBe(401);
    const otherKeys = await loadOrCreateSigningKeys(`${rt.dataDir}/other`);
    const forged = await issueToken(otherKeys, { userId: 'x', cantonId: 'quito', roles: ['coordinator'] });
    expect((await rt.api('GET', '/cantons/quito/requests', { token: forged })).status).toBe(401);
    const expired = await issueToken(rt.keys, {
      userId: 'x',
      cantonId: 'quito',
      roles: ['coordinator'],
      ttlSeconds: -10,
    });
    expect((await rt.api('GET', '/cantons/quito/requests', { token: expired })).status).toBe(401);
  });

  it('mistyped list filters and path ids', async () => {
    const limit = await rt.api('GET', '/cantons/quito/requests?limit=500', { token: operator });
    expect(limit.status).toBe(400);
    expect(limit.body.errors[0].parameter).toBe('limit');
    const range = await rt.api('GET', '/cantons/quito/requests?from=2026-12-01&to=2026-11-01', {
      token: operator,
    });
    expect(range.body.errors[0].parameter).toBe('to');
    const unknownFilter = await rt.api('GET', '/cantons/quito/requests?colour=red', { token: operator });
    expect(unknownFilter.status).toBe(400);
    const badId = await rt.api('GET', '/cantons/quito/requests/not-an-id', { token: operator });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].parameter).toBe('requestId');
    const missing = await rt.api('GET', '/cantons/quito/requests/01JDA6Z8Y3N5Q2W4E6R8T0Y2V4', {
      token: operator,
    });
    expect(missing.status).toBe(404);
  });
});

describe('audit trail', () => {
  it('records every read and write of a request, naming actor and record but no personal data', async () => {
    const { body: created } = await post(intakeBody());
    await rt.api('GET', `/cantons/quito/requests/${created.requestId}`, { token: operator });
    const day = new Date().toISOString().slice(0, 10);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: 'swcs',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `C#quito#AUDIT#${day}` },
      }),
    );
    const mine = Items.filter((i) => i.target?.id === created.requestId);
    expect(mine.map((i) => i.action)).toEqual(['request.record', 'request.read']);
    expect(mine[0]).toMatchObject({ actor: { userId: 'uio.operador1', roles: ['operator'] } });
    const text = JSON.stringify(Items);
    for (const personal of ['1710034065', 'Guamán', '+593991234567']) expect(text).not.toContain(personal);
  });
});
