import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedRequest } from '../support/conformance.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The Done-when of the API contract: a client generated from `GET /openapi.json` (openapi-typescript types and
 * openapi-fetch) compiles the README's walk-throughs with no casts and no `any` (walkthroughs.ts), and running
 * them against the single window gives the outcomes the README promises.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const PROGRAM = join(HERE, 'walkthroughs.ts');
const GENERATED = join(HERE, 'generated', 'openapi.ts');

interface Walks {
  walkIntake(options: WalkOptions): Promise<{
    requestId: string;
    recordedStatus: string;
    category: string | undefined;
    assignedOfficer: string | undefined;
    history: string[];
    listed: string[];
  }>;
  walkReferral(options: WalkOptions): Promise<{
    referralId: string;
    referralStatus: string;
    statuses: string[];
    requestStatus: string;
  }>;
  walkComplaint(options: WalkOptions): Promise<{
    clock: string;
    phase: string;
    activity: string | undefined;
    delivery: string | undefined;
    followed: string;
    level: string;
  }>;
}
interface WalkOptions {
  baseUrl: string;
  tokens: { operator: string; officer: string; contact: string };
  fetch?: (request: Request) => Promise<Response>;
}

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
});
afterAll(() => rt.stop());

/** The types, from the document the runtime serves; written whole, then renamed, so no reader sees half a file. */
async function generateTypes() {
  const document = await (await fetch(`${rt.url}/openapi.json`)).text();
  // Fields with a default are optional in requests; openapi-typescript would otherwise make them required.
  const source = astToString(await openapiTS(document, { defaultNonNullable: false }));
  mkdirSync(dirname(GENERATED), { recursive: true });
  const partial = `${GENERATED}.${process.pid}.tmp`;
  writeFileSync(partial, source);
  renameSync(partial, GENERATED);
  return source;
}

function typecheck(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(HERE, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('test/client/tsconfig.json did not parse');
  const program = ts.createProgram(config.fileNames, config.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(HERE.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} `
      : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

/** Every cast (`as`, `<T>x`, `x!`) and every `any` the program writes. */
function castsAndAnys(): string[] {
  const file = ts.createSourceFile(PROGRAM, readFileSync(PROGRAM, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isAsExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node) ||
      node.kind === ts.SyntaxKind.AnyKeyword
    ) {
      found.push(`line ${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('a client generated from /openapi.json', () => {
  it('compiles the README walk-throughs, with no casts and no any', async () => {
    const types = await generateTypes();
    expect(types).toContain('"/cantons/{cantonId}/requests/{requestId}/referrals"');
    expect(castsAndAnys()).toEqual([]);
    expect(typecheck()).toEqual([]);
  });

  it('walks intake and a referral to its counter-referral, every answer as the document says', async () => {
    const walks: Walks = await import(pathToFileURL(PROGRAM).href);
    const options: WalkOptions = {
      baseUrl: rt.url,
      tokens: {
        operator: await rt.token('operator', 'quito'),
        officer: await rt.token('swcs-officer', 'quito'),
        contact: await rt.token('contact-officer', 'quito', 'uio.enlace.lcaiza'),
      },
      fetch: checkedRequest,
    };

    const intake = await walks.walkIntake(options);
    expect(intake).toMatchObject({
      recordedStatus: 'classified',
      category: 'urgent',
      assignedOfficer: 'uio.tecnica1',
      history: ['recorded', 'reclassified', 'assigned'],
    });
    expect(intake.listed).toContain(intake.requestId);

    const referral = await walks.walkReferral(options);
    expect(referral).toMatchObject({
      referralStatus: 'requested',
      statuses: ['accepted', 'completed'],
      requestStatus: 'closed',
    });

    const complaint = await walks.walkComplaint({
      ...options,
      tokens: { ...options.tokens, officer: await rt.token('swcs-officer', 'quito', 'uio.tecnica1') },
    });
    expect(complaint).toEqual({
      clock: 'on-track',
      phase: 'resolve',
      activity: 'done',
      delivery: 'sent',
      followed: 'resolved',
      level: 'national',
    });
  });
});
