import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHsds } from '../../functions/domain/hsds/import.js';
import { chunksOf, JOB_THRESHOLD, newImportJob, recordsOf } from '../../functions/domain/import-job.js';
import { bulkHsdsDocument, bulkOrganizationId, bulkServiceId } from '../support/hsds-bulk.js';
import { type ApiAnswer, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type ProblemError } from '../support/problems.js';

/** Big HSDS imports run as jobs, outside the API's time limit, and say how far they got and how they ended. */
let rt: TestRuntime;
let coordinator: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  coordinator = await rt.token('coordinator', 'quito');
});
afterAll(() => rt.stop());

/** Follows a job's address until it has finished, keeping every progress figure seen on the way. */
async function follow(location: string, token = coordinator, deadlineMs = 90_000) {
  const seen: number[] = [];
  const until = Date.now() + deadlineMs;
  for (;;) {
    const answer = await rt.api('GET', location, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    seen.push(answer.body.progress.done);
    if (['succeeded', 'failed'].includes(answer.body.status)) return { job: answer.body, seen };
    if (Date.now() > until)
      throw new Error(`job still ${answer.body.status}: ${JSON.stringify(answer.body)}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

const accepted = (answer: ApiAnswer) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  const location = answer.headers.get('location');
  expect(location).toBe(`/cantons/quito/catalogue/imports/${answer.body.jobId}`);
  expect(answer.body.location).toBe(location);
  return location as string;
};

describe('an HSDS import too big for one call', () => {
  it('of an organization with 5,000 services is accepted as a job that writes them all, and a re-run changes nothing', async () => {
    const document = bulkHsdsDocument(5000);
    const answer = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: document,
    });
    const location = accepted(answer);
    expect(answer.body).toMatchObject({
      status: 'queued',
      organizations: 1,
      services: 5000,
      progress: { done: 0, total: 5001 },
    });

    const { job, seen } = await follow(location);
    expect(job).toMatchObject({
      status: 'succeeded',
      progress: { done: 5001, total: 5001 },
      outcome: { written: 5001, unchanged: 0, errors: [] },
    });
    expect(job.finishedAt).toBeDefined();
    // Progress only ever moves forward.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // Every service is there: the search walked page by page, 100 at a time.
    const found = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await rt.api(
        'GET',
        `/cantons/quito/services?includeNational=false&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: coordinator },
      );
      for (const service of page.body.items) found.add(service.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(found.size).toBe(5000);
    const last = await rt.api('GET', `/cantons/quito/services/${bulkServiceId(4999)}`, {
      token: coordinator,
    });
    expect(last.body).toMatchObject({ organizationId: bulkOrganizationId(), version: 1 });

    const again = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: document,
    });
    const rerun = await follow(accepted(again));
    expect(rerun.job).toMatchObject({
      status: 'succeeded',
      outcome: { written: 0, unchanged: 5001, errors: [] },
    });
    const still = await rt.api('GET', `/cantons/quito/services/${bulkServiceId(4999)}`, {
      token: coordinator,
    });
    expect(still.body.version).toBe(1);
  }, 120_000);

  it(`starts at more than ${JOB_THRESHOLD} records; up to that the call answers with the summary`, async () => {
    const small = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: bulkHsdsDocument(JOB_THRESHOLD - 1, 'Red Pequeña'),
    });
    expect(small.status).toBe(200);
    expect(small.body).toMatchObject({
      organizations: 1,
      services: JOB_THRESHOLD - 1,
      written: JOB_THRESHOLD,
    });

    const big = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: bulkHsdsDocument(JOB_THRESHOLD, 'Red Mediana'),
    });
    const { job } = await follow(accepted(big));
    expect(job).toMatchObject({ status: 'succeeded', outcome: { written: JOB_THRESHOLD + 1 } });
  }, 60_000);

  it('is still validated whole first: a bad document is a 400 and no job', async () => {
    const document = bulkHsdsDocument(JOB_THRESHOLD + 10, 'Red Con Errores');
    document.organizations[0]!.services[JOB_THRESHOLD + 5]!.status = 'open-ish';
    const answer = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: document,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: ProblemError) => e.pointer)).toEqual([
      `/organizations/0/services/${JOB_THRESHOLD + 5}/status`,
    ]);
    expect(answer.headers.get('location')).toBeNull();
    const service = await rt.api('GET', `/cantons/quito/services/${bulkServiceId(0, 'Red Con Errores')}`, {
      token: coordinator,
    });
    expect(service.status).toBe(404);
  });

  it('is visible only to coordinators of its own canton', async () => {
    const answer = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: bulkHsdsDocument(JOB_THRESHOLD + 1, 'Red Reservada'),
    });
    const location = accepted(answer);
    await follow(location);

    const cuenca = await rt.token('coordinator', 'cuenca');
    const foreign = await rt.api('GET', location, { token: cuenca });
    expect(foreign.status).toBe(404);
    const disguised = await rt.api('GET', location.replace('/quito/', '/cuenca/'), { token: cuenca });
    expect(disguised.status).toBe(404);
    const unknown = await rt.api('GET', '/cantons/quito/catalogue/imports/01JZZZZZZZZZZZZZZZZZZZZZZZ', {
      token: coordinator,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/No existe la importación/);
    const officer = await rt.api('GET', location, { token: await rt.token('swcs-officer', 'quito') });
    expect(officer.status).toBe(403);
  }, 60_000);

  it('that fails half-way says so and how far it got; importing the document again finishes it', async () => {
    const { stageImportJob } = await import('../../functions/adapters/dynamodb/import-jobs-store.js');
    const { startCatalogueImportWorkflow } =
      await import('../../functions/adapters/stepfunctions/catalogue-import.js');
    const { dynamo, TABLE_NAME } = await import('../../functions/adapters/dynamodb/client.js');
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const keys = await import('../../functions/adapters/dynamodb/keys.js');

    // A job whose second chunk went missing: its first chunk is written, then every attempt at the second fails.
    const document = bulkHsdsDocument(250, 'Red Interrumpida');
    const checked = importHsds(document);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const chunks = chunksOf(recordsOf(checked));
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 51]);
    const job = newImportJob({
      cantonId: 'quito',
      jobId: '01KAAAAAAAAAAAAAAAAAAAAAAA',
      chunks,
      by: { userId: 'uio.coordinadora', roles: ['coordinator'] },
      now: new Date().toISOString(),
    });
    await stageImportJob(job, chunks);
    await dynamo.send(
      new DeleteCommand({ TableName: TABLE_NAME, Key: keys.importChunk('quito', job.jobId, 1) }),
    );
    await startCatalogueImportWorkflow({ job: { cantonId: 'quito', jobId: job.jobId } }, job.jobId);

    const { job: failed } = await follow(`/cantons/quito/catalogue/imports/${job.jobId}`);
    expect(failed).toMatchObject({
      status: 'failed',
      progress: { done: 100, total: 251 },
      outcome: { written: 100, unchanged: 0 },
    });
    expect(failed.outcome.errors).toEqual([
      { problem: expect.stringMatching(/Vuelva a importar el documento para completarla/) },
    ]);
    // Nothing unexpected reaches the importer: the missing chunk stays in the logs.
    expect(JSON.stringify(failed)).not.toMatch(/chunk/i);

    const again = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: document,
    });
    const { job: finished } = await follow(accepted(again));
    expect(finished).toMatchObject({ status: 'succeeded', outcome: { written: 151, unchanged: 100 } });
  }, 60_000);

  it('is documented in /openapi.json: the 202 with its Location, and the job’s address', async () => {
    const { body } = await rt.api('GET', '/openapi.json');
    const accepted = body.paths['/cantons/{cantonId}/catalogue/hsds'].post.responses['202'];
    expect(accepted.headers.Location).toBeDefined();
    expect(accepted.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImportJob' });
    const job = body.paths['/cantons/{cantonId}/catalogue/imports/{jobId}'].get;
    expect(job.operationId).toBe('getCatalogueImport');
    expect(body.components.schemas.ImportJob.properties.status.enum).toEqual([
      'queued',
      'running',
      'succeeded',
      'failed',
    ]);
  });

  it('names the record a job could not write, in the caller’s language', async () => {
    const { handler } = await import('../../functions/handlers/catalogue/import-step.js');
    const { stageImportJob } = await import('../../functions/adapters/dynamodb/import-jobs-store.js');
    const { ImportRecordError } = await import('../../functions/app/catalogue/import-apply.js');
    const { conflict } = await import('../../functions/kernel/errors.js');
    const job = newImportJob({
      cantonId: 'quito',
      jobId: '01KBBBBBBBBBBBBBBBBBBBBBBB',
      chunks: [[]],
      by: { userId: 'uio.coordinadora', roles: ['coordinator'] },
      now: new Date().toISOString(),
    });
    await stageImportJob(job, [[]]);
    const problem = new ImportRecordError(
      { type: 'service', id: 'comedor-popular-7' },
      conflict({ es: 'El registro cambió', en: 'The record changed' }),
    ).problem();
    // What Step Functions catches from the step: the Lambda error, its message the problem as JSON.
    const cause = JSON.stringify({ errorType: 'ImportRecordFailed', errorMessage: JSON.stringify(problem) });
    await handler({ action: 'fail', job, error: { Error: 'ImportRecordFailed', Cause: cause } });

    const location = `/cantons/quito/catalogue/imports/${job.jobId}`;
    const es = await rt.api('GET', location, { token: coordinator });
    expect(es.body).toMatchObject({
      status: 'failed',
      outcome: {
        errors: [
          {
            record: { type: 'service', id: 'comedor-popular-7' },
            problem: 'No se pudo escribir el servicio "comedor-popular-7": El registro cambió',
          },
        ],
      },
    });
    const en = await rt.api('GET', location, { token: coordinator, headers: { 'accept-language': 'en' } });
    expect(en.body.outcome.errors[0].problem).toBe(
      'Could not write the service "comedor-popular-7": The record changed',
    );
  });
});
