import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { LinkBrowser, until, verificationCodeFor } from '../support/link-client.js';
import { placeOf, type ProblemError } from '../support/problems.js';

let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let officer: string;
let contact: string;

/** Rosa Guamán (68, extreme poverty, a household of two in the demo registry). */
const ROSA = '1710034065';
const DAY_CENTRE = 'mies9-gerontologico-diurno';
const PROVIDER = 'mies-zonal-9';
/** Her notices go by e-mail, to the topic's subscriber for her user. */
const SONIA = 'uio.enlace.ssimbana';

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  contact = await rt.token('contact-officer', 'quito', 'uio.enlace.ssimbana');
});
afterAll(() => rt.stop());

async function referRosa() {
  const recorded = await rt.api('POST', '/cantons/quito/requests', {
    token: officer,
    body: {
      channel: 'walk-in',
      citizen: { identification: 'national-id', nationalId: ROSA },
      contact: { phone: '+593991234567' },
      description: 'Busca un centro diurno',
      classification: { category: 'special-needs', subcategory: 'older-adults' },
      consent: { dataSharing: 'given' },
    },
  });
  expect(recorded.status).toBe(201);
  const referred = await rt.api('POST', `/cantons/quito/requests/${recorded.body.requestId}/referrals`, {
    token: officer,
    body: { serviceId: DAY_CENTRE },
  });
  expect(referred.status).toBe(201);
  return {
    requestId: recorded.body.requestId as string,
    referralId: referred.body.referralId as string,
    reference: referred.body.reference as string,
  };
}
const consent = (requestId: string, decision: 'given' | 'withdrawn', organizationId = PROVIDER) =>
  rt.api('POST', '/cantons/quito/registry/sharing-consents', {
    token: officer,
    body: { requestId, organizationId, decision },
  });
const referralAs = async (referralId: string, token = contact) =>
  (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token })).body;

async function auditOfToday() {
  const day = new Date().toISOString().slice(0, 10);
  const { Items } = await db.send(
    new QueryCommand({
      TableName: 'swcs',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `C#quito#AUDIT#${day}` },
    }),
  );
  return Items ?? [];
}

describe("a provider's contact officer and the registry", () => {
  it('sees no registry data without the citizen’s consent for that provider', async () => {
    const { requestId, referralId } = await referRosa();
    expect((await referralAs(referralId)).registry).toBeUndefined();
    // Consent for another provider opens nothing here.
    expect((await consent(requestId, 'given', 'fundacion-rutas-de-acogida')).status).toBe(200);
    expect((await referralAs(referralId)).registry).toBeUndefined();
  });

  it('with it, sees the household size and the facts the eligibility rule uses, nothing else; audited', async () => {
    const { requestId, referralId } = await referRosa();
    const given = await consent(requestId, 'given');
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ requestId, organizationId: PROVIDER, decision: 'given' });
    expect(JSON.stringify(given.body)).not.toContain(ROSA);
    const shown = (await referralAs(referralId)).registry;
    expect(shown).toEqual({
      inRegistry: true,
      householdSize: 2,
      facts: { age: 68, povertyClassification: 'extreme-poverty' },
      consentedAt: given.body.recordedAt,
    });
    const reads = (await auditOfToday()).filter((a) => a.action === 'registry.shared.read');
    expect(reads.at(-1)).toMatchObject({
      actor: { userId: 'uio.enlace.ssimbana' },
      target: { type: 'citizen' },
      details: { referralId, organizationId: PROVIDER, attributes: ['age', 'povertyClassification'] },
    });
    expect(JSON.stringify(reads)).not.toContain(ROSA);
    // The referring officer's view of the referral is unchanged: they screen the citizen instead.
    expect((await referralAs(referralId, officer)).registry).toBeUndefined();
    // A withdrawal closes it again.
    expect((await consent(requestId, 'withdrawn')).status).toBe(200);
    expect((await referralAs(referralId)).registry).toBeUndefined();
  });

  it('sees it on the phone page too, once the device is verified', async () => {
    const { requestId, reference } = await referRosa();
    const link = await until(() => {
      const message = rt.sns.outbox({ referral: reference }).find((m) => m.to === SONIA);
      const url = message?.message.match(/https?:\/\/\S+\/r\/[0-9A-Za-z]{11}/)?.[0];
      return url ? new URL(url).pathname : undefined;
    }, 'the link to the contact officer');
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    expect((await phone.post(link, { intent: 'send-code' })).status).toBe(200);
    const code = await until(() => verificationCodeFor(rt, SONIA), 'the code');
    expect((await phone.post(link, { intent: 'verify', code })).status).toBe(303);
    const before = await phone.open(link);
    expect(before.status).toBe(200);
    expect(before.text).not.toContain('Registro Social');
    expect((await consent(requestId, 'given')).status).toBe(200);
    const after = await phone.open(link);
    expect(after.text).toContain('Registro Social');
    expect(after.text).toContain('Personas en el hogar');
    expect(after.text).toContain('pobreza extrema');
    expect(after.text).not.toMatch(/ingreso|income/i);

    // The counter-referral from the phone says what she received: it is recorded among her local benefits.
    expect((await phone.post(link, { intent: 'act', action: 'acknowledge' })).status).toBe(303);
    expect((await phone.post(link, { intent: 'act', action: 'accept' })).status).toBe(303);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(new Date());
    const form = {
      intent: 'act',
      action: 'complete',
      'cr.assisted': 'true',
      'cr.outcome': 'Inscrita en el centro diurno',
      'cr.dateServed': today,
      'cr.reasonCode': 'other',
      'cr.reasonText': 'Atendida',
      'cr.note': 'Asiste de lunes a viernes',
    };
    const noAmount = await phone.post(link, { ...form, 'cr.benefitKind': 'cash' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.text).toMatch(/name="cr.benefitAmount"\s+aria-invalid="true"/);
    const done = await phone.post(link, { ...form, 'cr.benefitKind': 'cash', 'cr.benefitAmount': '25' });
    expect(done.status).toBe(303);
    const screening = await rt.api('POST', '/cantons/quito/registry/screenings', {
      token: officer,
      body: { nationalId: ROSA, purpose: 'case-management' },
    });
    expect(screening.body.benefits.local).toContainEqual(
      expect.objectContaining({ kind: 'cash', amount: 25, serviceId: DAY_CENTRE }),
    );
  });

  it('refuses a consent for a request without a national ID, or for an unknown provider', async () => {
    const provisional = await rt.api('POST', '/cantons/quito/requests', {
      token: officer,
      body: {
        channel: 'walk-in',
        citizen: { identification: 'provisional', name: { given: 'Yorman', family: 'Díaz' } },
        contact: { phone: '+593960001122' },
        description: 'Orientación',
        consent: { dataSharing: 'given' },
      },
    });
    expect((await consent(provisional.body.requestId, 'given')).status).toBe(409);
    const { requestId } = await referRosa();
    const unknown = await consent(requestId, 'given', 'no-such-provider');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: ProblemError) => placeOf(e))).toEqual(['organizationId']);
  });
});
