import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/**
 * The name of a stage's operations topic: a fixed convention, so that Canton stacks send their alarms to it by ARN
 * without a CloudFormation export (an export would tie the Platform stack to every canton).
 */
export function operationsTopicName(stage: string): string {
  return `swcs-${stage}-operations`;
}

/** Every SWCS alarm of a stage is named so; the operations topic accepts alarms of this stage only. */
export const alarmNamePrefix = (stage: string) => `swcs-${stage}-`;

/** The operations topic of a stage, by its conventional ARN, for stacks that did not create it. */
export function operationsTopicOf(scope: Construct, id: string, stage: string): sns.ITopic {
  const arn = Stack.of(scope).formatArn({
    service: 'sns',
    resource: operationsTopicName(stage),
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });
  return sns.Topic.fromTopicArn(scope, id, arn);
}

/**
 * The default monthly SMS budget (USD) a stage is alarmed on: about 500 one-segment SMS to Ecuador at ~$0.20, the
 * order of a pilot canton's month (docs/performance.md has the cost model).
 */
export const DEFAULT_SMS_MONTHLY_BUDGET_USD = 100;

export interface OperationsAlertsProps {
  readonly stage: string;
  /** Who is told: each address gets an SNS confirmation e-mail first. */
  readonly emails: readonly string[];
  /** The month-to-date SMS spend (USD) at which the spend alarm fires. */
  readonly smsMonthlyBudgetUsd: number;
}

/**
 * Where a stage's operators hear that something needs them (DESIGN.md §2, observability): one KMS-encrypted,
 * TLS-only SNS topic in the Platform stack that every alarm of the stage notifies — the referral and catalogue
 * import workflows' failed and timed-out executions, the holiday calendar check, each canton's notification
 * failures (through operationsTopicOf) — with the operators' e-mail subscriptions, and the stage's SMS spend alarm.
 */
export class OperationsAlerts extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  readonly smsSpendAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OperationsAlertsProps) {
    super(scope, id);
    const { stage } = props;
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `SWCS ${stage}: encrypts the operations alerts topic`,
      alias: `alias/swcs/${stage}/operations`,
      enableKeyRotation: true,
      // SNS keeps no message once delivered: nothing stays encrypted under this key after the stack goes.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: operationsTopicName(stage),
      displayName: `SWCS ${stage} operaciones`.slice(0, 100),
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));

    // enforceSSL replaces SNS's default topic policy: let CloudWatch publish, for this account's alarms of this
    // stage only (canton stacks' alarms included: they are not known here, hence the name prefix).
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const alarms = stack.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: `${alarmNamePrefix(stage)}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'StageAlarmsPublish',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': alarms },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    // CloudWatch publishes with its own identity, so it needs the key too (AWS's documented statement for alarms
    // on encrypted topics); the topic policy above limits what it may publish.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );

    // SNS reports the account's month-to-date SMS spend (one figure per account and region, no dimension): a stage
    // alone in its account sees its own spend; stages that share an account see their sum.
    const spend = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(1),
    });
    this.smsSpendAlarm = spend.createAlarm(this, 'SmsSpendAlarm', {
      alarmName: `${alarmNamePrefix(stage)}sms-monthly-spend`,
      alarmDescription:
        `SWCS ${stage}: SMS spend this month reached ${props.smsMonthlyBudgetUsd} USD (the smsMonthlyBudgetUsd ` +
        'context). Check for a loop of notices, then raise the budget or the account SMS spend limit: once the ' +
        "account's limit is reached SNS stops sending SMS, and contact officers are no longer told of referrals.",
      threshold: props.smsMonthlyBudgetUsd,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // SNS publishes the metric only once SMS were sent this month.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.notify(this.smsSpendAlarm);
  }

  /** The alarm tells the operations topic when it fires and when it recovers. */
  notify(alarm: cloudwatch.Alarm): void {
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}
