import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCantons } from '../../lib/cantons.js';
import { operationsTopicName } from '../../lib/constructs/operations-alerts.js';
import { addSwcsStacks, cdkJsonContext } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { cdkTestContext, TEST_PUBLIC_URL } from '../support/infra.js';

// synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;

const cantons = loadCantons();

/** Synthesizes a stage's Platform stack with the given context on top of cdk.json's. */
function platform(stage: string, context: Record<string, unknown>, base = cdkTestContext()) {
  const app = new App({ context: { ...base, [SKIP_BUNDLING_CONTEXT]: true, ...context } });
  return addSwcsStacks(app, { stage, cantons });
}

const stepEnvironment = (template: Template): Json => {
  const [step] = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) =>
    String(f.Properties.Description).includes("the referral workflow's step"),
  );
  return step?.Properties.Environment.Variables;
};

describe('the operations topic (Platform stack)', () => {
  let template: Template;
  let topicId: string;
  beforeAll(() => {
    template = Template.fromStack(
      platform('test', {
        opsEmails: 'ops@inclusion.gob.ec, guardia@inclusion.gob.ec',
        smsMonthlyBudgetUsd: '75',
      }).platform,
    );
    const topics = template.findResources('AWS::SNS::Topic', {
      Properties: { TopicName: operationsTopicName('test') },
    });
    expect(Object.keys(topics)).toHaveLength(1);
    topicId = Object.keys(topics)[0] as string;
  });

  it('is encrypted with its own rotating key, TLS-only, and e-mails the operators', () => {
    const topic = template.toJSON().Resources[topicId];
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    template.hasResource('AWS::KMS::Key', {});
    expect(template.toJSON().Resources[keyId].Properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // CloudWatch may publish, for this stage's alarms in this account only.
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':alarm:swcs-test-\\*$')])],
                },
              },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          }),
        ]),
      },
    });
    expect(template.toJSON().Resources[keyId].Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).filter(
      (s) => s.Properties.TopicArn.Ref === topicId,
    );
    expect(subscriptions.map((s) => [s.Properties.Protocol, s.Properties.Endpoint]).sort()).toEqual([
      ['email', 'guardia@inclusion.gob.ec'],
      ['email', 'ops@inclusion.gob.ec'],
    ]);
  });

  it('receives every alarm of the stack — the workflows and their starts, the holiday check, the SMS spend — when they fire and clear', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map((a) => a.Properties.AlarmName).sort()).toEqual([
      'swcs-test-catalogue-import-failed',
      'swcs-test-complaint-clock-failed',
      'swcs-test-complaint-clock-timed-out',
      'swcs-test-holiday-calendar-missing-year',
      'swcs-test-referral-failed',
      'swcs-test-referral-timed-out',
      'swcs-test-sms-monthly-spend',
      'swcs-test-workflow-starts-failed',
    ]);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions, alarm.Properties.AlarmName).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions, alarm.Properties.AlarmName).toEqual([{ Ref: topicId }]);
    }
  });

  it('alarms on the month-to-date SMS spend at the stage budget', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'swcs-test-sms-monthly-spend',
      Namespace: 'AWS/SNS',
      MetricName: 'SMSMonthToDateSpentUSD',
      Statistic: 'Maximum',
      Threshold: 75,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    // cdk.json's budget for dev applies to dev only; other stages get the default.
    const dev = Template.fromStack(platform('dev', {}, cdkJsonContext()).platform);
    dev.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'swcs-dev-sms-monthly-spend',
      Threshold: 20,
    });
    expect(() => platform('test', { smsMonthlyBudgetUsd: 'mucho' })).toThrow(/smsMonthlyBudgetUsd/);
  });

  it("is where each canton's notification-failure alarm goes too", () => {
    const { cantons: stacks } = platform('test', {});
    for (const stack of stacks) {
      const [alarm] = Object.values(
        Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm', {
          Properties: { MetricName: 'NotificationFailures' },
        }),
      );
      expect(JSON.stringify(alarm?.Properties.AlarmActions)).toContain(`:${operationsTopicName('test')}`);
    }
  });
});

describe('the public address', () => {
  it('is required for every stage: synthesis stops with what to set', () => {
    // cdk.json names dev's only.
    expect(() => platform('prod', {}, cdkJsonContext())).toThrow(
      /public address of stage "prod" is required.*publicUrl.*domainName/s,
    );
    expect(() => platform('dev', {}, cdkJsonContext())).not.toThrow();
  });

  it('comes from the publicUrl context, for all stages or per stage, and reaches the workflow step', () => {
    const one = Template.fromStack(platform('prod', { publicUrl: 'https://vus.inclusion.gob.ec' }).platform);
    expect(stepEnvironment(one).SWCS_PUBLIC_URL).toBe('https://vus.inclusion.gob.ec');
    const perStage = Template.fromStack(
      platform('staging', {
        publicUrl: { prod: 'https://vus.inclusion.gob.ec', staging: 'https://pruebas.vus.inclusion.gob.ec' },
      }).platform,
    );
    expect(stepEnvironment(perStage).SWCS_PUBLIC_URL).toBe('https://pruebas.vus.inclusion.gob.ec');
    expect(() => platform('dev2', { publicUrl: { prod: 'https://vus.inclusion.gob.ec' } })).toThrow(/"dev2"/);
  });

  it('is held to the SMS short-link rules: an execute-api address does not fit one segment', () => {
    expect(() =>
      platform('prod', { publicUrl: 'https://a1b2c3d4e5.execute-api.sa-east-1.amazonaws.com/v1' }),
    ).toThrow(/at most 40/);
    expect(() => platform('prod', { publicUrl: 'http://vus.inclusion.gob.ec' })).toThrow(/https/);
  });

  it("or from the API's own domain, mapped at its root so /r/… is served there", () => {
    const certificateArn =
      'arn:aws:acm:sa-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    const template = Template.fromStack(
      platform('prod', { publicUrl: undefined, domainName: 'vus.inclusion.gob.ec', certificateArn }).platform,
    );
    template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'vus.inclusion.gob.ec',
      RegionalCertificateArn: certificateArn,
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
    template.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { Stage: Match.anyValue() });
    const mapping = Object.values(template.findResources('AWS::ApiGateway::BasePathMapping'))[0];
    expect(mapping?.Properties.BasePath).toBeUndefined();
    template.hasOutput('PublicDomainTarget', {});
    expect(stepEnvironment(template).SWCS_PUBLIC_URL).toBe('https://vus.inclusion.gob.ec');
    expect(() => platform('prod', { publicUrl: undefined, domainName: 'vus.inclusion.gob.ec' })).toThrow(
      /both "domainName" and "certificateArn"/,
    );
  });

  it('is the one the tests use elsewhere', () => {
    expect(stepEnvironment(Template.fromStack(platform('test', {}).platform)).SWCS_PUBLIC_URL).toBe(
      TEST_PUBLIC_URL,
    );
  });
});
