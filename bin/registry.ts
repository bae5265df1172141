import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRegistryFile, registryFileFormat } from '../functions/domain/registry-file.js';
import { MAX_HOUSEHOLDS_PER_BATCH } from '../functions/http/schemas/registry.js';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../lib/local/runtime.js';
import { issueToken, loadOrCreateSigningKeys } from '../lib/local/tokens.js';

/**
 * `npm run registry -- import --file registry.csv` loads a social registry file (CSV or JSON Lines, see
 * docs/registry.md) through the ministry's batch API. The whole file is checked here first — every problem listed
 * by line and column, nothing sent — then sent 100 households a call with a progress bar. The batches already
 * accepted are remembered in the data folder (registry-imports/<digest of the file>.json), so an import cut short
 * resumes where it stopped; and since the API leaves a household already as sent alone, importing a file twice
 * changes nothing. Against the local runtime a national admin token is signed automatically.
 */
const USAGE = `Usage:
  npm run -s registry -- import --file FILE [--api URL] [--token TOKEN] [--restart]
  FILE is .csv or .jsonl (JSON Lines). --api defaults to http://localhost:${DEFAULT_PORT}; without --token a local
  national admin token is signed with the key in ${DEFAULT_DATA_DIR}/ (or SWCS_DATA_DIR). --restart forgets the
  batches an earlier run of the same file sent.`;

const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' },
    api: { type: 'string', default: process.env.SWCS_API ?? `http://localhost:${DEFAULT_PORT}` },
    token: { type: 'string' },
    data: { type: 'string', default: process.env.SWCS_DATA_DIR ?? DEFAULT_DATA_DIR },
    restart: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || positionals[0] !== 'import' || !values.file) fail(USAGE);
const file = values.file as string;
const format = registryFileFormat(file) ?? fail(`${file}: the file must end in .csv or .jsonl`);

let text = '';
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  fail(`${file}: ${(error as Error).message}`);
}
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(new Date());
const checked = checkRegistryFile(text, format, today);
if (!checked.ok) {
  const lines = checked.problems.map(
    (p) => `  line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.problem.es}`,
  );
  fail(`${file}: ${checked.problems.length} problem(s), nothing imported:\n${lines.join('\n')}`);
}
const households = checked.ok ? checked.households : [];

const dataDir = resolve(values.data as string);
const token =
  values.token ??
  (await issueToken(await loadOrCreateSigningKeys(dataDir), {
    userId: 'system:registry-cli',
    cantonId: 'national',
    roles: ['admin'],
    ttlSeconds: 3600,
  }));

/** Where the batches already accepted for this very file are kept. */
const digest = createHash('sha256').update(text).digest('hex').slice(0, 32);
const progressDir = join(dataDir, 'registry-imports');
const progressFile = join(progressDir, `${digest}.json`);
mkdirSync(progressDir, { recursive: true });
const done: { batches: number; written: number; unchanged: number } =
  !values.restart && existsSync(progressFile)
    ? JSON.parse(readFileSync(progressFile, 'utf8'))
    : { batches: 0, written: 0, unchanged: 0 };

/** A bar on a terminal; a line every tenth of the way when the output is a file or a pipe. */
function progress(total: number) {
  let lastTenth = -1;
  return (count: number) => {
    const share = total === 0 ? 1 : count / total;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${count}/${total} hogares`,
      );
      if (count === total) process.stderr.write('\n');
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${count}/${total} hogares\n`);
    }
  };
}

const run = randomUUID();
const batches = Math.ceil(households.length / MAX_HOUSEHOLDS_PER_BATCH);
const advance = progress(households.length);
if (done.batches > 0) process.stderr.write(`Resuming after ${done.batches} batch(es) already sent.\n`);
advance(Math.min(households.length, done.batches * MAX_HOUSEHOLDS_PER_BATCH));
for (let b = done.batches; b < batches; b++) {
  const batch = households.slice(b * MAX_HOUSEHOLDS_PER_BATCH, (b + 1) * MAX_HOUSEHOLDS_PER_BATCH);
  let response: Response;
  try {
    response = await fetch(`${values.api}/cantons/national/registry/households`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        // A retried call of this run is not applied twice; another run asks afresh (and finds households unchanged).
        'idempotency-key': `registry-import-${digest}-${run}-${b}`,
      },
      body: JSON.stringify({ households: batch }),
    });
  } catch (error) {
    fail(
      `\nCannot reach ${values.api} (${(error as Error).message}). Is \`npm start\` running? Run again to resume.`,
      1,
    );
    break;
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const errors = (answer.errors ?? []) as { pointer?: string; detail: string }[];
    fail(
      `\nBatch ${b + 1}/${batches} refused (${response.status} ${String(answer.detail ?? answer.title ?? '')}):\n` +
        errors.map((e) => `  ${e.pointer ?? ''}: ${e.detail}`).join('\n') +
        `\n${b} batch(es) were loaded; mend the file and import it again.`,
      1,
    );
  }
  done.batches = b + 1;
  done.written += Number(answer.written);
  done.unchanged += Number(answer.unchanged);
  writeFileSync(progressFile, JSON.stringify(done));
  advance(Math.min(households.length, done.batches * MAX_HOUSEHOLDS_PER_BATCH));
}
// Done: a later import of the same file sends it all again (and the API finds it unchanged).
rmSync(progressFile, { force: true });
process.stdout.write(
  `Imported ${households.length} household(s): ${done.written} written, ${done.unchanged} unchanged, 0 error(s).\n`,
);
