import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanBody, repeatedKey } from '../../functions/http/input.js';
import { ROLES } from '../../functions/model/roles.js';
import { ROUTES } from '../../lib/api/routes.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * No input reaches a 5xx: arbitrary bodies, path ids, query strings and headers against every route of the route
 * table, on the real gateway and handlers. A 4xx is the only acceptable refusal; a 500 is a bug, whatever it was
 * sent. Runs are bounded (a fixed seed per route, a few dozen cases each) so the suite stays fast.
 */
let rt: TestRuntime;
let token: string;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  // Every role at once, so that the role check lets each request reach validation and the logic behind it.
  token = await rt.token([...ROLES], 'quito', 'uio.coordinadora');
});
afterAll(() => rt?.stop());

/** Numbers JSON can carry that DynamoDB cannot store, texts with controls and invisible characters. */
const nastyNumber = fc.constantFrom(5e-324, 1e-200, 9007199254740993, -1e300, 1e126, 0.1, -0, 2 ** 53);
const nastyText = fc.constantFrom(
  '\u0000',
  'a\u0007b',
  '\u200B\u200B',
  '\uFEFF',
  '\u202E',
  '%E0%A4%A',
  '\uD800',
);
const leaf = fc.oneof(fc.jsonValue({ maxDepth: 0 }), nastyNumber, nastyText, fc.string({ maxLength: 30 }));
const jsonish = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')),
      tie('node'),
      {
        maxKeys: 5,
      },
    ),
  ),
})).node;

/** A valid intake body with one field replaced by something arbitrary: the nearest misses find the deepest bugs. */
const mutatedIntake = fc
  .tuple(fc.constantFrom(...Object.keys(intakeBody())), jsonish)
  .map(([key, value]) => ({ ...intakeBody(), [key]: value }));

const segment = fc.oneof(
  fc.constantFrom(
    '%E0%A4%A',
    '%ZZ',
    '%00',
    '..',
    '%2F',
    'x'.repeat(300),
    '01JDA6Z8Y3N5Q2W4E6R8T0Y2V4',
    'quito',
  ),
  fc.stringMatching(/^[A-Za-z0-9%._~-]{1,20}$/),
);
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'limit', 'cursor', 'to', 'from'),
        fc.string(),
      ),
      fc.oneof(fc.constantFrom('9999-12-31T23:59:59-23:59', '-1', '1e400', 'NaN', '%ZZ'), fc.string()),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${rt.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, text };
}

describe('no input reaches a 5xx', () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 4, maxLength: 4 }),
          queryString,
          withBody ? fc.oneof(jsonish, mutatedIntake) : fc.constant(undefined),
          fc.constantFrom('es', 'en;q=0.5, es;q=0.9', '*', 'fr', 'en-US,en;q=0.1'),
          async (ids, query, body, language) => {
            let i = 0;
            // Real ids for the canton, arbitrary ones for the rest: the canton is the part most paths share.
            const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
              name === 'cantonId' ? 'quito' : (ids[i++ % ids.length] as string),
            );
            const answer = await send(
              route.method,
              `${path}${query ? `?${query}` : ''}`,
              body === undefined ? undefined : JSON.stringify(body),
              { 'accept-language': language },
            );
            expect(answer.status, `${route.method} ${path}?${query} ${answer.text}`).toBeLessThan(500);
          },
        ),
        { numRuns: 15, seed: 20261201 },
      );
    });
  }

  it('refuses a repeated key, a control character and an unstorable number, naming where', async () => {
    const repeated = await send('POST', '/cantons/quito/requests', '{"channel":"phone","channel":"walk-in"}');
    expect(repeated.status).toBe(400);
    expect(JSON.parse(repeated.text).errors).toEqual([
      { pointer: '/channel', detail: expect.stringMatching(/repetida|repeated/) },
    ]);
    const control = await send(
      'POST',
      '/cantons/quito/requests',
      JSON.stringify(intakeBody({ description: 'a\u0000b' })),
    );
    expect(JSON.parse(control.text).errors).toEqual([
      { pointer: '/description', detail: expect.stringMatching(/control/) },
    ]);
    const tiny = await send(
      'PATCH',
      '/cantons/quito/services/psj-albergue-emergencias/availability',
      '{"available": 5e-324}',
    );
    expect(tiny.status).toBe(400);
    expect(JSON.parse(tiny.text).errors[0]).toMatchObject({ pointer: '/available' });
    const invisible = await send(
      'POST',
      '/cantons/quito/requests',
      JSON.stringify(intakeBody({ description: '\u200B\u200B' })),
    );
    expect(invisible.status).toBe(400);
    expect(JSON.parse(invisible.text).errors[0]).toMatchObject({ pointer: '/description' });
  });

  it('refuses an undecodable path id and an unknown query parameter as 400 problems', async () => {
    const path = await send('GET', '/cantons/quito/requests/%E0%A4%A');
    expect(path.status).toBe(400);
    expect(JSON.parse(path.text)).toMatchObject({
      code: 'invalid_input',
      errors: [{ parameter: 'requestId' }],
    });
    const farDate = await send(
      'GET',
      `/cantons/quito/requests?to=${encodeURIComponent('9999-12-31T23:59:59-23:59')}`,
    );
    expect(farDate.status).toBe(400);
    expect(JSON.parse(farDate.text).errors[0]).toMatchObject({ parameter: 'to' });
    const query = await send('GET', '/cantons/quito/requests?__proto__=1&constructor=2');
    expect(query.status).toBe(400);
    expect(
      JSON.parse(query.text)
        .errors.map((e: { parameter: string }) => e.parameter)
        .sort(),
    ).toEqual(['__proto__', 'constructor']);
  });
});

describe('the body checks', () => {
  it('find no repeated key in any JSON a serializer writes, and find the one inserted', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(repeatedKey(JSON.stringify(value))).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), fc.jsonValue(), (key, a, b) => {
        const text = `{"x":[{${JSON.stringify(key)}:${JSON.stringify(a)},${JSON.stringify(key)}:${JSON.stringify(b)}}]}`;
        expect(repeatedKey(text)).toEqual({ path: 'x.0', key });
      }),
    );
  });

  it('keep every key and every storable number, and are stable when applied again', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const plain = JSON.parse(JSON.stringify(value)) as unknown;
        const once = cleanBody(plain);
        const twice = cleanBody(once.value);
        expect(twice.value).toEqual(once.value);
        expect(twice.problems).toEqual(once.problems);
        const keys = (v: unknown): string[] =>
          v && typeof v === 'object' ? Object.entries(v).flatMap(([k, item]) => [k, ...keys(item)]) : [];
        expect(keys(once.value)).toEqual(keys(plain));
        if (typeof plain === 'number' && Number.isSafeInteger(plain)) expect(once.value).toBe(plain);
      }),
    );
  });
});
