import { App } from 'aws-cdk-lib';
import { cdkTestContext } from '../support/infra.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../functions/http/problems.js';
import { loadCantons } from '../../lib/cantons.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { platformResources } from '../support/templates.js';

/**
 * On AWS, what API Gateway answers by itself (no token, an unknown route, throttling, a body too large, a function
 * that failed) has the same problem-details shape as the handlers' errors; CORS is answered for configured origins.
 */
// synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
let resources: Record<string, { Type: string; Properties: Record<string, Json> }>;

const synth = (context: Record<string, unknown> = {}) => {
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true, ...context } });
  const { platform } = addSwcsStacks(app, { stage: 'test', cantons: loadCantons() });
  return platformResources(platform) as typeof resources;
};

beforeAll(() => {
  resources = synth({ corsOrigins: 'https://consola.inclusion.gob.ec' });
});

const gatewayResponses = () =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGateway::GatewayResponse')
    .map((r) => r.Properties);

describe('the gateway’s own answers on AWS', () => {
  it('are problem details with a known code, for every response API Gateway sends by itself', () => {
    const responses = gatewayResponses();
    const types = responses.map((r) => r.ResponseType);
    for (const type of ['UNAUTHORIZED', 'MISSING_AUTHENTICATION_TOKEN', 'ACCESS_DENIED', 'THROTTLED']) {
      expect(types).toContain(type);
    }
    for (const type of ['REQUEST_TOO_LARGE', 'DEFAULT_4XX', 'DEFAULT_5XX', 'INTEGRATION_TIMEOUT']) {
      expect(types).toContain(type);
    }
    for (const response of responses) {
      expect(response.ResponseParameters['gatewayresponse.header.Content-Type']).toBe(
        "'application/problem+json'",
      );
      expect(response.ResponseParameters['gatewayresponse.header.X-Content-Type-Options']).toBe("'nosniff'");
      const body = JSON.parse(response.ResponseTemplates['application/json']);
      expect(PROBLEM_CODES).toContain(body.code);
      expect(body.status).toBe(Number(response.StatusCode));
      expect(body).toMatchObject({ type: expect.stringMatching(/^\/problems\//), instance: '$context.path' });
    }
    const unknownRoute = responses.find((r) => r.ResponseType === 'MISSING_AUTHENTICATION_TOKEN');
    expect(unknownRoute?.StatusCode).toBe('404');
  });

  it('answer CORS preflights for the configured origins only, and tell the functions which they are', () => {
    const options = Object.values(resources).filter(
      (r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === 'OPTIONS',
    );
    expect(options.length).toBeGreaterThan(0);
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    const routeFunctions = functions.filter(
      (f) => f.Properties.Environment?.Variables?.SWCS_CORS_ORIGINS !== undefined,
    );
    expect(routeFunctions.length).toBeGreaterThan(30);
    for (const f of routeFunctions) {
      expect(f.Properties.Environment.Variables.SWCS_CORS_ORIGINS).toBe('https://consola.inclusion.gob.ec');
    }
    const without = synth();
    expect(
      Object.values(without).filter(
        (r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === 'OPTIONS',
      ),
    ).toEqual([]);
  });

  it('refuses a CORS origin that is not an https origin, at synthesis', () => {
    expect(() => synth({ corsOrigins: 'http://consola.inclusion.gob.ec/app' })).toThrow(/https:\/\/host/);
  });
});
