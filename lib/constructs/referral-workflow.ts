import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { type LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { referralWorkflowDefinition } from '../../workflows/referral-workflow.js';
import {
  cantonNotificationsKeyAlias,
  cantonNotificationsTopicName,
  cantonNotificationsTopicParameterName,
  NOTIFICATION_METRICS_NAMESPACE,
} from './canton-notifications.js';
import type { OperationsAlerts } from './operations-alerts.js';
import { stepStateMachine } from './step-state-machine.js';
import { SwcsFunction } from './swcs-function.js';

/**
 * The longest a referral may run. Standard executions are stopped by Step Functions after one year; a day less
 * makes ours the limit that fires, as a TIMED_OUT execution that the alarm below reports.
 */
export const REFERRAL_EXECUTION_TIMEOUT = Duration.days(364);

/**
 * What the CDK deploys: the workflow module's definition as it is, plus the execution timeout. The timeout is
 * added here and not in workflows/: the local interpreter would arm a JavaScript timer for it, and timers over
 * ~24.8 days fire at once (DESIGN.md §5). (StateMachineProps.timeout is ignored for string definitions.)
 */
export function deployedReferralWorkflowDefinition() {
  return { ...referralWorkflowDefinition(), TimeoutSeconds: REFERRAL_EXECUTION_TIMEOUT.toSeconds() };
}

/** Where the Platform stack publishes the state machine's ARN. */
export function referralWorkflowParameterName(stage: string): string {
  return `/swcs/${stage}/referral-workflow-arn`;
}

export interface ReferralWorkflowProps {
  readonly stage: string;
  /** The validated public address notices link to. */
  readonly publicUrl: string;
  readonly table: ITable;
  readonly tableKey: IKey;
  /**
   * The key of national-ID digests: an automatic re-route plans a referral as an officer's would, and that reads
   * the citizen's registry record under the digest of their national ID (app/referrals/reroute.ts).
   */
  readonly nationalIdKey: ISecret;
  /** The stage's operations topic: told of failed and timed-out executions. */
  readonly operations?: OperationsAlerts;
}

/**
 * The referral workflow in the cloud (DESIGN.md §2): a Standard state machine running exactly the ASL of
 * workflows/referral-workflow.ts, and its one Lambda step, which reads and writes referrals and notifies contact
 * officers by SMS (straight to the phone) and e-mail (through the canton's notifications topic).
 */
export class ReferralWorkflow extends Construct {
  readonly step: SwcsFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: LogGroup;
  readonly failedAlarm: cloudwatch.Alarm;
  readonly timedOutAlarm: cloudwatch.Alarm;
  private readonly stage: string;
  private readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: ReferralWorkflowProps) {
    super(scope, id);
    const { stage } = props;
    this.stage = stage;
    this.publicUrl = props.publicUrl;
    const stack = Stack.of(this);
    const stateMachineName = `swcs-${stage}-referral`;
    // Built from the name, not referenced: the state machine depends on the step, so a reference back from the
    // step's role would be a cycle.
    const stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const topicArn = (cantonId: string) =>
      stack.formatArn({
        service: 'sns',
        resource: cantonNotificationsTopicName(stage, cantonId),
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      });

    this.step = new SwcsFunction(this, 'Step', {
      handler: 'handlers/referrals/workflow-step',
      description: `SWCS ${stage}: the referral workflow's step (notify, plan and fire timers, close)`,
      // Well inside the 60 s every task state of the definition allows, so a slow run fails as a Lambda error.
      timeout: Duration.seconds(30),
      environment: {
        SWCS_STAGE: stage,
        SWCS_PUBLIC_URL: props.publicUrl,
        POWERTOOLS_SERVICE_NAME: 'swcs',
        // The namespace the canton alarms watch for NotificationFailures.
        POWERTOOLS_METRICS_NAMESPACE: NOTIFICATION_METRICS_NAMESPACE,
        // The notifier's default resolver replaces {canton}; canton topics are named by convention, so this
        // needs no lookup. The SSM parameter each canton publishes says the same for code that prefers it.
        NOTIFICATIONS_TOPIC_ARN: topicArn('{canton}'),
      },
      secrets: [{ secret: props.nationalIdKey, envName: 'NATIONAL_ID_KEY_ARN' }],
    });
    this.step.bindTable(props.table, 'read-write', props.tableKey);

    // SMS to a phone number has no ARN: SNS authorises a direct SMS publish only against Resource "*". Kept in a
    // policy of its own so that its acknowledgement covers this one statement.
    const sms = new iam.Policy(this, 'SmsPolicy', {
      roles: [this.step.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut'],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(sms).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:Publish to a phone number (direct SMS to a contact officer) has no resource ARN: AWS authorises it ' +
        'only with Resource "*", and so does sns:CheckIfPhoneNumberIsOptedOut, which the notifier calls before ' +
        'each SMS (a number that opted out is reached by e-mail). This policy holds that one statement only. The "*" also matches ' +
        'topics, but SWCS topics are all KMS-encrypted (AwsSolutions-SNS2) and the function may use canton ' +
        'notifications keys only, so at most it reaches canton topics; its notices carry a reference and a ' +
        'deadline, never personal data.',
    });

    // Everything the step needs from canton stacks, by convention, since the Platform never knows the cantons.
    const cantonParameters = stack.formatArn({
      service: 'ssm',
      resource: 'parameter',
      // formatArn adds the "/" after "parameter"; the name starts with one.
      resourceName: cantonNotificationsTopicParameterName(stage, '*').slice(1),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const canton = new iam.Policy(this, 'CantonPolicy', {
      roles: [this.step.role],
      statements: [
        new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [cantonParameters] }),
        new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn('*')] }),
        // SNS encrypts with the canton's key on the publisher's behalf. Keys are matched by alias (a canton
        // stack's key is unknown at synth time) and used through SNS only, never called directly.
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
          conditions: {
            'ForAnyValue:StringLike': { 'kms:ResourceAliases': cantonNotificationsKeyAlias(stage, '*') },
            StringEquals: { 'kms:ViaService': `sns.${stack.region}.amazonaws.com` },
          },
        }),
        // An await step whose referral has already moved on answers its own token.
        new iam.PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: [stateMachineArn],
        }),
      ],
    });
    const wildcards = {
      [`arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter${cantonNotificationsTopicParameterName(stage, '*')}`]:
        "reads one parameter per canton, the notifications topic ARN a canton stack publishes; '*' is the " +
        'canton id, unknown to the Platform stack by design (adding a canton never changes it). The path is ' +
        "this stage's and ends in notifications-topic-arn, so no other parameter matches.",
      [`arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${cantonNotificationsTopicName(stage, '*')}`]:
        "publishes e-mail notices to the canton's notifications topic; '*' is the canton id, unknown to the " +
        "Platform stack by design. Only this stage's topics named swcs-<stage>-<canton>-notifications match.",
      'arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*':
        "lets SNS encrypt notices with a canton's notifications key on the function's behalf. Key ids are " +
        'created by canton stacks and unknown here, so the statement is limited by condition instead: keys whose ' +
        `alias is ${cantonNotificationsKeyAlias(stage, '<canton>')} (kms:ResourceAliases), used through SNS only ` +
        '(kms:ViaService), GenerateDataKey and Decrypt only.',
    };
    for (const [resource, why] of Object.entries(wildcards)) {
      Validations.of(canton).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason: `The referral step ${why}`,
      });
    }

    ({ logGroup: this.logGroup, stateMachine: this.stateMachine } = stepStateMachine(this, {
      stateMachineName,
      definition: deployedReferralWorkflowDefinition(),
      stepPlaceholder: 'ReferralStepArn',
      step: this.step,
      // A referral may run almost a year: keep its execution history as long.
      retention: RetentionDays.ONE_YEAR,
      stepDescription: 'the referral step function',
    }));

    const alarm = (id: string, metric: cloudwatch.Metric, what: string) =>
      metric.createAlarm(this, id, {
        alarmName: `${stateMachineName}-${what.replace(/ /g, '-')}`,
        alarmDescription:
          `SWCS ${stage}: a referral workflow execution ${what}. Its referral no longer has timers, reminders ` +
          'or escalations running; find the execution in the state machine and the referral by its keys.',
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const every5Minutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    this.failedAlarm = alarm('FailedAlarm', this.stateMachine.metricFailed(every5Minutes), 'failed');
    this.timedOutAlarm = alarm('TimedOutAlarm', this.stateMachine.metricTimedOut(every5Minutes), 'timed out');
    props.operations?.notify(this.failedAlarm);
    props.operations?.notify(this.timedOutAlarm);
  }

  /**
   * Lets a function send notices as the step does (a complaint's reply to the citizen): an SMS to a phone number,
   * an e-mail through the canton's topic, with the same public address for links. Its own policy, without the
   * step's task-token and parameter rights.
   */
  grantNotify(fn: SwcsFunction): void {
    const stack = Stack.of(this);
    const stage = this.stage;
    const topicOf = (cantonId: string) =>
      stack.formatArn({
        service: 'sns',
        resource: cantonNotificationsTopicName(stage, cantonId),
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      });
    const policy = new iam.Policy(fn, 'NotifyPolicy', {
      roles: [fn.role],
      statements: [
        // Covers the canton topics too (e-mail replies), which are KMS-encrypted like every SWCS topic. The
        // notifier checks each SMS number's opt-out first (Resource "*" too).
        new iam.PolicyStatement({
          actions: ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
          conditions: {
            'ForAnyValue:StringLike': { 'kms:ResourceAliases': cantonNotificationsKeyAlias(stage, '*') },
            StringEquals: { 'kms:ViaService': `sns.${stack.region}.amazonaws.com` },
          },
        }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:Publish to a phone number (the one-segment SMS that tells a citizen their case has an answer, with ' +
        'its reference and a link, never its content) has no resource ARN: AWS authorises it only with Resource "*", ' +
        'and so does sns:CheckIfPhoneNumberIsOptedOut, which the notifier calls before each SMS.',
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
      reason:
        "lets SNS encrypt with a canton's notifications key on the function's behalf, limited by condition to " +
        'those keys (kms:ResourceAliases), through SNS only (kms:ViaService), GenerateDataKey and Decrypt only.',
    });
    fn.function.addEnvironment('SWCS_PUBLIC_URL', this.publicUrl);
    fn.function.addEnvironment('NOTIFICATIONS_TOPIC_ARN', topicOf('{canton}'));
    fn.function.addEnvironment('POWERTOOLS_METRICS_NAMESPACE', NOTIFICATION_METRICS_NAMESPACE);
  }

  /** Lets a function answer referral executions' task tokens (which name their execution: no ARN needed). */
  grantTaskResponse(fn: SwcsFunction): void {
    this.stateMachine.grantTaskResponse(fn.role);
  }
}
