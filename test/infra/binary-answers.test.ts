import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryMediaTypesOf, ROUTES } from '../../lib/api/routes.js';
import { loadCantons } from '../../lib/cantons.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { cdkTestContext } from '../support/infra.js';
import { platformResources } from '../support/templates.js';

// synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
let resources: Record<string, Json>;

beforeAll(() => {
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true } });
  const { platform } = addSwcsStacks(app, { stage: 'test', cantons: loadCantons() });
  resources = platformResources(platform);
});

describe('file answers on API Gateway', () => {
  it('the REST API passes the route table’s file types (the PDFs) as binary, and only those', () => {
    const types = binaryMediaTypesOf(ROUTES);
    expect(types).toEqual(['application/pdf']);
    const [api] = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGateway::RestApi');
    expect(api.Properties.BinaryMediaTypes).toEqual(types);
  });

  it('each file route has its function, like any other route', () => {
    const files = ROUTES.filter((r) => r.file);
    expect(files.map((r) => r.operationId)).toContain('getSocialReportPdf');
    const descriptions = Object.values(resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => String(r.Properties.Description));
    for (const route of files) {
      expect(
        descriptions.some((d) => d.startsWith(`${route.method} ${route.path}:`)),
        route.operationId,
      ).toBe(true);
    }
  });
});
