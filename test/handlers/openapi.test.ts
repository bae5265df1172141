import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.stop());

describe('GET /openapi.json', () => {
  it('serves, without a token, an OpenAPI 3.1 document that passes the official schema', async () => {
    const answer = await rt.api('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(answer.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route of the route table, and a bearer token on exactly the protected ones', async () => {
    const { body } = await rt.api('GET', '/openapi.json');
    for (const route of ROUTES) {
      const operation = body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.operationId).toBe(route.operationId);
      expect(operation.security).toEqual(route.auth === 'token' ? [{ bearer: [] }] : []);
    }
  });

  it('shows the same constraints the API enforces', async () => {
    const { body } = await rt.api('GET', '/openapi.json');
    const record = body.components.schemas.RecordRequest;
    expect(record.required).toEqual(
      expect.arrayContaining(['channel', 'citizen', 'contact', 'description', 'consent']),
    );
    expect(record.additionalProperties).toBe(false);
    expect(record.properties.channel.enum).toEqual(['phone', 'walk-in', 'whatsapp', 'email', 'chatbot']);
    const list = body.paths['/cantons/{cantonId}/requests'].get.parameters;
    expect(list.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({
      minimum: 1,
      maximum: 100,
    });
  });
});

describe('GET /health', () => {
  it('answers without a token', async () => {
    const answer = await rt.api('GET', '/health');
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('an unknown path is 404 and a wrong method 405', async () => {
    expect((await rt.api('GET', '/nothing-here')).status).toBe(404);
    expect((await rt.api('DELETE', '/health')).status).toBe(405);
  });
});
