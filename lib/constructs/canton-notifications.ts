import { createHash } from 'node:crypto';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/**
 * Where functions/adapters/sns/notifier.ts counts notices it could not send (embedded metric format, dimension
 * `canton`). Repeated here rather than imported: the notifier creates SDK clients when it is loaded.
 */
export const NOTIFICATION_METRICS_NAMESPACE = 'SWCS';
export const NOTIFICATION_FAILURES_METRIC = 'NotificationFailures';

/**
 * The name of a canton's notifications topic. A fixed convention (not a generated name) so that the Platform
 * stack can grant and address every canton's topic without knowing which cantons exist.
 */
export function cantonNotificationsTopicName(stage: string, cantonId: string): string {
  return `swcs-${stage}-${cantonId}-notifications`;
}

/** Where a canton stack publishes its notifications topic, for platform code to find it at run time. */
export function cantonNotificationsTopicParameterName(stage: string, cantonId: string): string {
  return `/swcs/${stage}/cantons/${cantonId}/notifications-topic-arn`;
}

/**
 * The alias of a canton's notifications key (created with the escalation topic in lib/canton-stack.ts). The
 * referral step may use keys with this alias only, through SNS.
 */
export function cantonNotificationsKeyAlias(stage: string, cantonId: string): string {
  return `alias/swcs/${stage}/${cantonId}/notifications`;
}

/** Someone the canton's e-mails reach: the key notices are addressed by (their user id), and their address. */
export interface EmailRecipient {
  readonly userId: string;
  readonly email: string;
}

export interface CantonNotificationsProps {
  readonly stage: string;
  readonly cantonId: string;
  /**
   * The sender name of the e-mails.
   * @default `SWCS <cantonId>`
   */
  readonly displayName?: string;
  /** The canton's escalation topic: its coordinators hear about notices that could not be sent. */
  readonly escalationTopic: sns.Topic;
  /**
   * The customer-managed key for the notifications topic.
   * @default the escalation topic's key (one notifications key per canton)
   */
  readonly key?: IKey;
  /**
   * Everyone the canton's notices are e-mailed to: its staff and the contact officers of its catalogue. One
   * subscription per address, filtered on the `recipient` attribute (docs/decisions/email-delivery.md).
   * @default nobody
   */
  readonly recipients?: readonly EmailRecipient[];
  /** The stage's operations topic (Platform stack): told of notification failures too. */
  readonly operationsTopic?: sns.ITopic;
}

/**
 * The recipients grouped by address, each address with every user id it answers to, sorted: one subscription
 * per address (SNS keeps one subscription per topic and endpoint, so two would overwrite each other's filter).
 */
export function subscriptionsByAddress(recipients: readonly EmailRecipient[]): Map<string, string[]> {
  const byAddress = new Map<string, Set<string>>();
  for (const { userId, email } of recipients) {
    const address = email.trim().toLowerCase();
    byAddress.set(address, (byAddress.get(address) ?? new Set()).add(userId));
  }
  return new Map(
    [...byAddress.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([address, ids]) => [address, [...ids].sort()]),
  );
}

/**
 * A canton's e-mail notifications (DESIGN.md §2, SNS): the topic the referral workflow publishes e-mails to, one
 * e-mail subscription per recipient's address with a filter policy on the `recipient` message attribute (so each
 * person receives only their own notices), and the alarm that tells the canton's coordinators and the stage's
 * operators when notices fail. SMS goes straight to phone numbers, not here.
 */
export class CantonNotifications extends Construct {
  readonly topic: sns.Topic;
  readonly topicArnParameter: ssm.StringParameter;
  readonly failureAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CantonNotificationsProps) {
    super(scope, id);
    const { stage, cantonId, escalationTopic } = props;
    const key = props.key ?? escalationTopic.masterKey;
    if (!key) throw new Error(`Canton ${cantonId}: the notifications topic needs a customer-managed key`);

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: cantonNotificationsTopicName(stage, cantonId),
      displayName: (props.displayName ?? `SWCS ${cantonId}`).slice(0, 100),
      masterKey: key,
      enforceSSL: true,
    });

    for (const [address, userIds] of subscriptionsByAddress(props.recipients ?? [])) {
      // Named by a digest of the address: reordering or adding people never replaces (and re-confirms) another's.
      const id = `Recipient${createHash('sha256').update(address).digest('hex').slice(0, 12)}`;
      new sns.Subscription(this, id, {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: address,
        filterPolicy: { recipient: sns.SubscriptionFilter.stringFilter({ allowlist: userIds }) },
      });
    }

    this.topicArnParameter = new ssm.StringParameter(this, 'TopicArnParam', {
      parameterName: cantonNotificationsTopicParameterName(stage, cantonId),
      stringValue: this.topic.topicArn,
      description: `SWCS e-mail notifications topic of canton ${cantonId}`,
    });

    const failures = new cloudwatch.Metric({
      namespace: NOTIFICATION_METRICS_NAMESPACE,
      metricName: NOTIFICATION_FAILURES_METRIC,
      dimensionsMap: { canton: cantonId },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
    this.failureAlarm = failures.createAlarm(this, 'FailureAlarm', {
      alarmName: `swcs-${stage}-${cantonId}-notification-failures`,
      alarmDescription:
        `SWCS canton ${cantonId}: a notice (SMS or e-mail) could not be sent after retries. The failure is ` +
        `recorded in the table under C#${cantonId}#NOTIFICATION-FAILURES; the officer may not know of a referral.`,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No failures means no data points at all: that is the healthy state, not an unknown one.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.failureAlarm.addAlarmAction(new SnsAction(escalationTopic));
    if (props.operationsTopic) this.failureAlarm.addAlarmAction(new SnsAction(props.operationsTopic));

    // enforceSSL gives the escalation topic a policy of its own, which replaces SNS's default one that let
    // CloudWatch publish: allow this alarm, and only this alarm, explicitly.
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    escalationTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [escalationTopic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.failureAlarm.alarmArn } },
      }),
    );
    // The escalation topic is encrypted, and CloudWatch publishes with its own identity: without the key, SNS
    // refuses the alarm's message and the alarm history shows a KMS error. This is AWS's documented statement for
    // alarms on encrypted topics; what CloudWatch may publish is limited by the topic policy above.
    escalationTopic.masterKey?.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
  }
}
