import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkedFetch } from '../support/conformance.js';
import { callApi, cliToken, type Started, startProcess } from '../support/process.js';

/**
 * A referral's timers survive a restart of the local runtime: the referral is made, the runtime stopped before its
 * reminder is due and started again; the reminder then fires once, on time, and nothing fires twice.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-restart-'));
let server: Started | undefined;
// Ten minutes of product time per second: Quito's reminder for a destroyed home (one hour after referral) comes
// about six seconds in.
const ARGS = ['--port', '0', '--data', dataDir, '--clock-factor', '600'];

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const token = (...args: string[]) => cliToken(dataDir, ...args);
const call = async (method: string, path: string, bearer: string, body?: unknown) =>
  (await callApi(server, method, path, bearer, body)).body;

async function outbox(reference: string): Promise<{ message: string; to: string }[]> {
  const response = await checkedFetch(`${server?.url}/_local/outbox?referral=${reference}`);
  return ((await response.json()) as { items: { message: string; to: string }[] }).items;
}

describe('referral timers across a restart', () => {
  it('fire after the runtime comes back, once', async () => {
    const officerToken = await token('--role', 'swcs-officer', '--canton', 'quito');
    server = await startProcess(ARGS);
    const request = await call('POST', '/cantons/quito/requests', officerToken, {
      channel: 'phone',
      citizen: { identification: 'national-id', nationalId: '1713175071' },
      contact: { phone: '+593998877665' },
      description: 'Vivienda destruida por incendio',
      classification: { category: 'urgent', subcategory: 'home-destroyed' },
      consent: { dataSharing: 'given' },
    });
    const referral = await call(
      'POST',
      `/cantons/quito/requests/${request.requestId}/referrals`,
      officerToken,
      {
        serviceId: 'psj-albergue-emergencias',
      },
    );
    expect(referral.status).toBe('requested');
    // The new-referral notices (an SMS and an e-mail to the shelter's two contact officers) go out first.
    let firstNotices = 0;
    for (let i = 0; i < 40 && firstNotices < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      firstNotices = (await outbox(referral.reference)).length;
    }
    expect(firstNotices).toBe(2);
    expect(await server.stop()).toBe(0);

    server = await startProcess(ARGS);
    const deadline = Date.now() + 30_000;
    let notices = await outbox(referral.reference);
    while (notices.length <= firstNotices && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      notices = await outbox(referral.reference);
    }
    expect(notices.length).toBeGreaterThan(firstNotices);
    const after = await call('GET', `/cantons/quito/referrals/${referral.referralId}`, officerToken);
    const actions = after.history.map((e: { action: string }) => e.action);
    expect(actions[0], JSON.stringify({ actions, notices })).toBe('created');
    expect(actions, JSON.stringify({ actions, notices })).toContain('reminder-sent');
    expect(actions.filter((a: string) => a === 'reminder-sent')).toHaveLength(1);
    expect(new Set(after.history.map((e: { at: string }) => e.at)).size).toBe(after.history.length);
  });
});
