import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bulkHsdsDocument, bulkOrganizationId } from '../support/hsds-bulk.js';
import { checkedFetch } from '../support/conformance.js';
import { runCommand, type Started, startProcess } from '../support/process.js';

/**
 * An import job survives a restart of the local runtime: stopped while the job runs, the runtime picks it up again
 * at start and the job finishes, every record written once.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-import-restart-'));
let server: Started | undefined;
const ARGS = ['--port', '0', '--data', dataDir];

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, path: string, bearer: string, body?: unknown) {
  const response = await checkedFetch(`${server?.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  // Tests read arbitrary JSON answers.
  const json: any = await response.json();
  return { status: response.status, body: json };
}

describe('a catalogue import job across a restart', () => {
  it('carries on from where it was and finishes', async () => {
    const token = (
      await runCommand(process.execPath, [
        '--import',
        'tsx',
        'bin/token.ts',
        '--role',
        'coordinator',
        '--canton',
        'santa-cruz',
        '--data',
        dataDir,
      ])
    ).stdout.trim();
    server = await startProcess(ARGS);
    const accepted = await call(
      'POST',
      '/cantons/santa-cruz/catalogue/hsds',
      token,
      bulkHsdsDocument(1500, 'Red Insular'),
    );
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const location = accepted.body.location as string;

    // Stopped once the job is under way, before it can have finished.
    for (;;) {
      const { body } = await call('GET', location, token);
      expect(body.status).not.toBe('succeeded');
      if (body.progress.done > 0) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    expect(await server.stop()).toBe(0);
    server = await startProcess(ARGS);

    let job: any;
    for (const until = Date.now() + 90_000; Date.now() < until;) {
      job = (await call('GET', location, token)).body;
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((done) => setTimeout(done, 200));
    }
    expect(job).toMatchObject({
      status: 'succeeded',
      progress: { done: 1501, total: 1501 },
      outcome: { errors: [] },
    });
    // A record the stop interrupted after writing it is found unchanged when its chunk is applied again.
    expect(job.outcome.written + job.outcome.unchanged).toBe(1501);
    const services: { organizationId: string; version: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        'GET',
        `/cantons/santa-cruz/services?includeNational=false&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      );
      services.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const imported = services.filter((s) => s.organizationId === bulkOrganizationId('Red Insular'));
    expect(imported).toHaveLength(1500);
    expect(imported.every((s: { version: number }) => s.version === 1)).toBe(true);
  }, 150_000);
});
