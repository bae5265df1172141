import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../functions/model/roles.js';
import { CantonDefinitionError, loadCantons } from '../lib/cantons.js';
import { DEFAULT_DATA_DIR } from '../lib/local/runtime.js';
import { issueToken, loadOrCreateSigningKeys } from '../lib/local/tokens.js';

/**
 * `npm run token -- --role operator --canton quito`: prints a bearer token for the local runtime, signed with the
 * key in the data folder, for a staff member of that canton (the first one with the role, unless --user is given).
 */
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    canton: { type: 'string' },
    user: { type: 'string' },
    ttl: { type: 'string', default: '28800' },
    data: { type: 'string', default: process.env.SWCS_DATA_DIR ?? DEFAULT_DATA_DIR },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values.role || !values.canton) {
  process.stdout
    .write(`Usage: npm run -s token -- --role ROLE [--role ROLE] --canton ID [--user ID] [--ttl SECONDS] [--data DIR]
  --role ROLE     one of: ${ROLES.join(', ')} (repeat it, or separate with commas, for several)
  --canton ID     the canton the user works in
  --user ID       the user id (default: the canton's first staff member with the role)
  --ttl SECONDS   how long the token is valid (default 28800: 8 hours)
  --data DIR      the data folder of the runtime that will check the token, whose key signs it (default
                  ${DEFAULT_DATA_DIR}, or SWCS_DATA_DIR): use the same --data as \`npm start\`, or it answers 401
`);
  process.exit(values.help ? 0 : 2);
}

const roles = (values.role ?? []).flatMap((r) => r.split(','));
const unknown = roles.filter((r) => !isRole(r));
if (unknown.length > 0) fail(`Unknown role(s): ${unknown.join(', ')}. Roles: ${ROLES.join(', ')}`);

let cantons: ReturnType<typeof loadCantons> = [];
try {
  cantons = loadCantons();
} catch (error) {
  fail(error instanceof CantonDefinitionError ? error.message : String(error));
}
const canton = cantons.find((c) => c.id === values.canton);
if (!canton) fail(`Unknown canton "${values.canton}". Cantons: ${cantons.map((c) => c.id).join(', ')}`);

const userId =
  values.user ??
  canton?.staff.find((s) => roles.some((r) => (s.roles as string[]).includes(r)))?.id ??
  `${values.canton}.${roles[0]}`;
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail(`--ttl must be a positive number of seconds`);

const keys = await loadOrCreateSigningKeys(resolve(values.data ?? DEFAULT_DATA_DIR));
process.stdout.write(
  `${await issueToken(keys, { userId, cantonId: values.canton as string, roles, ttlSeconds })}\n`,
);
