import { App } from 'aws-cdk-lib';
import { cdkTestContext } from '../support/infra.js';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../functions/model/roles.js';
import { ROUTES } from '../../lib/api/routes.js';
import { loadCantons } from '../../lib/cantons.js';
import { platformParameterName } from '../../lib/constructs/platform-parameters.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { TABLE_INDEXES, TIME_TO_LIVE_ATTRIBUTE } from '../../lib/table.js';
import { platformResources } from '../support/templates.js';

// synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  // Synthesized once for the whole file, with bundling replaced by an inline stub (see SwcsFunction).
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true } });
  const { platform } = addSwcsStacks(app, { stage: 'test', cantons: loadCantons() });
  template = Template.fromStack(platform);
  // The route functions sit in the platform's nested stack; the rules below hold for both templates alike.
  resources = platformResources(platform);
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The Lambda function serving a route, found by the description the platform gives it. */
function functionOf(operationId: string): [string, Resource] {
  const route = ROUTES.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`no route ${operationId}`);
  const found = ofType('AWS::Lambda::Function').find(([, r]) =>
    String(r.Properties.Description).startsWith(`${route.method} ${route.path}:`),
  );
  if (!found) throw new Error(`no function for ${operationId}`);
  return found;
}

/** Every statement of every inline policy attached to the function's role. */
function statementsOf(operationId: string): Statement[] {
  const [, fn] = functionOf(operationId);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** "METHOD /path" for an API Gateway method, rebuilt from the resource tree. */
function methodPath(method: Resource): string {
  const parts: string[] = [];
  let ref = method.Properties.ResourceId;
  while (ref?.Ref) {
    const resource = resources[ref.Ref as string];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') break;
    parts.unshift(resource.Properties.PathPart);
    ref = resource.Properties.ParentId;
  }
  return `${method.Properties.HttpMethod} /${parts.join('/')}`;
}

describe('the table', () => {
  it('is retained, protected against deletion, backed up and encrypted with a rotating customer key', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: Match.objectLike({ PointInTimeRecoveryEnabled: true }),
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TableKey'), 'Arn'] },
        },
      }),
    });
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
  });

  it('lets DynamoDB delete expired items (idempotency keys) by the time-to-live attribute of lib/table.ts', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TIME_TO_LIVE_ATTRIBUTE, Enabled: true },
    });
  });

  it('has every GSI of lib/table.ts, projecting all attributes', () => {
    const [[, table]] = ofType('AWS::DynamoDB::Table') as [[string, Resource]];
    const indexes = table.Properties.GlobalSecondaryIndexes as Json[];
    expect(indexes.map((i) => i.IndexName)).toEqual(TABLE_INDEXES.map((i) => i.indexName));
    for (const index of TABLE_INDEXES) {
      expect(indexes.find((i) => i.IndexName === index.indexName)).toEqual({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });
});

describe('the API', () => {
  it('has exactly one method per route in ROUTES', () => {
    const methods = ofType('AWS::ApiGateway::Method').map(([, m]) => methodPath(m));
    expect(methods.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('puts the Cognito authorizer on every token route and none on public routes', () => {
    const [[authorizerId, authorizer]] = ofType('AWS::ApiGateway::Authorizer') as [[string, Resource]];
    expect(authorizer.Properties.Type).toBe('COGNITO_USER_POOLS');
    for (const route of ROUTES) {
      const [, method] = ofType('AWS::ApiGateway::Method').find(
        ([, m]) => m.Properties.OperationName === route.operationId,
      ) as [string, Resource];
      if (route.auth === 'token') {
        expect(method.Properties, route.operationId).toMatchObject({
          AuthorizationType: 'COGNITO_USER_POOLS',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        expect(method.Properties.AuthorizationType, route.operationId).toBe('NONE');
        expect(method.Properties.AuthorizerId, route.operationId).toBeUndefined();
      }
    }
  });

  it('integrates each method with its own function through a Lambda proxy', () => {
    const targets = ofType('AWS::ApiGateway::Method').map(([, m]) => {
      expect(m.Properties.Integration.Type).toBe('AWS_PROXY');
      return JSON.stringify(m.Properties.Integration.Uri);
    });
    expect(new Set(targets).size).toBe(ROUTES.length);
    // One per route, the referral, complaint clock and catalogue import workflows' steps, the function that starts
    // the workflow outbox's executions and the daily holiday-calendar check.
    expect(ofType('AWS::Lambda::Function')).toHaveLength(ROUTES.length + 5);
  });

  it('logs access as JSON, traces, throttles and keeps bodies out of the logs', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          DataTraceEnabled: false,
          LoggingLevel: 'ERROR',
          ThrottlingRateLimit: Match.anyValue(),
          ThrottlingBurstLimit: Match.anyValue(),
        }),
      ]),
    });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('logs the route template, never the path, which for a short link holds its code', () => {
    const stages = ofType('AWS::ApiGateway::Stage');
    expect(stages).toHaveLength(1);
    const format = String(stages[0]?.[1].Properties.AccessLogSetting.Format);
    expect(format).toContain('$context.resourcePath');
    expect(format).not.toMatch(/\$context\.path\b/);
  });
});

describe('the functions', () => {
  it('run on Node.js 22 or newer, on arm64, with active tracing and an explicit log group', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const runtime = String(fn.Properties.Runtime);
      expect(runtime, id).toMatch(/^nodejs\d+\.x$/);
      expect(Number(runtime.match(/\d+/)?.[0]), id).toBeGreaterThanOrEqual(22);
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig?.LogGroup, id).toEqual({ Ref: expect.any(String) });
    }
    for (const [id, group] of ofType('AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it('get TABLE_NAME exactly when they use the table, and the house environment', () => {
    for (const route of ROUTES) {
      const [, fn] = functionOf(route.operationId);
      const env = fn.Properties.Environment.Variables;
      expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(env.POWERTOOLS_SERVICE_NAME).toBe('swcs');
      if (route.tableAccess === 'none') expect(env.TABLE_NAME, route.operationId).toBeUndefined();
      else expect(env.TABLE_NAME, route.operationId).toEqual({ Ref: expect.stringMatching(/^Table/) });
      if (route.cursorKey)
        expect(env.CURSOR_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^CursorSecret/) });
      else expect(env.CURSOR_SECRET_ARN, route.operationId).toBeUndefined();
    }
  });

  it('lets the list function read the cursor secret, and no function without cursorKey', () => {
    const readsSecret = (operationId: string) =>
      statementsOf(operationId).some(
        (s) =>
          actionsOf(s).includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(s.Resource).includes('CursorSecret'),
      );
    expect(readsSecret('listRequests')).toBe(true);
    for (const route of ROUTES.filter((r) => !r.cursorKey)) {
      expect(readsSecret(route.operationId), route.operationId).toBe(false);
    }
  });

  it('gives the secrets extension to exactly the functions that read a secret, and to none other', () => {
    const readers = ROUTES.filter((r) => r.cursorKey || r.nationalIdKey);
    expect(readers.length).toBeGreaterThan(0);
    for (const route of ROUTES) {
      const [, fn] = functionOf(route.operationId);
      const layers = JSON.stringify(fn.Properties.Layers ?? []);
      const port = fn.Properties.Environment.Variables.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
      if (readers.includes(route)) {
        // The AWS-managed layer, resolved per region and for arm64, and the port the adapter asks on.
        expect(layers, route.operationId).toMatch(/Paramsandsecrets.*arm64/i);
        expect(port, route.operationId).toBe('2773');
      } else {
        expect(fn.Properties.Layers, route.operationId).toBeUndefined();
        expect(port, route.operationId).toBeUndefined();
      }
    }
  });

  it('gives a read-only function no write action (and nobody Scan)', () => {
    const readOnly = ROUTES.filter((r) => r.tableAccess === 'read');
    expect(readOnly.length).toBeGreaterThan(0);
    for (const route of readOnly) {
      const actions = statementsOf(route.operationId).flatMap(actionsOf);
      expect(actions).toContain('dynamodb:Query');
      expect(actions).toContain('kms:Decrypt');
      for (const action of actions.filter((a) => a.startsWith('dynamodb:'))) {
        expect(action, route.operationId).toMatch(
          /^dynamodb:(GetItem|BatchGetItem|Query|ConditionCheckItem)$/,
        );
      }
      expect(actions.filter((a) => /^kms:(Encrypt|GenerateDataKey|ReEncrypt)/.test(a))).toEqual([]);
    }
    for (const route of ROUTES) {
      const actions = statementsOf(route.operationId).flatMap(actionsOf);
      expect(actions, route.operationId).not.toContain('dynamodb:Scan');
      if (route.tableAccess === 'none') {
        expect(
          actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')),
          route.operationId,
        ).toEqual([]);
      }
      if (route.tableAccess === 'read-write')
        expect(actions, route.operationId).toContain('dynamodb:PutItem');
    }
  });

  it('grants the indexes by name, and "*" only for X-Ray and direct SMS (what the IAM5 acknowledgements claim)', () => {
    for (const route of ROUTES) {
      for (const statement of statementsOf(route.operationId)) {
        const resourcesOf = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        if (resourcesOf.includes('*')) {
          const actions = actionsOf(statement).sort();
          // A route that sends an SMS itself (a complaint's reply) publishes to a phone number, which has no ARN,
          // and checks first that the number has not opted out (no ARN either).
          if (route.notifies && actions.join() === 'sns:CheckIfPhoneNumberIsOptedOut,sns:Publish') continue;
          expect(actions, route.operationId).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
        }
        expect(JSON.stringify(statement.Resource), route.operationId).not.toContain('/index/*');
      }
    }
    // And no role of the stack carries an AWS managed policy except API Gateway's account-level logging role.
    const managed = ofType('AWS::IAM::Role').filter(([, r]) => r.Properties.ManagedPolicyArns);
    expect(managed.map(([id]) => id)).toEqual([expect.stringMatching(/^ApiCloudWatchRole/)]);
  });
});

describe('identity', () => {
  it('has one group per role', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it("keeps the canton attribute immutable and out of the client's writable attributes", () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'canton', AttributeDataType: 'String', Mutable: false }),
      ]),
    });
    const [[, client]] = ofType('AWS::Cognito::UserPoolClient') as [[string, Resource]];
    expect(client.Properties.WriteAttributes).toBeDefined();
    expect(client.Properties.WriteAttributes).not.toContain('custom:canton');
    expect(client.Properties.ReadAttributes).toContain('custom:canton');
    expect(client.Properties.GenerateSecret).toBe(false);
  });
});

describe('what the platform publishes', () => {
  it('writes the table name, table ARN and key ARN to SSM for canton stacks', () => {
    for (const name of ['table-name', 'table-arn', 'table-key-arn'] as const) {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: platformParameterName('test', name) });
    }
  });

  it('outputs the API URL, user pool id and client id, and exports nothing', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Export?: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(['ApiUrl', 'UserPoolClientId', 'UserPoolId']);
    for (const output of Object.values(outputs)) expect(output.Export).toBeUndefined();
  });
});
