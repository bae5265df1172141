import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCantons } from '../../lib/cantons.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { WORKFLOW_START_RETRIES } from '../../lib/constructs/workflow-starts.js';
import { cdkTestContext } from '../support/infra.js';
import { platformResources } from '../support/templates.js';

// Synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let resources: Record<string, Resource>;

beforeAll(() => {
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true } });
  resources = platformResources(addSwcsStacks(app, { stage: 'test', cantons: loadCantons() }).platform);
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (type: string, prefix: string) => {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found.map(([id]) => id)).toHaveLength(1);
  const [id, resource] = found[0] as [string, Resource];
  return { id, properties: resource.Properties };
};
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const starter = () => only('AWS::Lambda::Function', 'WorkflowStartsFunction');
const statementsOfStarter = (): Statement[] => {
  const roleId = starter().properties.Role['Fn::GetAtt'][0] as string;
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
};
const machineId = (prefix: string) => only('AWS::StepFunctions::StateMachine', prefix).id;

describe('the workflow outbox on AWS', () => {
  it('has one function that starts the three workflows, told their ARNs, and may start nothing else', () => {
    const handler = starter().properties;
    expect(handler.Description).toMatch(/starts the workflow executions/);
    const machines = {
      REFERRAL_WORKFLOW_ARN: machineId('ReferralWorkflowStateMachine'),
      COMPLAINT_CLOCK_ARN: machineId('ComplaintClockStateMachine'),
      CATALOGUE_IMPORT_WORKFLOW_ARN: machineId('CatalogueImportWorkflowStateMachine'),
    };
    for (const [name, id] of Object.entries(machines)) {
      expect(handler.Environment.Variables[name], name).toEqual({ Ref: id });
    }
    const states = statementsOfStarter().filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));
    expect([...new Set(states.flatMap(actionsOf))]).toEqual(['states:StartExecution']);
    expect(
      states.flatMap(resourcesOf).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual(
      Object.values(machines)
        .map((id) => ({ Ref: id }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    // The stream is encrypted with the table's key, which the function may describe and decrypt with, nothing more.
    const kms = statementsOfStarter().filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    expect(kms.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    expect(kms.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^TableKey/), 'Arn'] }]);
    // It reads the table's stream, never the table: the outbox item carries all a start needs.
    const dynamo = statementsOfStarter()
      .flatMap(actionsOf)
      .filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.sort()).toEqual(
      [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
      ].sort(),
    );
  });

  it('is fed the new outbox items only, retries a failed start by its record, and leaves what it gave up on a queue', () => {
    const [[, mapping]] = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => m.Properties.FunctionName?.Ref === starter().id,
    ) as [[string, Resource]];
    const props = mapping.Properties;
    expect(props.EventSourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Table/), 'StreamArn'] });
    expect(props.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['workflow-start'] } } } },
    ]);
    expect(props.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(props.MaximumRetryAttempts).toBe(WORKFLOW_START_RETRIES);
    expect(props.BisectBatchOnFunctionError).toBe(true);
    const queue = only('AWS::SQS::Queue', 'WorkflowStartsDeadLetters');
    expect(props.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [queue.id, 'Arn'] });
    // The queue is watched: anything on it is an execution that never started.
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, a]) =>
      JSON.stringify(a.Properties.Dimensions ?? []).includes(queue.id),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties.AlarmActions?.length).toBeGreaterThan(0);
  });
});
