import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFetch } from '../support/conformance.js';
import { readmeBlock } from '../support/readme.js';
import { callApi, cliToken, runCommand, type Started, startProcess } from '../support/process.js';

/**
 * The README's complaint clock, run as printed against `npm start` with a fast clock: a suggestion left
 * unattended gets its reminder, then the canton coordinator and the national single window are told, in the
 * outbox. The README runs it at 60×; here at 600×, so that its four minutes take twenty-four seconds.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-complaint-clock-'));
let server: Started;
const ARGS = ['--port', '0', '--data', dataDir, '--clock-factor', '600'];

beforeAll(async () => {
  server = await startProcess(ARGS);
});
afterAll(async () => {
  if (server.child.exitCode === null) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function outbox(reference: string): Promise<Entry[]> {
  const response = await checkedFetch(`${server.url}/_local/outbox?referral=${reference}`);
  return ((await response.json()) as { items: Entry[] }).items;
}

const run = (script: string) =>
  runCommand('bash', ['-euo', 'pipefail', '-c', script], { SWCS_DATA_DIR: dataDir });

interface Entry {
  readonly to: string;
  readonly channel: string;
  readonly subject?: string;
  readonly message: string;
  readonly attributes: Record<string, string>;
}

describe('README: a complaint left unattended', () => {
  it('shows its reminder and its escalations in the outbox, by e-mail, with nothing of the complaint', async () => {
    const walkthrough = readmeBlock('complaint-clock-walkthrough');
    expect(walkthrough).toContain('API=http://localhost:4000');
    const script = walkthrough.replace('API=http://localhost:4000', `API=${server.url}`);
    const result = await run(script);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(Number(lines[0])).toBeGreaterThanOrEqual(1);
    const reference = /^Case ([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(lines[1] ?? '')?.[1] as string;
    expect(reference).toBeDefined();

    const deadline = Date.now() + 90_000;
    let items: Entry[] = [];
    while (items.length < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      items = await outbox(reference);
    }
    const sent = [...items].reverse();
    expect(sent.map((m) => `${m.to} ${m.attributes.kind}`)).toEqual([
      'uio.tecnica1 complaint-reminder',
      'uio.coordinadora complaint-escalation',
      'nat.coordinador complaint-escalation',
    ]);
    for (const notice of sent) {
      expect(notice.channel).toBe('email');
      expect(`${notice.subject} ${notice.message}`).toContain(reference);
      expect(notice.message).not.toMatch(/sábados|Horario/);
    }
    // The README's own look at the outbox prints the same.
    const printed = await run(
      `API=${server.url}\nREFERENCE=${reference}\n` +
        `json() { node -pe "JSON.parse(require('fs').readFileSync(0, 'utf8'))$1"; }\n` +
        readmeBlock('complaint-clock-outbox'),
    );
    expect(printed.stderr).toBe('');
    expect(printed.stdout.trim().split('\n')).toEqual(sent.map((m) => `${m.to} ${m.attributes.kind}`));
  }, 150_000);

  it('gets its clock back after a restart: what fell due meanwhile fires once, nothing twice', async () => {
    const operator = await cliToken(dataDir, '--role', 'operator', '--canton', 'quito');
    const opened = await callApi(server, 'POST', '/cantons/quito/complaints', operator, {
      type: 'suggestion',
      concerns: { kind: 'other', text: 'Señalética' },
      channel: 'walk-in',
      complainant: { identification: 'anonymous' },
      description: 'Poner carteles más grandes',
      assigneeId: 'uio.tecnica1',
    });
    expect(opened.status).toBe(201);
    const { complaintId, reference } = opened.body as { complaintId: string; reference: string };
    // Stopped before its reminder (six seconds in at 600×) is due, and started again.
    expect(await server.stop()).toBe(0);
    server = await startProcess(ARGS);
    const deadline = Date.now() + 90_000;
    let items: Entry[] = [];
    while (items.length < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      items = await outbox(reference);
    }
    expect([...items].reverse().map((m) => `${m.to} ${m.attributes.kind}`)).toEqual([
      'uio.tecnica1 complaint-reminder',
      'uio.coordinadora complaint-escalation',
      'nat.coordinador complaint-escalation',
    ]);
    const coordinator = await cliToken(dataDir, '--role', 'coordinator', '--canton', 'quito');
    const read = await callApi(server, 'GET', `/cantons/quito/complaints/${complaintId}`, coordinator);
    const actions = (read.body as { history: { action: string }[] }).history.map((e) => e.action);
    expect(actions).toEqual(['opened', 'reminder-sent', 'escalated', 'escalated']);
  }, 150_000);
});
