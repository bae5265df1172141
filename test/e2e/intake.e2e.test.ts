import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFetch } from '../support/conformance.js';
import { runCommand, type Started, startProcess } from '../support/process.js';

/**
 * The local runtime as a newcomer meets it: started as its own process, tokens from `npm run token`'s script, a
 * client speaking HTTP, Ctrl-C, and a restart that finds the data again.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-e2e-'));
let server: Started;

const token = async (role: string, canton: string) => {
  const result = await runCommand(process.execPath, [
    '--import',
    'tsx',
    'bin/token.ts',
    '--role',
    role,
    '--canton',
    canton,
    '--data',
    dataDir,
  ]);
  expect(result.stderr).toBe('');
  return result.stdout.trim();
};

async function call(method: string, path: string, tokenValue: string, body?: unknown) {
  const response = await checkedFetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokenValue}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  // tests read arbitrary JSON answers
  const json: any = await response.json();
  return { status: response.status, body: json };
}

beforeAll(async () => {
  server = await startProcess(['--port', '0', '--data', dataDir]);
});
afterAll(async () => {
  if (server.child.exitCode === null) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the single window on one machine', () => {
  let requestId: string;

  it('prints a banner saying where it listens and how to get a token', () => {
    expect(server.output()).toMatch(/npm run -s token -- --role operator --canton/);
    expect(server.output()).toMatch(/curl -s -X POST/);
  });

  it('takes a request from intake to classification, assignment and the list', async () => {
    const operator = await token('operator', 'cuenca');
    const officer = await token('swcs-officer', 'cuenca');

    const recorded = await call('POST', '/cantons/cuenca/requests', operator, {
      channel: 'whatsapp',
      citizen: { identification: 'national-id', nationalId: '0101010106' },
      contact: { phone: '+593987654321', preferredChannel: 'whatsapp' },
      description: 'Adulta mayor vive sola y necesita cuidado diario',
      consent: { dataSharing: 'given' },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.status).toBe('received');
    requestId = recorded.body.requestId;
    const path = `/cantons/cuenca/requests/${requestId}`;

    const classified = await call('PUT', `${path}/classification`, operator, {
      category: 'special-needs',
      subcategory: 'older-adults',
    });
    expect(classified.body).toMatchObject({
      status: 'classified',
      classification: { label: 'Personas adultas mayores' },
    });

    const assigned = await call('PUT', `${path}/assignment`, operator, { officerId: 'cue.tecnico1' });
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedOfficer: 'cue.tecnico1' });

    const mine = await call(
      'GET',
      '/cantons/cuenca/requests?assignedOfficer=cue.tecnico1&status=assigned',
      officer,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([requestId]);

    const detail = await call('GET', path, officer);
    expect(detail.body.history.map((e: { action: string }) => e.action)).toEqual([
      'recorded',
      'classified',
      'assigned',
    ]);
  });

  it('stops cleanly on Ctrl-C and keeps the data across a restart', async () => {
    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/stopped\./);
    server = await startProcess(['--port', '0', '--data', dataDir]);
    const again = await call(
      'GET',
      `/cantons/cuenca/requests/${requestId}`,
      await token('coordinator', 'cuenca'),
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'assigned', version: 3 });
  });

  it('refuses to start with an invalid canton file, naming the file and field', async () => {
    const cantonsDir = mkdtempSync(join(tmpdir(), 'swcs-cantons-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cantonsDir, 'national.json'), JSON.stringify({ id: 'national', level: 'national' }));
    const result = await runCommand(
      process.execPath,
      ['--import', 'tsx', 'bin/local.ts', '--port', '0', '--in-memory'],
      {
        SWCS_CANTONS_DIR: cantonsDir,
      },
    );
    rmSync(cantonsDir, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/national\.json: field "name"/);
  });
});
