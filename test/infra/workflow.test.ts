import { createRequire } from 'node:module';
import { cdkTestContext } from '../support/infra.js';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../lib/api/routes.js';
import { CANTONS_DIR, loadCantons } from '../../lib/cantons.js';
import {
  cantonNotificationsKeyAlias,
  cantonNotificationsTopicName,
  cantonNotificationsTopicParameterName,
  subscriptionsByAddress,
} from '../../lib/constructs/canton-notifications.js';
import { operationsTopicName } from '../../lib/constructs/operations-alerts.js';
import { emailRecipients } from '../../lib/canton-stack.js';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import {
  REFERRAL_EXECUTION_TIMEOUT,
  type ReferralWorkflow,
  referralWorkflowParameterName,
} from '../../lib/constructs/referral-workflow.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { PlatformStack } from '../../lib/platform-stack.js';
import { REFERRAL_STEP, referralWorkflowDefinition } from '../../workflows/referral-workflow.js';
import { platformResources } from '../support/templates.js';

// Synthesized CloudFormation and ASL are untyped JSON, probed by the tests.
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Json };

// asl-validator is CommonJS without type declarations.
type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

/** A route that uses the workflow, so that the flag is checked even before the real referral routes exist. */
const WORKFLOW_ROUTE: RouteDefinition = {
  operationId: 'answerTestReferral',
  method: 'POST',
  path: '/cantons/{cantonId}/test-referrals/{referralId}/answer',
  handler: 'referrals/test-answer',
  auth: 'token',
  roles: ['contact-officer'],
  tableAccess: 'read-write',
  answersReferralWorkflow: true,
  summary: 'A route with answersReferralWorkflow, for this test only',
  tag: 'referrals',
  successStatus: 200,
};

const cantons = loadCantons();
let platform: PlatformStack;
let workflow: ReferralWorkflow;
let resources: Record<string, Resource>;
let template: Template;
/** A platform built with WORKFLOW_ROUTE added to the route table. */
let withRoute: Record<string, Resource>;
const cantonResources = new Map<string, Record<string, Resource>>();

beforeAll(() => {
  const context = { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true };
  const app = new App({ context });
  const stacks = addSwcsStacks(app, { stage: 'test', cantons });
  platform = stacks.platform;
  workflow = platform.referralWorkflow;
  template = Template.fromStack(platform);
  resources = platformResources(platform);
  for (const stack of stacks.cantons) {
    cantonResources.set(stack.definition.id, Template.fromStack(stack).toJSON().Resources);
  }
  const other = new PlatformStack(new App({ context }), 'WithWorkflowRoute', {
    stage: 'test',
    routes: [...ROUTES, WORKFLOW_ROUTE],
  });
  withRoute = platformResources(other);
});

const ofType = (from: Record<string, Resource>, type: string) =>
  Object.entries(from).filter(([, r]) => r.Type === type);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const logicalId = (from: Record<string, Resource>, type: string, prefix: string) => {
  const found = ofType(from, type).filter(([id]) => id.startsWith(prefix));
  expect(
    found.map(([id]) => id),
    `${type} ${prefix}`,
  ).toHaveLength(1);
  return (found[0] as [string, Resource])[0];
};

/** Every statement of every inline policy attached to a role. */
function statementsOfRole(from: Record<string, Resource>, roleId: string): Statement[] {
  return ofType(from, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** An ARN or name as IAM sees it, with the pseudo parameters written the way cdk-nag writes them. */
function flatten(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value?.Ref === 'string') return `<${value.Ref}>`;
  if (value?.['Fn::GetAtt']) return `<${(value['Fn::GetAtt'] as string[]).join('.')}>`;
  if (value?.['Fn::Join']) return (value['Fn::Join'][1] as Json[]).map(flatten).join('');
  throw new Error(`cannot flatten ${JSON.stringify(value)}`);
}

/** IAM's wildcard matching ("*" is any run of characters, "/" included). */
const iamMatches = (pattern: string, value: string) =>
  new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`).test(value);
const escapeRegExp = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

const FAKE_STEP_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:swcs-test-referral-step';
const substituted = (definition: unknown) =>
  JSON.parse(JSON.stringify(definition).replaceAll(REFERRAL_STEP, FAKE_STEP_ARN));

const stateMachine = () => {
  const id = logicalId(resources, 'AWS::StepFunctions::StateMachine', 'ReferralWorkflowStateMachine');
  return { id, properties: (resources[id] as Resource).Properties };
};
const stepFunction = () => {
  const id = logicalId(resources, 'AWS::Lambda::Function', 'ReferralWorkflowStepFunction');
  return { id, properties: (resources[id] as Resource).Properties };
};

/** Every state of the definition, nested ones (Parallel branches, Map processors) included. */
function allStates(definition: Json): [string, Json][] {
  const states: [string, Json][] = [];
  const visit = (node: Json) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (node.States && typeof node.States === 'object') states.push(...Object.entries<Json>(node.States));
      Object.values(node).forEach(visit);
    }
  };
  visit(definition);
  return states;
}

describe('the referral state machine', () => {
  it('is Standard, traced, and logs ALL events without execution data to its own log group', () => {
    const { properties } = stateMachine();
    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.StateMachineName).toBe('swcs-test-referral');
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.LoggingConfiguration).toEqual({
      Level: 'ALL',
      IncludeExecutionData: false,
      Destinations: [
        {
          CloudWatchLogsLogGroup: {
            LogGroupArn: { 'Fn::GetAtt': [expect.stringMatching(/^ReferralWorkflowLogs/), 'Arn'] },
          },
        },
      ],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/swcs-test-referral',
      RetentionInDays: 365,
    });
  });

  it("deploys exactly the workflow module's definition, plus the execution timeout", () => {
    const { properties } = stateMachine();
    expect(typeof properties.DefinitionString).toBe('string');
    // The only placeholder is the step's ARN, and CloudFormation substitutes the function's ARN for it.
    const placeholders = [...new Set(String(properties.DefinitionString).match(/\$\{[^}]*\}/g))];
    expect(placeholders).toEqual([REFERRAL_STEP]);
    expect(properties.DefinitionSubstitutions).toEqual({
      ReferralStepArn: { 'Fn::GetAtt': [stepFunction().id, 'Arn'] },
    });

    const { TimeoutSeconds, ...rest } = substituted(JSON.parse(properties.DefinitionString));
    expect(rest).toEqual(substituted(referralWorkflowDefinition()));
    expect(TimeoutSeconds).toBe(REFERRAL_EXECUTION_TIMEOUT.toSeconds());
    // Shorter than the year after which Step Functions stops a Standard execution itself.
    expect(TimeoutSeconds).toBeLessThan(365 * 24 * 3600);
    expect(TimeoutSeconds).toBeGreaterThanOrEqual(364 * 24 * 3600);
  });

  it('passes asl-validator once substituted', () => {
    const definition = substituted(JSON.parse(stateMachine().properties.DefinitionString));
    // structuredClone: the validator writes a QueryLanguage into every state it checks.
    const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
    expect(result.errorsText(), result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('uses JSONPath only (the local interpreter ignores JSONata)', () => {
    const definition = JSON.parse(stateMachine().properties.DefinitionString);
    expect([undefined, 'JSONPath']).toContain(definition.QueryLanguage);
    const states = allStates(definition);
    expect(states.length).toBeGreaterThan(0);
    for (const [name, state] of states) {
      expect([undefined, 'JSONPath'], name).toContain(state.QueryLanguage);
      // The JSONata-only fields, and Assign, which the local interpreter ignores too.
      for (const field of ['Arguments', 'Output', 'Assign'])
        expect(state[field], `${name}.${field}`).toBeUndefined();
    }
    expect(JSON.stringify(definition)).not.toMatch(/\{%/);
  });

  it('gives every Task state a timeout', () => {
    const tasks = allStates(JSON.parse(stateMachine().properties.DefinitionString)).filter(
      ([, state]) => state.Type === 'Task',
    );
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, task] of tasks) {
      const hasTimeout =
        (typeof task.TimeoutSeconds === 'number' && task.TimeoutSeconds > 0) ||
        (typeof task.TimeoutSecondsPath === 'string' && task.TimeoutSecondsPath.startsWith('$'));
      expect(hasTimeout, name).toBe(true);
    }
  });

  it('may invoke the step function (unqualified) and nothing else', () => {
    const roleId = stateMachine().properties.RoleArn['Fn::GetAtt'][0] as string;
    const statements = statementsOfRole(resources, roleId);
    const invoke = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    expect(invoke).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: { 'Fn::GetAtt': [stepFunction().id, 'Arn'] },
      },
    ]);
    for (const statement of statements.filter((s) => resourcesOf(s).includes('*'))) {
      // What CDK adds for logging and tracing, which AWS only accepts on "*".
      for (const action of actionsOf(statement)) expect(action).toMatch(/^(logs|xray):/);
    }
  });

  it('publishes its ARN to SSM', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: referralWorkflowParameterName('test'),
      Value: { Ref: stateMachine().id },
    });
  });

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut'])(
    'raises an alarm on %s (> 0 in 5 minutes)',
    (metric) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metric,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: stateMachine().id } }],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    },
  );
});

describe('the referral step function', () => {
  const statements = () => statementsOfRole(resources, stepFunction().properties.Role['Fn::GetAtt'][0]);

  it('has the table, the stage and the house environment', () => {
    const env = stepFunction().properties.Environment.Variables;
    expect(env.TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^Table/) });
    expect(env.SWCS_STAGE).toBe('test');
    expect(env.POWERTOOLS_SERVICE_NAME).toBe('swcs');
    expect(env.POWERTOOLS_METRICS_NAMESPACE).toBe('SWCS');
    expect(flatten(env.NOTIFICATIONS_TOPIC_ARN)).toBe(
      'arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:swcs-test-{canton}-notifications',
    );
    const actions = statements().flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']),
    );
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('reads the national ID key through the secrets extension, as an automatic re-route plans a referral', () => {
    const fn = stepFunction().properties;
    expect(fn.Environment.Variables.NATIONAL_ID_KEY_ARN).toEqual({
      Ref: expect.stringMatching(/^NationalIdKey/),
    });
    expect(fn.Environment.Variables.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT).toBe('2773');
    expect(JSON.stringify(fn.Layers)).toMatch(/Paramsandsecrets.*arm64/i);
    const reads = statements().filter(
      (s) =>
        actionsOf(s).includes('secretsmanager:GetSecretValue') &&
        JSON.stringify(s.Resource).includes('NationalIdKey'),
    );
    expect(reads).toHaveLength(1);
    // The one secret it needs: cursors are the API's, never the workflow's.
    expect(JSON.stringify(statements())).not.toContain('CursorSecret');
  });

  it('may publish SMS and check opt-outs (Resource "*", alone in its policy) and publish to canton notifications topics', () => {
    const publish = statements().filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(publish.map((s) => resourcesOf(s).map(flatten))).toEqual(
      expect.arrayContaining([
        ['*'],
        ['arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:swcs-test-*-notifications'],
      ]),
    );
    const smsPolicies = ofType(resources, 'AWS::IAM::Policy').filter(([id]) =>
      id.startsWith('ReferralWorkflowSmsPolicy'),
    );
    expect(smsPolicies).toHaveLength(1);
    const [smsStatement, ...others] = smsPolicies[0]?.[1].Properties.PolicyDocument.Statement as Statement[];
    expect(others).toEqual([]);
    expect(smsStatement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect(actionsOf(smsStatement as Statement).sort()).toEqual([
      'sns:CheckIfPhoneNumberIsOptedOut',
      'sns:Publish',
    ]);
    // Apart from that one, "*" is X-Ray's only (what SwcsFunction's acknowledgement says).
    for (const statement of statements().filter((s) => resourcesOf(s).includes('*'))) {
      const actions = actionsOf(statement).sort();
      if (actions.includes('sns:Publish'))
        expect(actions).toEqual(['sns:CheckIfPhoneNumberIsOptedOut', 'sns:Publish']);
      else expect(actions).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it("reads canton topic parameters, uses canton notification keys through SNS, answers its own workflow's tokens and starts its executions", () => {
    const all = statements();
    const ssm = all.filter((s) => actionsOf(s).some((a) => a.startsWith('ssm:')));
    expect(ssm.flatMap(actionsOf)).toEqual(['ssm:GetParameter']);
    expect(ssm.flatMap(resourcesOf).map(flatten)).toEqual([
      'arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/swcs/test/cantons/*/notifications-topic-arn',
    ]);

    const cantonKeys = all.filter((s) => flatten(resourcesOf(s)[0]).endsWith(':key/*'));
    expect(cantonKeys).toHaveLength(1);
    expect(actionsOf(cantonKeys[0] as Statement).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect((cantonKeys[0] as Statement).Condition).toEqual({
      'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/swcs/test/*/notifications' },
      StringEquals: {
        'kms:ViaService': { 'Fn::Join': ['', ['sns.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
      },
    });

    const states = all.filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));
    // No StartExecution: an automatic re-route (onBreach: "re-route") writes the next referral's start to the
    // workflow outbox, which the table's stream starts (WorkflowStarts).
    expect(states.flatMap(actionsOf).sort()).toEqual([
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'states:SendTaskSuccess',
    ]);
    expect([...new Set(states.flatMap(resourcesOf).map(flatten))]).toEqual([
      'arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:swcs-test-referral',
    ]);
    expect(stepFunction().properties.Environment.Variables.REFERRAL_WORKFLOW_ARN).toBeUndefined();
  });

  it('carries narrow acknowledgements only: "*" on the SMS policy, canton patterns on the canton policy', () => {
    const acknowledged = workflow.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) =>
            Object.keys(entry.data as Record<string, string>).map(
              (id) =>
                `${construct.node.path.replace(/^Swcs-test-Platform\/ReferralWorkflow\//, '')} ` +
                id.replace(/^annotation::/i, ''),
            ),
          ),
      );
    expect(acknowledged.sort()).toEqual(
      [
        'CantonPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
        'CantonPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:swcs-test-*-notifications]',
        'CantonPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/swcs/test/cantons/*/notifications-topic-arn]',
        'SmsPolicy AwsSolutions-IAM5[Resource::*]',
        'StateMachine/Role/DefaultPolicy AwsSolutions-IAM5[Resource::*]',
        'Step/Role/DefaultPolicy AwsSolutions-IAM5[Resource::*]',
      ].sort(),
    );
  });
});

describe('route functions and the workflow', () => {
  /** The function serving a route, found by the description the platform gives it. */
  function functionOf(from: Record<string, Resource>, route: RouteDefinition): Resource {
    const found = ofType(from, 'AWS::Lambda::Function').filter(([, r]) =>
      String(r.Properties.Description).startsWith(`${route.method} ${route.path}:`),
    );
    expect(found, route.operationId).toHaveLength(1);
    return (found[0] as [string, Resource])[1];
  }

  function checkRoutes(from: Record<string, Resource>, routes: readonly RouteDefinition[]) {
    const machineId = logicalId(from, 'AWS::StepFunctions::StateMachine', 'ReferralWorkflowStateMachine');
    for (const route of routes) {
      const fn = functionOf(from, route);
      const env = fn.Properties.Environment.Variables;
      const states = statementsOfRole(from, fn.Properties.Role['Fn::GetAtt'][0]).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('states:')),
      );
      // No route function starts an execution or is told the machine's ARN: the workflow outbox starts them.
      expect(env.REFERRAL_WORKFLOW_ARN, route.operationId).toBeUndefined();
      expect(states.flatMap(actionsOf), route.operationId).not.toContain('states:StartExecution');
      if (route.answersReferralWorkflow) {
        expect(states.flatMap(actionsOf)).toEqual(
          expect.arrayContaining(['states:SendTaskSuccess', 'states:SendTaskFailure']),
        );
        // On the referral state machine only: no other machine, no executions wildcard.
        for (const statement of states)
          expect(resourcesOf(statement), route.operationId).toEqual([{ Ref: machineId }]);
      } else {
        // Nothing on the referral state machine (the catalogue import starts its own: catalogue-import.test.ts).
        const onMachine = states.filter((s) => JSON.stringify(resourcesOf(s)).includes(`"${machineId}"`));
        expect(onMachine, route.operationId).toEqual([]);
      }
    }
  }

  it('gives routes with answersReferralWorkflow task responses on the state machine only, and no route StartExecution', () => {
    checkRoutes(withRoute, [...ROUTES, WORKFLOW_ROUTE]);
  });

  it('does the same for the real route table, and nothing to the other routes', () => {
    checkRoutes(resources, ROUTES);
  });
});

describe("a canton's notifications", () => {
  it.each(cantons.map((c) => [c.id] as const))(
    '%s has a KMS-encrypted, TLS-only notifications topic, published to SSM, each recipient subscribed by e-mail with a filter on their user id',
    (cantonId) => {
      const canton = cantonResources.get(cantonId) as Record<string, Resource>;
      const topics = ofType(canton, 'AWS::SNS::Topic').filter(
        ([, t]) => t.Properties.TopicName === cantonNotificationsTopicName('test', cantonId),
      );
      expect(topics).toHaveLength(1);
      const [topicId, topic] = topics[0] as [string, Resource];
      const keyId = topic.Properties.KmsMasterKeyId?.['Fn::GetAtt']?.[0] as string;
      expect(canton[keyId]?.Type).toBe('AWS::KMS::Key');
      expect(canton[keyId]?.Properties.EnableKeyRotation).toBe(true);
      // Its key carries the alias the referral step's KMS condition matches.
      const aliases = ofType(canton, 'AWS::KMS::Alias').filter(
        ([, a]) => a.Properties.TargetKeyId?.['Fn::GetAtt']?.[0] === keyId,
      );
      expect(aliases.map(([, a]) => a.Properties.AliasName)).toEqual([
        cantonNotificationsKeyAlias('test', cantonId),
      ]);

      const policies = ofType(canton, 'AWS::SNS::TopicPolicy').filter(([, p]) =>
        (p.Properties.Topics as Json[]).some((t) => t.Ref === topicId),
      );
      expect(policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement)).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );

      const parameters = ofType(canton, 'AWS::SSM::Parameter').filter(
        ([, p]) => p.Properties.Name === cantonNotificationsTopicParameterName('test', cantonId),
      );
      expect(parameters.map(([, p]) => p.Properties.Value)).toEqual([{ Ref: topicId }]);

      // One subscription per address, filtered on every user id that address answers to: each staff member and
      // each contact officer of the canton's seed catalogue receives their own notices, and only those.
      const subscriptions = ofType(canton, 'AWS::SNS::Subscription').filter(
        ([, s]) => s.Properties.TopicArn?.Ref === topicId,
      );
      const definition = cantons.find((c) => c.id === cantonId) as CantonDefinition;
      const expected = subscriptionsByAddress(emailRecipients(definition, CANTONS_DIR));
      expect(subscriptions).toHaveLength(expected.size);
      expect(expected.size).toBeGreaterThan(definition.staff.length - 1);
      const filters = new Map(
        subscriptions.map(([, sub]) => [sub.Properties.Endpoint, sub.Properties.FilterPolicy?.recipient]),
      );
      for (const [address, userIds] of expected) expect(filters.get(address), address).toEqual(userIds);
      for (const [, sub] of subscriptions) expect(sub.Properties.Protocol).toBe('email');
      for (const member of definition.staff) {
        expect([...expected.values()].flat()).toContain(member.id);
      }
    },
  );

  it.each(cantons.map((c) => [c.id] as const))(
    '%s alarms on NotificationFailures (Sum > 0 in 5 minutes) to its escalation topic, which lets it in',
    (cantonId) => {
      const canton = cantonResources.get(cantonId) as Record<string, Resource>;
      const alarms = ofType(canton, 'AWS::CloudWatch::Alarm').filter(
        ([, a]) => a.Properties.MetricName === 'NotificationFailures',
      );
      expect(alarms).toHaveLength(1);
      const [alarmId, alarm] = alarms[0] as [string, Resource];
      expect(alarm.Properties).toMatchObject({
        Namespace: 'SWCS',
        Dimensions: [{ Name: 'canton', Value: cantonId }],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      const escalationId = logicalId(canton, 'AWS::SNS::Topic', 'Escalations');
      // The canton's coordinators and the stage's operations topic (Platform stack, by its conventional name).
      expect(alarm.Properties.AlarmActions.map(flatten)).toEqual([
        flatten({ Ref: escalationId }),
        `arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${operationsTopicName('test')}`,
      ]);

      // CloudWatch may publish this alarm to the escalation topic, and use its key to do so.
      const topicStatements = ofType(canton, 'AWS::SNS::TopicPolicy')
        .filter(([, p]) => (p.Properties.Topics as Json[]).some((t) => t.Ref === escalationId))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
      expect(topicStatements).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [alarmId, 'Arn'] } } },
        }),
      );
      const keyId = (canton[escalationId] as Resource).Properties.KmsMasterKeyId['Fn::GetAtt'][0];
      expect((canton[keyId] as Resource).Properties.KeyPolicy.Statement).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      );
    },
  );

  it("names topics, parameters and keys the way the referral step's grants expect", () => {
    const stepStatements = statementsOfRole(resources, stepFunction().properties.Role['Fn::GetAtt'][0]);
    /** The resource patterns granted for an action, the SMS statement's "*" aside. */
    const patternsFor = (action: string) =>
      stepStatements
        .filter((s) => actionsOf(s).includes(action))
        .flatMap(resourcesOf)
        .map(flatten)
        .filter((p) => p !== '*');
    const topics = patternsFor('sns:Publish');
    const parameters = patternsFor('ssm:GetParameter');
    const aliasPattern = stepStatements.find((s) => s.Condition?.['ForAnyValue:StringLike'])?.Condition[
      'ForAnyValue:StringLike'
    ]['kms:ResourceAliases'] as string;
    const arn = (service: string, resource: string) =>
      `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;
    const notifierTemplate = flatten(stepFunction().properties.Environment.Variables.NOTIFICATIONS_TOPIC_ARN);
    for (const { id } of cantons) {
      const topicArn = arn('sns', cantonNotificationsTopicName('test', id));
      const parameterArn = arn('ssm', `parameter${cantonNotificationsTopicParameterName('test', id)}`);
      expect(topics.some((p) => iamMatches(p, topicArn), topicArn)).toBe(true);
      expect(parameters.some((p) => iamMatches(p, parameterArn), parameterArn)).toBe(true);
      expect(iamMatches(aliasPattern, cantonNotificationsKeyAlias('test', id))).toBe(true);
      // And the notifier's template resolves to the very topic.
      expect(notifierTemplate.replaceAll('{canton}', id)).toBe(topicArn);
    }
    // Another stage's topics, other parameters and the escalation key's other aliases do not match.
    expect(topics.some((p) => iamMatches(p, arn('sns', 'swcs-prod-quito-notifications')))).toBe(false);
    const escalationParameter = arn('ssm', 'parameter/swcs/test/cantons/quito/escalation-topic-arn');
    expect(parameters.some((p) => iamMatches(p, escalationParameter))).toBe(false);
    expect(iamMatches(aliasPattern, 'alias/swcs/prod/quito/notifications')).toBe(false);
    expect(iamMatches(aliasPattern, 'alias/swcs/test/table')).toBe(false);
  });
});
