import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedContent, type SocialReport } from '../../functions/domain/social-report.js';
import type { Role } from '../../functions/model/roles.js';
import { checkedFetch } from '../support/conformance.js';
import { type ProblemError, placeOf } from '../support/problems.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let db: DynamoDBDocumentClient;
/** Quito's case manager (the author), another case manager, the head of department, and one who holds both roles. */
let gestora: string;
let otherManager: string;
let jefa: string;
let both: string;

/** Rosa Guamán's household in the demo registry: Rosa and her grandson Luis Ángel. */
const HOUSEHOLD = 'HH-UIO-000000';

const content = (overrides: Record<string, unknown> = {}) => ({
  purpose: 'Acceso al Bono Joaquín Gallegos Lara',
  sections: {
    housing: { tenure: 'borrowed', observations: 'Vivienda prestada; techo con filtraciones.' },
    health: {
      disability: 'Discapacidad física del 40 %',
      observations: 'Necesita acompañamiento permanente.',
    },
  },
  opinion: 'La jefa de hogar, adulta mayor sin ingresos, cuida sola a su nieto con discapacidad.',
  request: 'Que se califique al niño para el Bono Joaquín Gallegos Lara.',
  ...overrides,
});

const base = (cantonId = 'quito') => `/cantons/${cantonId}/social-reports`;

async function draft(token = gestora, body: Record<string, unknown> = {}, cantonId = 'quito') {
  const answer = await rt.api('POST', base(cantonId), {
    token,
    body: { householdId: HOUSEHOLD, ...content(), ...body },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as SocialReport;
}

const sign = (id: string, token = gestora, cantonId = 'quito', headers: Record<string, string> = {}) =>
  rt.api('POST', `${base(cantonId)}/${id}/signature`, { token, body: { confirm: true }, headers });
const approve = (id: string, token = jefa, cantonId = 'quito') =>
  rt.api('POST', `${base(cantonId)}/${id}/approval`, { token, body: {} });
const get = (id: string, token = gestora, cantonId = 'quito') =>
  rt.api('GET', `${base(cantonId)}/${id}`, { token });

async function pdf(id: string, token = gestora, headers: Record<string, string> = {}) {
  const response = await checkedFetch(`${rt.url}${base()}/${id}/pdf`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/pdf', ...headers },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text =
    response.status === 200
      ? (await extractText(bytes.slice(), { mergePages: true })).text.replace(/\s+/g, ' ')
      : '';
  return { status: response.status, headers: response.headers, bytes, text };
}

const places = (body: { errors?: ProblemError[] }) => (body.errors ?? []).map(placeOf);

async function auditActions(cantonId: string, reportId: string) {
  const day = new Date().toISOString().slice(0, 10);
  const { Items } = await db.send(
    new QueryCommand({
      TableName: 'swcs',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `C#${cantonId}#AUDIT#${day}` },
    }),
  );
  return (Items ?? []).filter((i) => i.target?.id === reportId).map((i) => String(i.action));
}

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  gestora = await rt.token('case-manager', 'quito', 'uio.gestora');
  otherManager = await rt.token('case-manager', 'quito', 'uio.gestora2');
  jefa = await rt.token('head-of-department', 'quito', 'uio.jefatura');
  both = await rt.token(['case-manager', 'head-of-department'], 'quito', 'uio.doble');
});
afterAll(() => rt.stop());

describe('drafting a social report', () => {
  it('prefills the members from the registry, stores the plan item it answers, and answers 201 with its address', async () => {
    const answer = await rt.api('POST', base(), {
      token: gestora,
      body: { householdId: HOUSEHOLD, planId: '01JD69Z1A2B3C4D5E6F7G8H9J0', itemId: '3', ...content() },
    });
    expect(answer.status).toBe(201);
    const report = answer.body;
    expect(answer.headers.get('location')).toBe(`/cantons/quito/social-reports/${report.reportId}`);
    expect(answer.headers.get('etag')).toBe('W/"1"');
    expect(report).toMatchObject({
      status: 'draft',
      edition: 1,
      householdId: HOUSEHOLD,
      plan: { planId: '01JD69Z1A2B3C4D5E6F7G8H9J0', itemId: '3' },
      approvalRequired: true,
      createdBy: 'uio.gestora',
    });
    expect(report.reference).toMatch(/^INF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(report.members.map((m: { givenNames: string }) => m.givenNames)).toEqual(['Rosa', 'Luis Ángel']);
    expect(report.members[1]).toMatchObject({
      memberId: '2',
      relationship: 'grandchild',
      disabilityPercentage: 40,
    });
    expect(report.history).toEqual([
      expect.objectContaining({
        action: 'drafted',
        by: 'uio.gestora',
        details: expect.objectContaining({ membersFrom: 'registry' }),
      }),
    ]);
  });

  it('edits members in the report only: the registry keeps its own', async () => {
    const report = await draft();
    const members = [
      { ...report.members[0], note: 'Vive sola con su nieto desde 2024' },
      { ...report.members[1], familyNames: 'Chicaiza Guamán (corregido en el informe)' },
    ];
    const edited = await rt.api('PUT', `${base()}/${report.reportId}`, {
      token: gestora,
      body: { ...content(), members },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.members[1].familyNames).toBe('Chicaiza Guamán (corregido en el informe)');
    const screening = await rt.api('POST', '/cantons/quito/registry/screenings', {
      token: gestora,
      body: { nationalId: '1710034065', purpose: 'case-management' },
    });
    expect(screening.body.household.members[1].familyNames).toBe('Chicaiza Guamán');
  });

  it('refuses a report without opinion or without request, naming the field, and stores nothing', async () => {
    const before = await rt.api('GET', `/cantons/quito/households/${HOUSEHOLD}/social-reports?limit=100`, {
      token: gestora,
    });
    const { opinion: _o, ...noOpinion } = content();
    const { request: _r, ...noRequest } = content();
    const a = await rt.api('POST', base(), {
      token: gestora,
      body: { householdId: HOUSEHOLD, ...noOpinion },
    });
    expect(a.status).toBe(400);
    expect(places(a.body)).toEqual(['opinion']);
    const b = await rt.api('POST', base(), {
      token: gestora,
      body: { householdId: HOUSEHOLD, ...noRequest, opinion: '   ' },
    });
    expect(b.status).toBe(400);
    expect(places(b.body).sort()).toEqual(['opinion', 'request']);
    const after = await rt.api('GET', `/cantons/quito/households/${HOUSEHOLD}/social-reports?limit=100`, {
      token: gestora,
    });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses a household the registry does not have, naming householdId; an item without its plan, naming itemId', async () => {
    const a = await rt.api('POST', base(), {
      token: gestora,
      body: { householdId: 'HH-NO-SUCH', ...content() },
    });
    expect(a.status).toBe(400);
    expect(places(a.body)).toEqual(['householdId']);
    const b = await rt.api('POST', base(), {
      token: gestora,
      body: { householdId: HOUSEHOLD, itemId: '3', ...content() },
    });
    expect(b.status).toBe(400);
    expect(places(b.body)).toEqual(['itemId']);
  });

  it('answers a retried POST with the same Idempotency-Key with the first answer, creating one report', async () => {
    const headers = { 'idempotency-key': `draft-${Date.now()}` };
    const body = { householdId: HOUSEHOLD, ...content({ purpose: 'Reintento idempotente' }) };
    const first = await rt.api('POST', base(), { token: gestora, body, headers });
    const again = await rt.api('POST', base(), { token: gestora, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.reportId).toBe(first.body.reportId);
  });
});

describe('editing a draft', () => {
  it('takes If-Match: a stale ETag is a 412 and changes nothing; sections switch off by being left out', async () => {
    const report = await draft();
    const stale = await rt.api('PUT', `${base()}/${report.reportId}`, {
      token: gestora,
      body: { ...content({ opinion: 'Otra opinión' }), members: report.members },
      headers: { 'if-match': 'W/"7"' },
    });
    expect(stale.status).toBe(412);
    const edited = await rt.api('PUT', `${base()}/${report.reportId}`, {
      token: gestora,
      body: {
        ...content(),
        members: report.members,
        sections: { socioEconomic: { observations: 'Sin ingresos fijos.' } },
      },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe('W/"2"');
    expect(edited.body.sections).toEqual({ socioEconomic: { observations: 'Sin ingresos fijos.' } });
    expect((await get(report.reportId)).body.history.map((h: { action: string }) => h.action)).toEqual([
      'drafted',
      'edited',
    ]);
  });

  it('lets only its author change it (403 naming the rule)', async () => {
    const report = await draft();
    const answer = await rt.api('PUT', `${base()}/${report.reportId}`, {
      token: otherManager,
      body: { ...content(), members: report.members },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toContain('Solo quien redactó el informe');
  });
});

describe('signing', () => {
  it('records who, when and the SHA-256 of the canonical signed content, and the report can no longer change (409)', async () => {
    const report = await draft();
    const signed = await sign(report.reportId, gestora, 'quito', { 'if-match': 'W/"1"' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'signed',
      signature: { by: 'uio.gestora', name: 'Verónica Chiriboga', algorithm: 'SHA-256', intact: true },
    });
    const stored = signed.body as SocialReport;
    const expected = createHash('sha256')
      .update(signedContent(stored, stored.signature as NonNullable<SocialReport['signature']>))
      .digest('hex');
    expect(stored.signature?.hash).toBe(expected);
    // The signed content names every word of the report and who signed.
    const canonical = JSON.parse(
      signedContent(stored, stored.signature as NonNullable<SocialReport['signature']>),
    );
    expect(canonical).toMatchObject({
      opinion: report.opinion,
      request: report.request,
      signedBy: { userId: 'uio.gestora' },
    });

    const edit = await rt.api('PUT', `${base()}/${report.reportId}`, {
      token: gestora,
      body: { ...content(), members: report.members },
    });
    expect(edit.status).toBe(409);
    expect((await sign(report.reportId)).status).toBe(409);
  });

  it('is the author’s alone (403)', async () => {
    const report = await draft();
    const answer = await sign(report.reportId, otherManager);
    expect(answer.status).toBe(403);
    expect((await get(report.reportId)).body.status).toBe('draft');
  });
});

describe('approval', () => {
  it('a head of department approves a signed report; approving again is a 409', async () => {
    const report = await draft();
    await sign(report.reportId);
    const approved = await approve(report.reportId);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      approval: { by: 'uio.jefatura', name: 'Patricia Morales Yépez' },
    });
    expect((await approve(report.reportId)).status).toBe(409);
    const history = (await get(report.reportId)).body.history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['drafted', 'signed', 'approved']);
  });

  it('nobody approves their own report, even holding both roles (403 naming the rule)', async () => {
    const report = await draft(both);
    expect((await sign(report.reportId, both)).status).toBe(200);
    const own = await approve(report.reportId, both);
    expect(own.status).toBe(403);
    expect(own.body.detail).toContain('Nadie aprueba su propio informe');
    expect((await get(report.reportId)).body.status).toBe('signed');
  });

  it('a draft cannot be approved: its author signs it first (409)', async () => {
    const report = await draft();
    const answer = await approve(report.reportId);
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toContain('es un borrador');
  });

  it('where the canton does not require approval, signed is final and an approval is a 409', async () => {
    const author = await rt.token('case-manager', 'cuenca', 'cue.gestora');
    const head = await rt.token('head-of-department', 'cuenca', 'cue.jefatura');
    const report = await draft(author, {}, 'cuenca');
    expect(report.approvalRequired).toBe(false);
    const signed = await sign(report.reportId, author, 'cuenca');
    expect(signed.body).toMatchObject({ status: 'signed', approvalRequired: false });
    const answer = await approve(report.reportId, head, 'cuenca');
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toContain('no exige aprobación');
  });
});

describe('corrections', () => {
  it('a correction is a new draft version pointing to the old; signing it supersedes the old, which stays readable', async () => {
    const report = await draft();
    await sign(report.reportId);
    await approve(report.reportId);

    const draftOfDraft = await draft();
    const notSigned = await rt.api('POST', `${base()}/${draftOfDraft.reportId}/corrections`, {
      token: gestora,
      body: { reason: 'x' },
    });
    expect(notSigned.status).toBe(409);

    const corrected = await rt.api('POST', `${base()}/${report.reportId}/corrections`, {
      token: gestora,
      body: { reason: 'La fecha de nacimiento estaba mal' },
    });
    expect(corrected.status).toBe(201);
    const correction = corrected.body;
    expect(correction).toMatchObject({
      status: 'draft',
      edition: 2,
      supersedes: report.reportId,
      correctionReason: 'La fecha de nacimiento estaba mal',
      opinion: report.opinion,
    });
    expect(correction.reportId).not.toBe(report.reportId);
    // Until the correction is signed the old report stands as it was; one correction at a time.
    expect((await get(report.reportId)).body).toMatchObject({
      status: 'approved',
      pendingCorrection: correction.reportId,
    });
    const second = await rt.api('POST', `${base()}/${report.reportId}/corrections`, {
      token: gestora,
      body: { reason: 'otra' },
    });
    expect(second.status).toBe(409);

    const edited = await rt.api('PUT', `${base()}/${correction.reportId}`, {
      token: gestora,
      body: { ...content({ opinion: 'Opinión corregida tras la visita.' }), members: correction.members },
    });
    expect(edited.status).toBe(200);
    expect((await sign(correction.reportId)).body.status).toBe('signed');

    const old = await get(report.reportId);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({
      status: 'superseded',
      supersededBy: correction.reportId,
      opinion: report.opinion,
    });
    expect(old.body.pendingCorrection).toBeUndefined();
    expect(old.body.signature.intact).toBe(true);
    expect(old.body.history.map((h: { action: string }) => h.action)).toEqual([
      'drafted',
      'signed',
      'approved',
      'correction-drafted',
      'superseded',
    ]);
    // A superseded report is neither corrected nor approved again.
    expect(
      (
        await rt.api('POST', `${base()}/${report.reportId}/corrections`, {
          token: gestora,
          body: { reason: 'y' },
        })
      ).status,
    ).toBe(409);
    const page = await rt.api('GET', `/cantons/quito/households/${HOUSEHOLD}/social-reports?limit=100`, {
      token: jefa,
    });
    const listed = page.body.items.filter((i: { reportId: string }) =>
      [report.reportId, correction.reportId].includes(i.reportId),
    );
    expect(listed.map((i: { status: string; edition: number }) => [i.status, i.edition])).toEqual([
      ['signed', 2],
      ['superseded', 1],
    ]);
    const printed = await pdf(report.reportId);
    expect(printed.text).toContain('REEMPLAZADO');
    expect(printed.text).toContain(correction.reportId);
  });
});

describe('the PDF', () => {
  it('is a Spanish A4 PDF with header, reference, dates, members, sections, opinion, request, signature hash and approval', async () => {
    const report = await draft();
    const signed = (await sign(report.reportId)).body as SocialReport;
    await approve(report.reportId);
    const answer = await pdf(report.reportId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('etag')).toBe('W/"3"');
    expect(answer.headers.get('content-disposition')).toBe(`inline; filename="${report.reference}.pdf"`);
    expect(Buffer.from(answer.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    for (const expected of [
      'REPÚBLICA DEL ECUADOR',
      'Ministerio de Inclusión Económica y Social',
      'Distrito Metropolitano de Quito · Pichincha',
      'Informe social',
      report.reference,
      'Fecha de elaboración',
      'Fecha de aprobación',
      'Miembros del hogar',
      'Rosa Guamán Toapanta',
      'Luis Ángel Chicaiza Guamán',
      'Nieto/a',
      'Vivienda',
      'Prestada',
      'Salud',
      'Opinión profesional',
      report.opinion,
      'Solicitud',
      report.request,
      'Elaborado por',
      'Verónica Chiriboga',
      'Aprobado por',
      'Patricia Morales Yépez',
    ]) {
      expect(answer.text).toContain(expected);
    }
    // The hash wraps across lines in its box: compare without spaces.
    expect(answer.text.replace(/ /g, '')).toContain(`SHA-256:${signed.signature?.hash}`);
    expect(answer.text).not.toContain('Situación socioeconómica');
  });

  it('prints a draft marked as one, in English when asked, and answers 304 to its own ETag', async () => {
    const report = await draft();
    const english = await pdf(report.reportId, gestora, { 'accept-language': 'en' });
    expect(english.text).toContain('DRAFT: this report has no standing until its author signs it.');
    expect(english.text).toContain('Awaiting signature');
    expect(english.text).toContain('Awaiting approval');
    const again = await pdf(report.reportId, gestora, { 'if-none-match': 'W/"1"' });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });
});

describe('who may do what', () => {
  let reportId: string;
  beforeAll(async () => {
    reportId = (await draft()).reportId;
  });

  const cases: [string, Role, number, number, number][] = [
    // role, GET the report, GET its PDF, POST a draft
    ['the case manager writes and reads', 'case-manager', 200, 200, 201],
    ['the head of department reads', 'head-of-department', 200, 200, 403],
    ['the coordinator reads', 'coordinator', 200, 200, 403],
    ['an auditor reads, never writes', 'auditor', 200, 200, 403],
    ['a contact officer never sees reports', 'contact-officer', 403, 403, 403],
    ['an operator does not see them', 'operator', 403, 403, 403],
    ['an SWCS officer does not see them', 'swcs-officer', 403, 403, 403],
  ];
  it.each(cases)('%s', async (_name, role, read, printed, write) => {
    const token = await rt.token(role, 'quito', role === 'case-manager' ? 'uio.gestora' : undefined);
    expect((await get(reportId, token)).status).toBe(read);
    expect((await pdf(reportId, token)).status).toBe(printed);
    expect(
      (await rt.api('POST', base(), { token, body: { householdId: HOUSEHOLD, ...content() } })).status,
    ).toBe(write);
  });

  it('another canton’s staff get 404, through their own canton and through this one', async () => {
    const cuenca = await rt.token('case-manager', 'cuenca', 'cue.gestora');
    expect((await get(reportId, cuenca, 'cuenca')).status).toBe(404);
    expect((await get(reportId, cuenca, 'quito')).status).toBe(404);
    expect(
      (await rt.api('GET', `/cantons/quito/households/${HOUSEHOLD}/social-reports`, { token: cuenca }))
        .status,
    ).toBe(404);
    const theirs = await rt.api('GET', `/cantons/cuenca/households/${HOUSEHOLD}/social-reports`, {
      token: cuenca,
    });
    expect(theirs.body.items.some((i: { reportId: string }) => i.reportId === reportId)).toBe(false);
  });

  it('audits every read and write of a report', async () => {
    const report = await draft();
    await get(report.reportId, jefa);
    await sign(report.reportId);
    await pdf(report.reportId, await rt.token('auditor', 'quito'));
    await approve(report.reportId);
    await rt.api('GET', `/cantons/quito/households/${HOUSEHOLD}/social-reports`, { token: jefa });
    const actions = await auditActions('quito', report.reportId);
    expect(actions).toEqual(
      expect.arrayContaining([
        'social-report.draft',
        'social-report.read',
        'social-report.sign',
        'social-report.pdf',
        'social-report.approve',
      ]),
    );
    const day = new Date().toISOString().slice(0, 10);
    const { Items } = await db.send(
      new QueryCommand({
        TableName: 'swcs',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `C#quito#AUDIT#${day}` },
      }),
    );
    const listing = (Items ?? []).filter(
      (i) => i.action === 'social-report.list' && i.target?.id === HOUSEHOLD,
    );
    expect(listing.length).toBeGreaterThan(0);
    // The audit trail names records, never a person.
    expect(JSON.stringify(Items)).not.toContain('Guamán');
  });
});

describe("a household's reports", () => {
  it('are listed newest first, a page at a time', async () => {
    const first = await rt.api('GET', `/cantons/quito/households/${HOUSEHOLD}/social-reports?limit=2`, {
      token: gestora,
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const [a, b] = first.body.items;
    expect(a.createdAt >= b.createdAt).toBe(true);
    const second = await rt.api(
      'GET',
      `/cantons/quito/households/${HOUSEHOLD}/social-reports?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { token: gestora },
    );
    expect(second.status).toBe(200);
    const ids = new Set(
      [...first.body.items, ...second.body.items].map((i: { reportId: string }) => i.reportId),
    );
    expect(ids.size).toBe(first.body.items.length + second.body.items.length);
  });
});
