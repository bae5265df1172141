import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvocationReport } from '../../lib/local/gateway.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * What the gateway answers before any handler runs is a problem document like every other error: localized,
 * with the right status and headers, and never a bare `{"message": …}`.
 */
let rt: TestRuntime;
const ORIGIN = 'https://consola.inclusion.gob.ec';
const invocations: InvocationReport[] = [];

beforeAll(async () => {
  process.env.SWCS_CORS_ORIGINS = ORIGIN;
  rt = await startTestRuntime({ onInvoke: (report) => invocations.push(report) });
});
afterAll(async () => {
  delete process.env.SWCS_CORS_ORIGINS;
  await rt?.stop();
});

const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${rt.url}${path}`, { method, headers });

describe('the gateway’s own answers', () => {
  it('an unknown route: 404 problem', async () => {
    const answer = await raw('GET', '/nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await answer.json()).toMatchObject({
      type: '/problems/not-found',
      status: 404,
      code: 'not_found',
      instance: '/nothing-here',
      title: 'No encontrado',
    });
  });

  it('a known route with another method: 405 naming the methods it has', async () => {
    const answer = await raw('DELETE', '/cantons/quito/requests', { 'accept-language': 'en' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, POST');
    expect(await answer.json()).toMatchObject({ code: 'method_not_allowed', title: 'Method not allowed' });
  });

  it('no token: 401 with WWW-Authenticate, in the language asked for by q-value', async () => {
    const answer = await raw('GET', '/cantons/quito/requests', { 'accept-language': 'es;q=0.4, en;q=0.8' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.headers.get('content-language')).toBe('en');
    expect(await answer.json()).toMatchObject({
      code: 'unauthorized',
      detail: expect.stringMatching(/token/),
    });
  });

  it('carries the security headers on every answer', async () => {
    for (const answer of [await raw('GET', '/health'), await raw('GET', '/nothing-here')]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers a CORS preflight for a configured origin, and refuses another', async () => {
    const allowed = await raw('OPTIONS', '/cantons/quito/requests', {
      origin: ORIGIN,
      'access-control-request-method': 'POST',
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    const other = await raw('OPTIONS', '/cantons/quito/requests', { origin: 'https://elsewhere.example' });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await raw('GET', '/health', { origin: ORIGIN });
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('reports each function it ran with its own duration, as Lambda does, and none for what it answered itself', async () => {
    invocations.length = 0;
    expect((await raw('GET', '/health')).status).toBe(200);
    expect((await raw('GET', '/cantons/quito/requests')).status).toBe(401);
    expect(invocations).toEqual([
      { operationId: 'getHealth', handler: 'handlers/system/health', durationMs: expect.any(Number) },
    ]);
    expect(invocations[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });
});
