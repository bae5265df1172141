import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importHsds } from '../functions/domain/hsds/import.js';
import type { HsdsDocument } from '../functions/domain/hsds/schema.js';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../lib/local/runtime.js';
import { issueToken, loadOrCreateSigningKeys } from '../lib/local/tokens.js';

/**
 * `npm run catalogue -- import --canton quito --file catalogue.json` loads an Open Referral HSDS file through the
 * API, and `export` writes the canton's catalogue as HSDS. The whole file is validated here first — every problem
 * listed with its JSON pointer, nothing sent — then uploaded one organization at a time with a progress bar, so a
 * big catalogue shows how far it has got. An organization too big for one call is accepted as an import job,
 * which the command follows with a bar of its own until it ends; it exits 0 only when every job succeeded.
 * Against the local runtime a coordinator token is signed automatically.
 */
const USAGE = `Usage:
  npm run -s catalogue -- import --canton ID --file FILE [--api URL] [--token TOKEN]
  npm run -s catalogue -- export --canton ID [--file FILE] [--api URL] [--token TOKEN]
  --api defaults to http://localhost:${DEFAULT_PORT}; without --token a local coordinator token is signed with the
  key in ${DEFAULT_DATA_DIR}/ (or SWCS_DATA_DIR).`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    canton: { type: 'string' },
    file: { type: 'string' },
    api: { type: 'string', default: process.env.SWCS_API ?? `http://localhost:${DEFAULT_PORT}` },
    token: { type: 'string' },
    data: { type: 'string', default: process.env.SWCS_DATA_DIR ?? DEFAULT_DATA_DIR },
    help: { type: 'boolean', default: false },
  },
});
const command = positionals[0];
if (values.help || !command || !['import', 'export'].includes(command) || !values.canton) fail(USAGE);
const cantonId = values.canton as string;

const token =
  values.token ??
  (await issueToken(await loadOrCreateSigningKeys(resolve(values.data as string)), {
    userId: 'system:catalogue-cli',
    cantonId,
    roles: ['coordinator'],
    ttlSeconds: 3600,
  }));

async function send(method: string, path: string, body?: unknown) {
  let response: Response;
  try {
    // An API path, or an address the API gave (a job's Location, which already carries the stage's base path).
    response = await fetch(/^https?:/.test(path) ? path : `${values.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    return fail(`Cannot reach ${values.api} (${(error as Error).message}). Is \`npm start\` running?`);
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const error = answer.error as
      { message?: string; details?: { field: string; problem: string }[] } | undefined;
    const details = (error?.details ?? []).map((d) => `  ${d.field}: ${d.problem}`).join('\n');
    fail(`${response.status} ${error?.message ?? JSON.stringify(answer)}\n${details}`);
  }
  return { status: response.status, location: response.headers.get('location'), answer };
}

const call = async (method: string, path: string, body?: unknown) => (await send(method, path, body)).answer;

/** A bar on a terminal; a line every tenth of the way when the output is a file or a pipe. */
function progress(total: number, label: string) {
  let lastTenth = -1;
  return (done: number) => {
    const share = total === 0 ? 1 : done / total;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`,
      );
      if (done === total) process.stderr.write('\n');
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${done}/${total} ${label}\n`);
    }
  };
}

/** What the import has written and found unchanged so far, over every organization sent. */
const totals = { written: 0, unchanged: 0 };

if (command === 'export') {
  const document = await call('GET', `/cantons/${cantonId}/catalogue/hsds`);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (values.file) writeFileSync(values.file, text);
  else process.stdout.write(text);
} else {
  if (!values.file) fail(USAGE);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(values.file as string, 'utf8'));
  } catch (error) {
    fail(`${values.file}: ${(error as Error).message}`);
  }
  const checked = importHsds(document);
  if (!checked.ok) {
    const lines = checked.errors.map((e) => `  ${e.pointer}: ${e.problem.es}`);
    fail(`${values.file}: ${checked.errors.length} problem(s), nothing imported:\n${lines.join('\n')}`);
  }
  const organizations = (document as HsdsDocument).organizations;
  const advance = progress(organizations.length, 'organizaciones');
  advance(0);
  for (const [i, organization] of organizations.entries()) {
    const sent = await send('POST', `/cantons/${cantonId}/catalogue/hsds`, { organizations: [organization] });
    // A big organization is accepted as an import job: follow it to its end.
    const summary =
      sent.status === 202 ? await followJob(sent.location ?? String(sent.answer.location)) : sent.answer;
    totals.written += Number(summary.written);
    totals.unchanged += Number(summary.unchanged);
    advance(i + 1);
  }
  process.stdout.write(
    `Imported into ${cantonId}: ${totals.written} record(s) written, ${totals.unchanged} unchanged, 0 error(s).\n`,
  );
}

/**
 * Polls an import job's address with its own progress bar until the job ends. A failed job ends the command
 * (exit 1) with what it wrote and why it stopped: written records stay, and importing the file again finishes.
 */
async function followJob(location: string): Promise<{ written: number; unchanged: number }> {
  const address = new URL(location, values.api).href;
  let job = await call('GET', address);
  const total = Number((job.progress as { total: number }).total);
  const advance = progress(total, 'registros');
  advance(0);
  let shown = 0;
  for (;;) {
    const done = Number((job.progress as { done: number }).done);
    if (done > shown) {
      advance(done);
      shown = done;
    }
    if (job.status === 'succeeded' || job.status === 'failed') break;
    await new Promise((wait) => setTimeout(wait, 500));
    job = await call('GET', address);
  }
  const outcome = job.outcome as {
    written: number;
    unchanged: number;
    errors: { problem: string }[];
  };
  if (job.status === 'succeeded') return outcome;
  if (process.stderr.isTTY && shown < total) process.stderr.write('\n');
  process.stderr.write(
    `Import job ${String(job.jobId)} failed after ${shown}/${total} record(s):\n` +
      `${outcome.errors.map((e) => `  ${e.problem}`).join('\n')}\n` +
      'Records already written stay; import the file again to finish.\n',
  );
  process.stdout.write(
    `Imported into ${cantonId}: ${totals.written + outcome.written} record(s) written, ` +
      `${totals.unchanged + outcome.unchanged} unchanged, ${outcome.errors.length} error(s).\n`,
  );
  process.exit(1);
}
