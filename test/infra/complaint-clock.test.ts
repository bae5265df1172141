import { createRequire } from 'node:module';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes.js';
import { loadCantons } from '../../lib/cantons.js';
import { deployedComplaintClockDefinition } from '../../lib/constructs/complaint-clock.js';
import { REFERRAL_EXECUTION_TIMEOUT } from '../../lib/constructs/referral-workflow.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import type { PlatformStack } from '../../lib/platform-stack.js';
import { COMPLAINT_CLOCK_STEP, complaintClockDefinition } from '../../workflows/complaint-clock.js';
import { referralWorkflowDefinition } from '../../workflows/referral-workflow.js';
import { cdkTestContext } from '../support/infra.js';
import { platformResources } from '../support/templates.js';

// Synthesized CloudFormation and ASL are untyped JSON, probed by the tests.
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

let platform: PlatformStack;
let resources: Record<string, Resource>;
let template: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true } });
  platform = addSwcsStacks(app, { stage: 'test', cantons: loadCantons() }).platform;
  template = Template.fromStack(platform);
  resources = platformResources(platform);
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (type: string, prefix: string) => {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found.map(([id]) => id)).toHaveLength(1);
  const [id, resource] = found[0] as [string, Resource];
  return { id, properties: resource.Properties };
};
const machine = () => only('AWS::StepFunctions::StateMachine', 'ComplaintClockStateMachine');
const step = () => only('AWS::Lambda::Function', 'ComplaintClockStepFunction');
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const statementsOfRole = (roleId: string): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);

const FAKE_STEP_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:swcs-test-complaint-clock-step';
const substituted = (definition: unknown) =>
  JSON.parse(JSON.stringify(definition).replaceAll(COMPLAINT_CLOCK_STEP, FAKE_STEP_ARN));

function allStates(definition: Json): [string, Json][] {
  return Object.entries<Json>(definition.States);
}

describe('the complaint clock state machine', () => {
  it('is Standard, traced, and logs ALL events without execution data to its own log group', () => {
    const { properties } = machine();
    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.StateMachineName).toBe('swcs-test-complaint-clock');
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/swcs-test-complaint-clock',
      RetentionInDays: 365,
    });
  });

  it("deploys exactly the workflow module's definition, with its step substituted and the execution timeout", () => {
    const { properties } = machine();
    const placeholders = [...new Set(String(properties.DefinitionString).match(/\$\{[^}]*\}/g))];
    expect(placeholders).toEqual([COMPLAINT_CLOCK_STEP]);
    expect(properties.DefinitionSubstitutions).toEqual({
      ComplaintClockStepArn: { 'Fn::GetAtt': [step().id, 'Arn'] },
    });
    const { TimeoutSeconds, ...rest } = JSON.parse(properties.DefinitionString);
    expect(rest).toEqual(complaintClockDefinition());
    expect(TimeoutSeconds).toBe(REFERRAL_EXECUTION_TIMEOUT.toSeconds());
    expect(deployedComplaintClockDefinition().TimeoutSeconds).toBe(TimeoutSeconds);
  });

  it('passes asl-validator once substituted, uses JSONPath only, and gives every Task a timeout', () => {
    const definition = substituted(JSON.parse(machine().properties.DefinitionString));
    const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
    expect(result.errorsText(), result.errorsText()).toBe('');
    expect([undefined, 'JSONPath']).toContain(definition.QueryLanguage);
    for (const [name, state] of allStates(definition)) {
      expect([undefined, 'JSONPath'], name).toContain(state.QueryLanguage);
      for (const field of ['Arguments', 'Output', 'Assign'])
        expect(state[field], `${name}.${field}`).toBeUndefined();
      if (state.Type === 'Task') {
        expect(state.TimeoutSeconds > 0 || String(state.TimeoutSecondsPath).startsWith('$'), name).toBe(true);
      }
    }
    expect(JSON.stringify(definition)).not.toMatch(/\{%/);
  });

  it("shares the referral workflow's timed phases: the same states, step and wait, for its own record", () => {
    const clock = complaintClockDefinition().States as Record<string, Json>;
    const referral = referralWorkflowDefinition().States as Record<string, Json>;
    const shape = (state: Json, record: string, arn: string) =>
      JSON.parse(JSON.stringify(state).replaceAll(record, 'RECORD').replaceAll(arn, 'STEP'));
    const { phase: _a, ...clockWait } = shape(clock.AwaitAcknowledge, 'complaint', COMPLAINT_CLOCK_STEP)
      .Parameters.Payload;
    const { phase: _b, ...referralWait } = shape(
      referral.AwaitAcknowledgement,
      'referral',
      '${ReferralStepArn}',
    ).Parameters.Payload;
    expect(clockWait).toEqual(referralWait);
    expect(Object.keys(clock).filter((s) => /^(Plan|Await|Fire)/.test(s))).toEqual([
      'PlanAcknowledgeTimer',
      'AwaitAcknowledge',
      'FireAcknowledgeTimer',
      'PlanResolveTimer',
      'AwaitResolve',
      'FireResolveTimer',
    ]);
  });

  it('may invoke its step only; the step answers tokens of this machine only and starts nothing', () => {
    const machineRole = machine().properties.RoleArn['Fn::GetAtt'][0] as string;
    const invoke = statementsOfRole(machineRole).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('lambda:')),
    );
    expect(invoke).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [step().id, 'Arn'] } },
    ]);
    const stepRole = step().properties.Role['Fn::GetAtt'][0] as string;
    const states = statementsOfRole(stepRole).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('states:')),
    );
    expect(states.flatMap(actionsOf).sort()).toEqual([
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'states:SendTaskSuccess',
    ]);
    for (const statement of states) {
      expect(JSON.stringify(resourcesOf(statement))).toContain(':stateMachine:swcs-test-complaint-clock');
    }
    // It e-mails through the canton topics with links to the public address.
    expect(step().properties.Environment.Variables).toHaveProperty('NOTIFICATIONS_TOPIC_ARN');
    expect(step().properties.Environment.Variables).toHaveProperty('SWCS_PUBLIC_URL');
  });

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut'])(
    'raises an alarm on %s (> 0 in 5 minutes)',
    (metric) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metric,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machine().id } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    },
  );
});

describe('route functions and the complaint clock', () => {
  it('gives the routes that answer cases task responses on it; nothing to the others, and no route starts a clock', () => {
    const machineId = machine().id;
    // Opening and appealing write the clock's start to the workflow outbox, in their own transaction.
    const flagged = ROUTES.filter((r) => r.answersComplaintClock).map((r) => r.operationId);
    expect(flagged.sort()).toEqual(['addComplaintActivity', 'resolveComplaint']);
    for (const route of ROUTES) {
      const [, fn] = ofType('AWS::Lambda::Function').find(([, r]) =>
        String(r.Properties.Description).startsWith(`${route.method} ${route.path}:`),
      ) as [string, Resource];
      const env = fn.Properties.Environment.Variables;
      const onMachine = statementsOfRole(fn.Properties.Role['Fn::GetAtt'][0]).filter((s) =>
        JSON.stringify(resourcesOf(s)).includes(`"${machineId}"`),
      );
      expect(env.COMPLAINT_CLOCK_ARN, route.operationId).toBeUndefined();
      expect(onMachine.flatMap(actionsOf), route.operationId).not.toContain('states:StartExecution');
      if (route.answersComplaintClock) {
        expect(onMachine.flatMap(actionsOf), route.operationId).toEqual(
          expect.arrayContaining(['states:SendTaskSuccess']),
        );
      } else {
        expect(onMachine, route.operationId).toEqual([]);
      }
    }
  });
});
