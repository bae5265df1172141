import { createRequire } from 'node:module';
import { cdkTestContext } from '../support/infra.js';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes.js';
import { loadCantons } from '../../lib/cantons.js';
import { CATALOGUE_IMPORT_EXECUTION_TIMEOUT } from '../../lib/constructs/catalogue-import-workflow.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import {
  CATALOGUE_IMPORT_STEP,
  catalogueImportWorkflowDefinition,
} from '../../workflows/catalogue-import.js';
import { platformResources } from '../support/templates.js';

/** The catalogue import workflow as the Platform stack deploys it: big HSDS imports outside the API's limit. */
// Synthesized CloudFormation and ASL are untyped JSON, probed by the tests.
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

// asl-validator is CommonJS without type declarations.
type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

let resources: Record<string, Resource>;
let template: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true } });
  const { platform } = addSwcsStacks(app, { stage: 'test', cantons: loadCantons() });
  template = Template.fromStack(platform);
  resources = platformResources(platform);
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const only = (type: string, prefix: string) => {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found.map(([id]) => id)).toHaveLength(1);
  const [id, resource] = found[0] as [string, Resource];
  return { id, properties: resource.Properties };
};
const machine = () => only('AWS::StepFunctions::StateMachine', 'CatalogueImportWorkflowStateMachine');
const step = () => only('AWS::Lambda::Function', 'CatalogueImportWorkflowStepFunction');
const statementsOfRole = (roleId: string) =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
const definition = () =>
  JSON.parse(
    String(machine().properties.DefinitionString).replaceAll(
      CATALOGUE_IMPORT_STEP,
      'arn:aws:lambda:us-east-1:123456789012:function:swcs-test-catalogue-import-step',
    ),
  );
const states = () => Object.entries<Json>(definition().States);

describe('the catalogue import state machine', () => {
  it('is Standard, traced, and logs ALL events without execution data to its own log group', () => {
    const { properties } = machine();
    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.StateMachineName).toBe('swcs-test-catalogue-import');
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/swcs-test-catalogue-import',
    });
  });

  it("deploys exactly the workflow module's definition, plus the execution timeout, and passes asl-validator", () => {
    const { properties } = machine();
    expect(properties.DefinitionSubstitutions).toEqual({
      CatalogueImportStepArn: { 'Fn::GetAtt': [step().id, 'Arn'] },
    });
    const { TimeoutSeconds, ...rest } = definition();
    expect(rest).toEqual(
      JSON.parse(
        JSON.stringify(catalogueImportWorkflowDefinition()).replaceAll(
          CATALOGUE_IMPORT_STEP,
          'arn:aws:lambda:us-east-1:123456789012:function:swcs-test-catalogue-import-step',
        ),
      ),
    );
    expect(TimeoutSeconds).toBe(CATALOGUE_IMPORT_EXECUTION_TIMEOUT.toSeconds());
    const result = aslValidator(structuredClone(definition()), { checkPaths: true, checkArn: true });
    expect(result.errorsText(), result.errorsText()).toBe('');
  });

  it('uses JSONPath only, gives every Task a timeout, and ends every failure in the job (Catch to RecordFailure)', () => {
    expect(definition().QueryLanguage).toBeUndefined();
    for (const [name, state] of states()) {
      for (const field of ['QueryLanguage', 'Arguments', 'Output', 'Assign'])
        expect(state[field], `${name}.${field}`).toBeUndefined();
      if (state.Type !== 'Task') continue;
      expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
      expect(state.Retry?.length, name).toBeGreaterThan(0);
      if (name !== 'RecordFailure') expect(state.Catch?.[0]?.Next, name).toBe('RecordFailure');
    }
  });

  it('may invoke its step (unqualified) and nothing else', () => {
    const roleId = machine().properties.RoleArn['Fn::GetAtt'][0] as string;
    const invoke = statementsOfRole(roleId).filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    expect(invoke).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [step().id, 'Arn'] } },
    ]);
  });

  it('raises an alarm when an import fails', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machine().id } }],
      Threshold: 0,
    });
  });
});

describe('the catalogue import step and routes', () => {
  it('gives the step the table to read and write, and no Step Functions rights', () => {
    const { properties } = step();
    expect(properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^Table/) });
    const statements = statementsOfRole(properties.Role['Fn::GetAtt'][0]);
    expect(statements.flatMap(actionsOf)).toEqual(expect.arrayContaining(['dynamodb:BatchWriteItem']));
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('states:'))).toEqual([]);
  });

  it('lets no route start its executions: the workflow outbox does', () => {
    const functions = ofType('AWS::Lambda::Function');
    for (const route of ROUTES) {
      const [, fn] = functions.find(([, r]) =>
        String(r.Properties.Description).startsWith(`${route.method} ${route.path}:`),
      ) as [string, Resource];
      const env = fn.Properties.Environment.Variables;
      const starts = statementsOfRole(fn.Properties.Role['Fn::GetAtt'][0]).filter((s) =>
        JSON.stringify(resourcesOf(s)).includes(`"${machine().id}"`),
      );
      expect(env.CATALOGUE_IMPORT_WORKFLOW_ARN, route.operationId).toBeUndefined();
      expect(starts, route.operationId).toEqual([]);
    }
  });
});
