import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type IConfiguration, type IViolation } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rules of `npm run lint` (.dependency-cruiser.cjs) catch what they say they catch: each case is a
 * small tree written to a temporary folder, with exactly one import the rules forbid.
 */
const ruleSet = createRequire(import.meta.url)(resolve('.dependency-cruiser.cjs')) as IConfiguration;

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'swcs-layers-'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes the files of one case under its own folder and cruises its functions/ tree. */
async function violationsOf(name: string, files: Record<string, string>): Promise<IViolation[]> {
  const base = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  // The AWS SDK case resolves a real package, as the repository's imports do.
  symlinkSync(resolve('node_modules'), join(base, 'node_modules'), 'dir');
  const result = await cruise(['functions'], {
    baseDir: base,
    ruleSet: { forbidden: ruleSet.forbidden ?? [] },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    validate: true,
  });
  if (typeof result.output === 'string') throw new Error('expected a JSON result');
  return result.output.summary.violations;
}

const rules = (violations: readonly IViolation[]) => violations.map((v) => v.rule.name);

describe('layering rules', () => {
  it('accept imports that point down', async () => {
    const violations = await violationsOf('down', {
      'functions/kernel/errors.ts': 'export const oops = 1;\n',
      'functions/domain/rule.ts': "import { oops } from '../kernel/errors.js';\nexport const rule = oops;\n",
      'functions/handlers/things/get.ts':
        "import { rule } from '../../domain/rule.js';\nexport const handler = rule;\n",
    });
    expect(violations).toEqual([]);
  });

  it('refuse the domain importing HTTP code', async () => {
    const violations = await violationsOf('up', {
      'functions/http/view.ts': 'export const view = 1;\n',
      'functions/domain/rule.ts': "import { view } from '../http/view.js';\nexport const rule = view;\n",
    });
    expect(rules(violations)).toEqual(['domain-imports-down']);
    expect(violations[0]).toMatchObject({ from: 'functions/domain/rule.ts', to: 'functions/http/view.ts' });
  });

  it('refuse a type-only import across a wall too', async () => {
    const violations = await violationsOf('type-only', {
      'functions/app/use-case.ts': 'export interface Outcome { readonly ok: boolean }\n',
      'functions/kernel/clock.ts':
        "import type { Outcome } from '../app/use-case.js';\nexport type Tick = Outcome;\n",
    });
    expect(rules(violations)).toEqual(['kernel-imports-down']);
  });

  it('refuse a module importing a handler', async () => {
    const violations = await violationsOf('leaf', {
      'functions/handlers/things/get.ts': 'export const notFound = 1;\nexport const handler = notFound;\n',
      'functions/handlers/things/create.ts':
        "import { notFound } from './get.js';\nexport const handler = notFound;\n",
    });
    expect(rules(violations)).toEqual(['handlers-are-leaves']);
  });

  it("refuse a handler loading another capability's routes", async () => {
    const violations = await violationsOf('routes', {
      'functions/http/routes/requests.ts': 'export const requestRoute = 1;\n',
      'functions/http/routes/catalogue.ts': 'export const catalogueRoute = 1;\n',
      'functions/handlers/requests/get.ts':
        "import { requestRoute } from '../../http/routes/requests.js';\n" +
        "import { catalogueRoute } from '../../http/routes/catalogue.js';\n" +
        'export const handler = requestRoute + catalogueRoute;\n',
    });
    expect(rules(violations)).toEqual(['handlers-load-their-own-routes']);
    expect(violations[0]?.to).toBe('functions/http/routes/catalogue.ts');
  });

  it("let a handler load its own operation's route module, and refuse another capability's", async () => {
    const violations = await violationsOf('operation-routes', {
      'functions/http/routes/catalogue/get-service.ts': 'export const getServiceRoute = 1;\n',
      'functions/http/routes/requests/get.ts': 'export const getRequestRoute = 1;\n',
      'functions/handlers/catalogue/get-service.ts':
        "import { getServiceRoute } from '../../http/routes/catalogue/get-service.js';\n" +
        "import { getRequestRoute } from '../../http/routes/requests/get.js';\n" +
        'export const handler = getServiceRoute + getRequestRoute;\n',
    });
    expect(rules(violations)).toEqual(['handlers-load-their-own-routes']);
    expect(violations[0]?.to).toBe('functions/http/routes/requests/get.ts');
  });

  it('refuse functions loading the whole route table', async () => {
    const violations = await violationsOf('table', {
      'lib/api/routes.ts': 'export const ROUTES = [];\n',
      'functions/http/handler.ts':
        "import { ROUTES } from '../../lib/api/routes.js';\nexport const routes = ROUTES;\n",
    });
    expect(rules(violations)).toEqual(['only-the-document-loads-every-route']);
  });

  it('refuse the AWS SDK outside adapters', async () => {
    const violations = await violationsOf('sdk', {
      'functions/domain/notify.ts':
        "import { SNSClient } from '@aws-sdk/client-sns';\nexport const sns = SNSClient;\n",
      'functions/adapters/sns/client.ts':
        "import { SNSClient } from '@aws-sdk/client-sns';\nexport const sns = SNSClient;\n",
    });
    expect(rules(violations)).toEqual(['aws-sdk-in-adapters-only']);
    expect(violations[0]?.from).toBe('functions/domain/notify.ts');
  });

  it('refuse modules that import each other', async () => {
    const violations = await violationsOf('cycle', {
      'functions/domain/a.ts': "import { b } from './b.js';\nexport const a = (): number => b();\n",
      'functions/domain/b.ts': "import { a } from './a.js';\nexport const b = (): number => a();\n",
    });
    expect(new Set(rules(violations))).toEqual(new Set(['no-circular']));
  });
});
