import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, cliToken, type Started, startProcess } from '../support/process.js';

/**
 * A canton pilot's afternoon, as `npm start` runs it: a coordinator changes a service's spots, referrals are made
 * with a fast clock, the runtime is stopped and started again. Nothing live is reset by the seeds, product time
 * goes on from where it stood, and a folder whose records are later than its clock is refused.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-pilot-'));
let server: Started | undefined;
const ARGS = ['--port', '0', '--data', dataDir, '--clock-factor', '600'];
const SERVICE = '/cantons/quito/services/psj-albergue-emergencias';

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const token = (...args: string[]) => cliToken(dataDir, ...args);
const call = (method: string, path: string, bearer: string, body?: unknown) =>
  callApi(server, method, path, bearer, body);

const newRequest = (bearer: string) =>
  call('POST', '/cantons/quito/requests', bearer, {
    channel: 'phone',
    citizen: { identification: 'national-id', nationalId: '1713175071' },
    contact: { phone: '+593998877665' },
    description: 'Vivienda destruida por incendio',
    classification: { category: 'urgent', subcategory: 'home-destroyed' },
    consent: { dataSharing: 'given' },
  });

describe('a pilot afternoon across restarts', () => {
  it('keeps the spots a coordinator set, and product time never runs backwards', async () => {
    const coordinator = await token('--role', 'coordinator', '--canton', 'quito');
    const officer = await token('--role', 'swcs-officer', '--canton', 'quito');
    server = await startProcess(ARGS);
    // The banner's token command names the data folder, or the token would be signed with another key.
    expect(server.output()).toContain(`--data ${dataDir}`);

    const changed = await call('PATCH', `${SERVICE}/availability`, coordinator, {
      available: 3,
      waitlist: true,
    });
    expect(changed.status).toBe(200);
    const request = await newRequest(officer);
    const referral = await call(
      'POST',
      `/cantons/quito/requests/${request.body.requestId}/referrals`,
      officer,
      {
        serviceId: 'psj-albergue-emergencias',
      },
    );
    expect(referral.status).toBe(201);
    const before = (await call('GET', SERVICE, coordinator)).body;
    expect(before.capacity).toMatchObject({ available: 2, waitlist: true });
    const madeAt = Date.parse(referral.body.createdAt);
    // A few real seconds at 600×: the product clock is well ahead of the wall clock now.
    await new Promise((r) => setTimeout(r, 3000));
    await server.stop();

    server = await startProcess(ARGS);
    const after = (await call('GET', SERVICE, coordinator)).body;
    expect(after.capacity).toEqual(before.capacity);
    expect(after.version).toBe(before.version);
    expect(
      after.history.filter((e: { by: { userId: string } }) => e.by.userId === 'system:seed'),
    ).toHaveLength(1);
    const later = await newRequest(officer);
    expect(Date.parse(later.body.createdAt)).toBeGreaterThan(madeAt + 3 * 600_000);
    await server.stop();
  });

  it('refuses a data folder whose records are later than its clock', async () => {
    const file = join(dataDir, 'clock.json');
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...kept, product: new Date().toISOString(), factor: 1 }));
    await expect(startProcess(ARGS)).rejects.toThrow(/later than the product clock would be/);
  });
});
