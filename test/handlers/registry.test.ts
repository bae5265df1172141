import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryHousehold } from '../../functions/domain/registry.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { at, placeOf, type ProblemError } from '../support/problems.js';
import { DynamoCalls, readKeys } from '../support/dynamo-calls.js';
import { citizenDigest } from '../../functions/adapters/secrets/national-id-key.js';

let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let operator: string;
let officer: string;
let caseManager: string;
let admin: string;
let calls: DynamoCalls;

/** Rosa Guamán's household in the demo registry (the README's walk-through). */
const ROSA = '1710034065';
/** A valid cédula that no household of the demo registry has. */
const NOT_REGISTERED = '0926687856';
const demo = readFileSync(new URL('../../registry/demo-registry.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as RegistryHousehold);

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  caseManager = await rt.token('case-manager', 'quito', 'uio.gestora');
  admin = await rt.token('admin', 'national', 'nat.admin');
  calls = await DynamoCalls.install();
});
afterAll(() => rt.stop());

const screen = (body: unknown, token = officer) =>
  rt.api('POST', '/cantons/quito/registry/screenings', { token, body });

async function auditOfToday(cantonId: string) {
  const day = new Date().toISOString().slice(0, 10);
  const { Items } = await db.send(
    new QueryCommand({
      TableName: 'swcs',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `C#${cantonId}#AUDIT#${day}` },
    }),
  );
  return Items ?? [];
}

describe('screening a citizen by national ID', () => {
  it('shows an officer the household, benefits and the services the registry data makes them eligible for', async () => {
    const answer = await screen({ nationalId: ROSA, purpose: 'intake' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      view: 'full',
      inRegistry: true,
      household: {
        householdId: 'HH-UIO-000000',
        address: { canton: 'quito', parish: 'Chillogallo' },
        classification: { level: 'extreme-poverty' },
      },
      benefits: {
        national: [{ memberId: '1', benefit: 'bono-desarrollo-humano', name: 'Bono de Desarrollo Humano' }],
      },
    });
    expect(answer.body.household.members).toHaveLength(2);
    expect(answer.body.household.members[0]).toMatchObject({
      givenNames: 'Rosa',
      screened: true,
      relationship: 'head',
    });
    expect(answer.body.household.members[0].age).toBeGreaterThanOrEqual(68);
    // Eligible because of the registry's age and classification, not anything typed.
    expect(answer.body.eligibility.profile).toMatchObject({
      povertyClassification: 'extreme-poverty',
      registryStatus: 'registered',
      receivesBdh: true,
      householdSize: 2,
    });
    const eligible = answer.body.eligibility.eligible.map((s: { serviceId: string }) => s.serviceId);
    expect(eligible).toContain('mies9-gerontologico-diurno');
    const children = answer.body.eligibility.ineligible.find(
      (s: { serviceId: string }) => s.serviceId === 'junta-uio-medidas-ninez',
    );
    expect(children.unmet[0]).toMatchObject({ attribute: 'age', reason: 'not-met' });
  });

  it('shows an operator only whether the person is in the registry and the household size', async () => {
    const answer = await screen({ nationalId: ROSA, purpose: 'intake' }, operator);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ view: 'presence', inRegistry: true, householdSize: 2 });
    const absent = await screen({ nationalId: NOT_REGISTERED, purpose: 'intake' }, operator);
    expect(absent.body).toEqual({ view: 'presence', inRegistry: false });
  });

  it('says someone is not in the registry, with the next step, and uses what they declare', async () => {
    const answer = await screen(
      { nationalId: NOT_REGISTERED, purpose: 'referral', declared: { age: 70, sex: 'female' } },
      caseManager,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      view: 'not-registered',
      inRegistry: false,
      nextStep: { serviceId: 'registro-social-actualizacion' },
    });
    expect(answer.body.eligibility.declared.sort()).toEqual(['age', 'sex']);
    expect(answer.body.eligibility.eligible.map((s: { serviceId: string }) => s.serviceId)).toContain(
      'psj-60-y-piquito',
    );
  });

  it('never lets a declared value override the registry', async () => {
    const answer = await screen({
      nationalId: ROSA,
      purpose: 'intake',
      declared: { age: 30, pregnant: true },
    });
    expect(answer.body.eligibility.profile.age).toBeGreaterThanOrEqual(68);
    expect(answer.body.eligibility.declared).toEqual(['pregnant']);
  });

  it("lists the citizen's requests and referrals in this canton, and who has looked at the file", async () => {
    const recorded = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({
        citizen: {
          identification: 'national-id',
          nationalId: ROSA,
          name: { given: 'Rosa', family: 'Guamán' },
        },
      }),
    });
    expect(recorded.status).toBe(201);
    const answer = await screen({ nationalId: ROSA, purpose: 'case-management' }, caseManager);
    expect(answer.body.activity.requests.map((r: { requestId: string }) => r.requestId)).toContain(
      recorded.body.requestId,
    );
    expect(answer.body.viewedBy[0]).toMatchObject({ userId: 'uio.gestora', purpose: 'case-management' });
    expect(answer.body.viewedBy.map((v: { userId: string }) => v.userId)).toContain('uio.operador1');
  });

  it('leaves an audit record of every screening: who, whom (by digest), when, why', async () => {
    const before = (await auditOfToday('quito')).filter((a) => a.action === 'registry.screening').length;
    await screen({ nationalId: ROSA, purpose: 'information-update' });
    await screen({ nationalId: NOT_REGISTERED, purpose: 'intake' }, operator);
    const screenings = (await auditOfToday('quito')).filter((a) => a.action === 'registry.screening');
    expect(screenings.length).toBe(before + 2);
    const last = screenings.find((a) => a.details.purpose === 'information-update');
    expect(last).toMatchObject({ actor: { userId: 'uio.tecnica1' }, target: { type: 'citizen' } });
    expect(JSON.stringify(screenings)).not.toContain(ROSA);
  });

  it('refuses a screening without a purpose, or with a bad cédula, naming the field', async () => {
    const noPurpose = await screen({ nationalId: ROSA });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.errors.map((e: ProblemError) => placeOf(e))).toEqual(['purpose']);
    const badId = await screen({ nationalId: '1710034066', purpose: 'intake' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]).toMatchObject(at('nationalId'));
  });

  it('refuses a role that may not screen (403), and another canton (404)', async () => {
    const contact = await rt.token('contact-officer', 'quito', 'uio.enlace.dchavez');
    expect((await screen({ nationalId: ROSA, purpose: 'intake' }, contact)).status).toBe(403);
    const auditor = await rt.token('auditor', 'quito');
    expect((await screen({ nationalId: ROSA, purpose: 'intake' }, auditor)).status).toBe(403);
    const cuenca = await rt.token('swcs-officer', 'cuenca');
    expect((await screen({ nationalId: ROSA, purpose: 'intake' }, cuenca)).status).toBe(404);
  });
});

describe('benefits delivered locally', () => {
  it('records a canton benefit and shows it in the screening', async () => {
    const recorded = await rt.api('POST', '/cantons/quito/registry/benefits', {
      token: officer,
      body: {
        nationalId: ROSA,
        program: 'Canasta solidaria',
        serviceId: 'baq-canasta-solidaria',
        deliveredOn: '2026-11-20',
        kind: 'in-kind',
        amount: 35,
        description: 'Canasta de víveres',
      },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ cantonId: 'quito', kind: 'in-kind', recordedBy: 'uio.tecnica1' });
    expect(JSON.stringify(recorded.body)).not.toContain(ROSA);
    const answer = await screen({ nationalId: ROSA, purpose: 'case-management' });
    expect(answer.body.benefits.local.map((b: { benefitId: string }) => b.benefitId)).toContain(
      recorded.body.benefitId,
    );
  });

  it('refuses a cash benefit without its amount', async () => {
    const refused = await rt.api('POST', '/cantons/quito/registry/benefits', {
      token: officer,
      body: { nationalId: ROSA, program: 'Bono municipal', deliveredOn: '2026-11-20', kind: 'cash' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject(at('amount'));
  });
});

describe("the ministry's batch update", () => {
  const household = (overrides: Partial<RegistryHousehold> = {}): RegistryHousehold => ({
    householdId: 'HH-TEST-000001',
    address: { province: 'Azuay', canton: 'cuenca', parish: 'El Vecino' },
    contact: { phone: '+593987654321' },
    classification: { level: 'poverty', score: 28.5, surveyDate: '2025-06-01' },
    members: [
      {
        memberId: '1',
        nationalId: '0102030400',
        givenNames: 'Carmen',
        familyNames: 'Naula Pesántez',
        birthDate: '1980-02-10',
        sex: 'female',
        relationship: 'head',
        nationality: 'Ecuatoriana',
        education: 'secondary',
        employed: true,
        occupation: 'costurera',
        incomeBracket: 'up-to-basic-wage',
        pensions: [],
        benefits: [],
      },
    ],
    ...overrides,
  });
  const send = (households: unknown[], token = admin, cantonId = 'national') =>
    rt.api('POST', `/cantons/${cantonId}/registry/households`, { token, body: { households } });

  it('writes households once: the same batch again changes nothing', async () => {
    const first = await send([household()]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ written: 1, unchanged: 0 });
    expect((await send([household()])).body).toEqual({ written: 0, unchanged: 1 });
    const cuenca = await rt.token('swcs-officer', 'cuenca');
    const answer = await rt.api('POST', '/cantons/cuenca/registry/screenings', {
      token: cuenca,
      body: { nationalId: '0102030400', purpose: 'intake' },
    });
    expect(answer.body.household.householdId).toBe('HH-TEST-000001');
  });

  it('refuses a national ID that belongs to another stored household (409, nothing written)', async () => {
    const rosaAgain = household({ householdId: 'HH-TEST-000002' });
    (rosaAgain.members[0] as { nationalId: string }).nationalId = ROSA;
    const refused = await send([rosaAgain]);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject(at('households.0.members.0.nationalId'));
    expect(refused.body.errors[0].detail).toContain('HH-UIO-000000');
  });

  it('names every bad field of the batch and writes nothing', async () => {
    const bad = household({
      householdId: 'HH-TEST-000003',
      address: { province: 'Azuay', canton: 'cuenca', parish: 'Chillogallo' },
    });
    (bad.members[0] as { birthDate: string }).birthDate = '2999-01-01';
    const unknownCanton = household({
      householdId: 'HH-TEST-000004',
      address: { province: 'Manabí', canton: 'manta', parish: 'Tarqui' },
    });
    (unknownCanton.members[0] as { nationalId: string }).nationalId = '1710034065';
    const badCedula = household({ householdId: 'HH-TEST-000005' });
    (badCedula.members[0] as { nationalId: string }).nationalId = '0102030406';
    const refused = await send([bad, unknownCanton, badCedula]);
    expect(refused.status).toBe(400);
    const places = refused.body.errors.map((e: ProblemError) => placeOf(e));
    expect(places).toEqual(expect.arrayContaining(['households.2.members.0.nationalId']));
    // The schema refuses the bad cédula first; the cross-field rules then name the others.
    const crossField = await send([bad, unknownCanton]);
    expect(crossField.status).toBe(400);
    expect(crossField.body.errors.map((e: ProblemError) => placeOf(e)).sort()).toEqual([
      'households.0.address.parish',
      'households.0.members.0.birthDate',
      'households.1.address.canton',
    ]);
    const duplicated = await send([
      household({ householdId: 'HH-TEST-000006' }),
      household({ householdId: 'HH-TEST-000007' }),
    ]);
    expect(duplicated.status).toBe(400);
    expect(duplicated.body.errors.map((e: ProblemError) => placeOf(e))).toEqual([
      'households.1.members.0.nationalId',
    ]);
    const stored = await db.send(
      new QueryCommand({
        TableName: 'swcs',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'C#national#REGISTRY#HH#HH-TEST-000003' },
      }),
    );
    expect(stored.Count).toBe(0);
  });

  const imports = async () =>
    (await auditOfToday('national')).filter((a) => a.action === 'registry.import').length;
  const storedHousehold = async (householdId: string) =>
    (
      await db.send(
        new GetCommand({
          TableName: 'swcs',
          Key: { PK: `C#national#REGISTRY#HH#${householdId}`, SK: 'HOUSEHOLD' },
          ConsistentRead: true,
        }),
      )
    ).Item;

  it('reads households with their people in one call and writes each with the audit record in one transaction', async () => {
    const newcomer = household({ householdId: 'HH-TEST-000010' });
    (newcomer.members[0] as { nationalId: string }).nationalId = '0102030418';
    const before = await imports();
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    const sent = await calls.during(async () => {
      answer = await send([newcomer]);
    });
    expect(answer?.status, JSON.stringify(answer?.body)).toBe(200);
    expect(answer?.body).toEqual({ written: 1, unchanged: 0 });
    expect(sent.map((c) => c.operation)).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const person = `C#national#REGISTRY#PERSON#${await citizenDigest('0102030418')}|PERSON`;
    expect(readKeys(sent[0]!).sort()).toEqual(
      ['C#national#REGISTRY#HH#HH-TEST-000010|HOUSEHOLD', person].sort(),
    );
    const written = sent[1]!.body.TransactItems.map((t: any) => t.Put?.Item.entity?.S);
    expect(written.sort()).toEqual(['audit', 'registry-household', 'registry-person']);
    expect(await imports()).toBe(before + 1);
    const audit = (await auditOfToday('national')).findLast((a) => a.action === 'registry.import');
    expect(audit?.details).toEqual({ households: 1, written: 1, unchanged: 0 });

    // Nothing to write: the read, and the audit record of the import alone.
    const again = await calls.during(() => send([newcomer]));
    expect(again.map((c) => c.operation)).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(await imports()).toBe(before + 2);
  });

  it('reads a large batch in two steps, the people of changed households only, and audits it with the last', async () => {
    /** A valid cédula of Azuay (province 01) from a serial: the check digit as the Registro Civil computes it. */
    const cedula = (serial: number) => {
      const nine = `01${String(5_000_000 + serial).padStart(7, '0')}`;
      const sum = [...nine].reduce((n, d, i) => {
        const p = Number(d) * (i % 2 === 0 ? 2 : 1);
        return n + (p > 9 ? p - 9 : p);
      }, 0);
      return `${nine}${(10 - (sum % 10)) % 10}`;
    };
    // 60 households of one member: 120 keys, more than one BatchGetItem holds.
    const batch = Array.from({ length: 60 }, (_, i) => {
      const h = household({ householdId: `HH-TEST-1${String(i).padStart(5, '0')}` });
      (h.members[0] as { nationalId: string }).nationalId = cedula(i);
      return h;
    });
    const before = await imports();
    const sent = await calls.during(async () => {
      const answer = await send(batch);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toEqual({ written: 60, unchanged: 0 });
    });
    const reads = sent.filter((c) => c.operation === 'BatchGetItem').map(readKeys);
    expect(reads.map((keys) => keys.length)).toEqual([60, 60]);
    const writes = sent.filter((c) => c.operation === 'TransactWriteItems');
    expect(writes).toHaveLength(60);
    const audited = (c: (typeof sent)[number]) =>
      c.body.TransactItems.some((t: any) => t.Put?.Item.entity?.S === 'audit');
    expect(writes.filter(audited)).toEqual([sent.at(-1)]);
    expect(await imports()).toBe(before + 1);

    // The same batch again: the households alone are read, and the audit record is written alone.
    const again = await calls.during(() => send(batch));
    expect(again.map((c) => c.operation)).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(readKeys(again[0]!)).toHaveLength(60);
  });

  it('writes neither a household nor the audit record when its transaction fails', async () => {
    const late = household({ householdId: 'HH-TEST-000011' });
    (late.members[0] as { nationalId: string }).nationalId = '0102030426';
    const digest = await citizenDigest('0102030426');
    const before = await imports();
    // Between the batch's read and its write, another household takes the member (a registry update elsewhere).
    calls.afterNext('BatchGetItem', async () => {
      await db.send(
        new PutCommand({
          TableName: 'swcs',
          Item: {
            PK: `C#national#REGISTRY#PERSON#${digest}`,
            SK: 'PERSON',
            entity: 'registry-person',
            householdId: 'HH-TEST-000099',
            memberId: '1',
          },
        }),
      );
    });
    const answer = await send([late]);
    expect(answer.status).toBe(500);
    expect(await storedHousehold('HH-TEST-000011')).toBeUndefined();
    expect(await imports()).toBe(before);
  });

  it('is for the national level only, and for its admins and coordinators', async () => {
    const coordinator = await rt.token('coordinator', 'quito');
    expect((await send([household()], coordinator, 'quito')).status).toBe(404);
    const officerNational = await rt.token('swcs-officer', 'national');
    expect((await send([household()], officerNational)).status).toBe(403);
  });

  it('has the demo registry: at least 500 households and 2,000 people over the demo cantons', () => {
    expect(demo.length).toBeGreaterThanOrEqual(500);
    expect(demo.reduce((n, h) => n + h.members.length, 0)).toBeGreaterThanOrEqual(2000);
    expect(new Set(demo.map((h) => h.address.canton))).toEqual(new Set(['quito', 'cuenca', 'santa-cruz']));
  });
});
