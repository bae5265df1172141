import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeParse } from 'zod/mini';
import { PROBLEM_CODES } from '../../functions/http/problems.js';
import { buildOpenApiDocument } from '../../lib/api/openapi.js';
import { ROUTES } from '../../lib/api/routes.js';
import { conformance } from '../support/conformance.js';
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

// The document's shapes, loosely: tests walk it as data.
type Json = Record<string, any>;
const doc = buildOpenApiDocument() as Json;
const everyOperation = () =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
  );
const isPage = (op: Json) => ROUTES.find((r) => r.operationId === op.operationId)?.page !== undefined;
/** The API's operations; the pages for people (route.page) are held to their own rules below. */
const operations = () => everyOperation().filter(({ op }) => !isPage(op));

describe('the document tells a client what it needs', () => {
  it('is the one the tests check every answer against', async () => {
    const { body } = await rt.api('GET', '/openapi.json');
    expect(body).toEqual(conformance().document);
  });

  it('has an example of each request body and each success answer, each valid against its own schema', () => {
    const { schemaProblems } = conformance();
    for (const { op } of operations()) {
      const route = ROUTES.find((r) => r.operationId === op.operationId);
      const media = op.requestBody?.content['application/json'];
      if (media) {
        const examples = Object.values(media.examples ?? {}) as Json[];
        expect(examples.length, `${op.operationId}: request example`).toBeGreaterThan(0);
        for (const { value } of examples) {
          expect(schemaProblems(media.schema, value), `${op.operationId} request example`).toEqual([]);
          // The API's own validator takes it too: an example a client copies is accepted.
          expect((route?.body && safeParse(route.body, value).error?.issues) ?? [], op.operationId).toEqual(
            [],
          );
        }
      }
      const content = op.responses[String(route?.successStatus)].content;
      // A file answer (a PDF) is described by its media type; its bytes have no JSON example.
      if (route?.file) {
        expect(Object.keys(content), op.operationId).toEqual([route.file.contentType]);
        continue;
      }
      const success = content['application/json'];
      const answers = Object.values(success.examples ?? {}) as Json[];
      expect(answers.length, `${op.operationId}: answer example`).toBeGreaterThan(0);
      for (const { value } of answers) {
        expect(schemaProblems(success.schema, value), `${op.operationId} answer example`).toEqual([]);
      }
    }
  });

  it('describes and exemplifies every parameter, Accept-Language included', () => {
    expect(doc.components.parameters.AcceptLanguage).toMatchObject({ in: 'header', name: 'Accept-Language' });
    const { schemaProblems } = conformance();
    for (const { op } of operations()) {
      expect(op.parameters, op.operationId).toContainEqual({
        $ref: '#/components/parameters/AcceptLanguage',
      });
      for (const parameter of op.parameters.filter((p: Json) => !p.$ref)) {
        const where = `${op.operationId} ${parameter.in} ${parameter.name}`;
        expect(parameter.description, where).toMatch(/\w/);
        if (parameter.example !== undefined && parameter.in === 'path') {
          expect(schemaProblems(parameter.schema, parameter.example), where).toEqual([]);
        }
      }
    }
  });

  it('answers every error as a problem document whose code is one of PROBLEM_CODES', () => {
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(PROBLEM_CODES);
    const { schemaProblems } = conformance();
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (Number(status) < 400) continue;
        const media = response.content?.['application/problem+json'];
        expect(Object.keys(response.content ?? {}), `${op.operationId} ${status}`).toEqual([
          'application/problem+json',
        ]);
        expect(media.schema).toEqual({ $ref: '#/components/schemas/Problem' });
        for (const { value } of Object.values(media.examples ?? {}) as Json[]) {
          expect(value.status, `${op.operationId} ${status}`).toBe(Number(status));
          expect(schemaProblems(media.schema, value), `${op.operationId} ${status}`).toEqual([]);
        }
      }
    }
  });

  it('declares Location on every 201 and the request id on every answer', () => {
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Json)) {
        expect(response.headers?.['X-Request-Id'], `${op.operationId} ${status}`).toBeDefined();
        if (status === '201') expect(response.headers.Location.required).toBe(true);
      }
    }
  });

  it('gives every date and timestamp of an answer its format', () => {
    const unformatted: string[] = [];
    const walk = (schema: unknown, where: string) => {
      if (Array.isArray(schema)) return schema.forEach((s, i) => walk(s, `${where}/${i}`));
      if (!schema || typeof schema !== 'object') return;
      const properties = (schema as Json).properties as Json | undefined;
      for (const [name, property] of Object.entries(properties ?? {})) {
        const timeLike = /(^at$|At$|^date|Date$|^from$|^until$|^acknowledgement$|^counterReferral$)/.test(
          name,
        );
        // A time of day (`08:30`) states its shape as a pattern.
        if (
          timeLike &&
          property.type === 'string' &&
          !property.format &&
          !property.enum &&
          !property.pattern
        ) {
          unformatted.push(`${where}/${name}`);
        }
      }
      for (const [key, value] of Object.entries(schema)) walk(value, `${where}/${key}`);
    };
    // Answers only: HSDS documents keep the open specification's own types.
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) {
      if (!name.startsWith('Hsds')) walk(schema, name);
    }
    expect(unformatted).toEqual([]);
  });
});

describe('the pages for people in the document', () => {
  const pages = everyOperation().filter(({ op }) => isPage(op));

  it('lists the short link pages, public, answering HTML for every status, errors included', () => {
    expect(pages.map(({ method, path }) => `${method} ${path}`)).toEqual(['get /r/{code}', 'post /r/{code}']);
    for (const { op } of pages) {
      expect(op.security).toEqual([]);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        expect(response.headers?.['X-Request-Id'], `${op.operationId} ${status}`).toBeDefined();
        if (status === '303') expect(response.headers.Location.required).toBe(true);
        else if (status !== '429')
          expect(Object.keys(response.content), `${op.operationId} ${status}`).toEqual(['text/html']);
      }
    }
  });

  it('takes a form, not JSON, on the page that answers', () => {
    const post = pages.find(({ method }) => method === 'post')?.op as Json;
    expect(Object.keys(post.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(post.requestBody.content['application/x-www-form-urlencoded'].schema.required).toEqual([
      'csrf',
      'intent',
    ]);
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['303', '400', '403', '404', '409', '410', '429']),
    );
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
