import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { exportHsds } from '../functions/domain/hsds/export.js';
import { importHsds } from '../functions/domain/hsds/import.js';
import { hsdsProblems } from '../functions/domain/hsds/schema.js';
import { shapeOf } from '../functions/domain/hsds/shapes.js';
import { OrganizationInput, ServiceInput } from '../functions/http/schemas/catalogue.js';

/**
 * Checks the HSDS exchange against a local copy of the Open Referral specification (its `examples/` and
 * `schema/compiled/` folders), which the repository does not carry: the official examples are read by the import
 * (shape recognised, no HSDS-level problem, what SWCS needs reported, what it keeps counted) and every export of the
 * seed catalogues validates against the official organization schema. A development check, not a test.
 *
 *   npm run hsds:check -- --spec ../specification
 */
const { values } = parseArgs({ options: { spec: { type: 'string' } } });
if (!values.spec) {
  console.error('usage: npm run hsds:check -- --spec <folder of the Open Referral specification>');
  process.exit(2);
}
const spec = values.spec;
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
let failed = false;

console.log('Official examples read by the import');
for (const name of [
  'organization_full.json',
  'service_full.json',
  'organization_list.json',
  'service_list.json',
]) {
  const document = read(join(spec, 'examples', name));
  const shaped = shapeOf(document);
  const hsds = hsdsProblems(shaped.document);
  const result = importHsds(document);
  if (hsds.length > 0) failed = true;
  const summary = result.ok
    ? `imported; kept without modelling: ${result.kept.reduce((n, k) => n + k.count, 0)} fields`
    : `SWCS needs more: ${result.errors.length} problems, e.g. ${result.errors
        .slice(0, 3)
        .map((e) => `${e.pointer} ${e.problem.en}`)
        .join('; ')}`;
  console.log(`  ${name}: shape ${shaped.shape}; HSDS problems ${hsds.length}; ${summary}`);
  for (const problem of hsds.slice(0, 5)) console.log(`    HSDS: ${problem.pointer} ${problem.problem.en}`);
}

console.log('Exports validated against the official schema');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(read(join(spec, 'schema', 'compiled', 'organization.json')) as object);
for (const file of readdirSync('cantons/catalogue')) {
  const cantonId = file.replace('.json', '');
  const seed = read(join('cantons/catalogue', file)) as { organizations: unknown[]; services: unknown[] };
  const document = exportHsds({
    organizations: seed.organizations.map((o) => OrganizationInput.parse(o)),
    services: seed.services.map((s) => ServiceInput.parse(s)),
    cantonId,
  });
  const invalid = document.organizations.filter((o) => !validate(o));
  if (invalid.length > 0) failed = true;
  console.log(
    `  ${cantonId}: ${document.organizations.length - invalid.length}/${document.organizations.length} valid`,
  );
  if (invalid.length > 0) console.log(`    ${ajv.errorsText(validate.errors)}`);
}
const published = importHsds(read('test/fixtures/hsds/published-organization.json'));
if (published.ok) {
  const document = exportHsds({ ...published, cantonId: 'quito' });
  const valid = document.organizations.every((o) => validate(o));
  if (!valid) failed = true;
  console.log(
    `  a third party's organization, round trip: ${valid ? 'valid' : ajv.errorsText(validate.errors)}`,
  );
}
process.exit(failed ? 1 : 0);
