import { parseArgs } from 'node:util';
import { MAX_PUBLIC_ORIGIN_LENGTH, PublicAddressError } from '../functions/domain/public-address.js';
import { CantonDefinitionError } from '../lib/cantons.js';
import { ClockBehindDataError } from '../lib/local/clock-file.js';
import { warnOfHolidayGaps } from '../lib/holiday-warnings.js';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  LOCAL_CITIZEN_MAIL_FROM,
  startLocalRuntime,
} from '../lib/local/runtime.js';

/** `npm start`: the whole single window on this machine. `npm start -- --help` lists the options. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SWCS_PORT ?? String(DEFAULT_PORT) },
    host: { type: 'string', default: process.env.SWCS_HOST ?? '127.0.0.1' },
    data: { type: 'string', default: process.env.SWCS_DATA_DIR ?? DEFAULT_DATA_DIR },
    'in-memory': { type: 'boolean', default: false },
    'clock-factor': { type: 'string', default: process.env.SWCS_CLOCK_FACTOR ?? '1' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(`Usage: npm start -- [options]
  --port N        HTTP port (default ${DEFAULT_PORT}, or SWCS_PORT)
  --host H        address to listen on (default 127.0.0.1, or SWCS_HOST)
  --data DIR      data folder: database, signing key, cursor secret (default ${DEFAULT_DATA_DIR}, or SWCS_DATA_DIR)
  --in-memory     keep the database in memory; nothing survives a restart
  --clock-factor N  run the product's clock N times faster (e.g. 1440: a day per minute) to watch reminders
                  and escalations fire (or SWCS_CLOCK_FACTOR)
Environment:
  SWCS_PUBLIC_URL the public address notices link to (default: where this runtime listens); https, and an
                  origin of at most ${MAX_PUBLIC_ORIGIN_LENGTH} characters so that its short links fit a one-segment SMS
  SWCS_CITIZEN_MAIL_FROM  the address citizens' e-mails come from (default ${LOCAL_CITIZEN_MAIL_FROM}); "none" runs
                  as a stage with no citizenMail setting, whose e-mail replies are recorded as failed
`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a whole number from 0 to 65535 (got "${values.port}")\n`);
  process.exit(2);
}

const clockFactor = Number(values['clock-factor']);
if (!(clockFactor >= 1)) {
  process.stderr.write(`--clock-factor must be a number of at least 1 (got "${values['clock-factor']}")\n`);
  process.exit(2);
}

try {
  const runtime = await startLocalRuntime({
    clockFactor,
    port,
    host: values.host,
    dataDir: values.data,
    inMemory: values['in-memory'],
    ...(process.env.SWCS_PUBLIC_URL ? { publicUrl: process.env.SWCS_PUBLIC_URL } : {}),
    ...(process.env.SWCS_CITIZEN_MAIL_FROM
      ? {
          citizenMailFrom:
            process.env.SWCS_CITIZEN_MAIL_FROM === 'none' ? false : process.env.SWCS_CITIZEN_MAIL_FROM,
        }
      : {}),
  });
  const canton = runtime.cantons.find((c) => c.level === 'canton') ?? runtime.cantons[0];
  const cantonId = canton?.id ?? 'quito';
  // A token is signed with the key of the data folder: another folder needs the same --data, or the API says 401.
  const dataFlag = values.data === DEFAULT_DATA_DIR ? '' : ` --data ${shellQuote(values.data)}`;
  process.stdout.write(`
SWCS — Ventanilla Única de Servicios Ciudadanos, running locally
  API:        ${runtime.url}   (document: ${runtime.url}/openapi.json)
  Data:       ${values['in-memory'] ? 'in memory (lost on exit)' : runtime.dataDir}
  Links:      ${runtime.publicUrl}   (the public address in every notice)
  Outbox:     ${runtime.url}/_local/outbox   (every SMS and e-mail the cloud would send)${
    clockFactor > 1 ? `\n  Clock:      ${clockFactor}× faster than real time` : ''
  }
  Cantons:    ${runtime.cantons.map((c) => c.id).join(', ')}

Get a token (in another terminal):
  TOKEN=$(npm run -s token -- --role operator --canton ${cantonId}${dataFlag})

Record a first request:
  curl -s -X POST ${runtime.url}/cantons/${cantonId}/requests \\
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
    -d '{"channel":"phone","citizen":{"identification":"national-id","nationalId":"1710034065"},
         "contact":{"phone":"+593991234567"},"description":"Necesita información sobre el bono",
         "classification":{"category":"general-information","subcategory":"programs-and-services"},
         "consent":{"dataSharing":"given"}}'

Press Ctrl-C to stop.
`);
  // After the banner, so that it is the last thing on screen: deadlines are early while a year is missing.
  warnOfHolidayGaps(runtime.cantons);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping… ');
    await runtime.close();
    process.stdout.write('stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (
    error instanceof CantonDefinitionError ||
    error instanceof PublicAddressError ||
    error instanceof ClockBehindDataError
  ) {
    process.stderr.write(`${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`Port ${port} is in use: stop what uses it, or choose another with --port.\n`);
  } else {
    process.stderr.write(`Could not start: ${(error as Error).stack ?? error}\n`);
  }
  process.exit(1);
}

/** A folder name as a shell would need it in the printed command. */
function shellQuote(value: string): string {
  return /^[\w./~-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
