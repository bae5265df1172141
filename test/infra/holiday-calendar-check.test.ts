import { App } from 'aws-cdk-lib';
import { cdkTestContext } from '../support/infra.js';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOLIDAY_CALENDAR_METRIC } from '../../functions/app/holiday-calendar-check.js';
import { loadCantons } from '../../lib/cantons.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';

// synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };

let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true } });
  const { platform } = addSwcsStacks(app, { stage: 'test', cantons: loadCantons() });
  template = Template.fromStack(platform);
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

function checkFunction(): [string, Resource] {
  const found = ofType('AWS::Lambda::Function').filter(([, r]) =>
    String(r.Properties.Description).startsWith('Daily check: the deployed holiday calendar'),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the daily holiday-calendar check', () => {
  it('is a house-default function that needs no table', () => {
    const [, fn] = checkFunction();
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeUndefined();
  });

  it('runs every day at 07:00 in Quito on an EventBridge schedule', () => {
    const [id] = checkFunction();
    const rules = ofType('AWS::Events::Rule').filter(([, r]) =>
      (r.Properties.Targets as Json[]).some((t) => t.Arn?.['Fn::GetAtt']?.[0] === id),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]![1].Properties.ScheduleExpression).toBe('cron(0 12 * * ? *)');
    expect(rules[0]![1].Properties.State).toBe('ENABLED');
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
    });
  });

  it('has an alarm on the missing-year metric it publishes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'SWCS',
      MetricName: HOLIDAY_CALENDAR_METRIC,
      Dimensions: [{ Name: 'check', Value: 'holiday-calendar' }],
      Statistic: 'Maximum',
      Period: 86400,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      AlarmDescription: Match.stringLikeRegexp('cantons/holidays/ecuador.json'),
    });
  });
});
