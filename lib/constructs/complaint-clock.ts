import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { complaintClockDefinition } from '../../workflows/complaint-clock.js';
import { NOTIFICATION_METRICS_NAMESPACE } from './canton-notifications.js';
import type { OperationsAlerts } from './operations-alerts.js';
import { REFERRAL_EXECUTION_TIMEOUT, type ReferralWorkflow } from './referral-workflow.js';
import { stepStateMachine } from './step-state-machine.js';
import { SwcsFunction } from './swcs-function.js';

/**
 * What the CDK deploys: the clock's definition as it is, plus the execution timeout (added here, as for referrals:
 * the local interpreter would arm a JavaScript timer for it). A case is resolved in weeks; a year bounds a
 * forgotten one.
 */
export function deployedComplaintClockDefinition() {
  return { ...complaintClockDefinition(), TimeoutSeconds: REFERRAL_EXECUTION_TIMEOUT.toSeconds() };
}

export interface ComplaintClockProps {
  readonly stage: string;
  readonly table: ITable;
  readonly tableKey: IKey;
  /** Its step sends notices as the referral step does: the same rights and public address (grantNotify). */
  readonly notices: ReferralWorkflow;
  /** The stage's operations topic: told of failed and timed-out executions. */
  readonly operations?: OperationsAlerts;
}

/**
 * The complaint cases' clocks in the cloud (docs/decisions/complaints.md): a Standard state machine running the
 * ASL of workflows/complaint-clock.ts, on the house shape every SWCS workflow has (step-state-machine.ts), and its
 * one Lambda step, which reads and counts the case's timers and e-mails reminders and escalations to staff through
 * the canton's notifications topic.
 */
export class ComplaintClock extends Construct {
  readonly step: SwcsFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: LogGroup;
  readonly failedAlarm: cloudwatch.Alarm;
  readonly timedOutAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ComplaintClockProps) {
    super(scope, id);
    const { stage } = props;
    const stack = Stack.of(this);
    const stateMachineName = `swcs-${stage}-complaint-clock`;
    // Built from the name: the state machine depends on the step, so a reference back would be a cycle.
    const stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    this.step = new SwcsFunction(this, 'Step', {
      handler: 'handlers/complaints/clock-step',
      description: `SWCS ${stage}: the complaint clock's step (plan and fire timers, remind, escalate)`,
      // Well inside the 60 s every task state of the definition allows.
      timeout: Duration.seconds(30),
      environment: {
        SWCS_STAGE: stage,
        POWERTOOLS_SERVICE_NAME: 'swcs',
        POWERTOOLS_METRICS_NAMESPACE: NOTIFICATION_METRICS_NAMESPACE,
      },
    });
    this.step.bindTable(props.table, 'read-write', props.tableKey);
    // E-mails through the canton topics, with the public address for links.
    props.notices.grantNotify(this.step);
    // An await step whose case was answered meanwhile answers its own token.
    new iam.Policy(this, 'TokenPolicy', {
      roles: [this.step.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: [stateMachineArn],
        }),
      ],
    });

    ({ logGroup: this.logGroup, stateMachine: this.stateMachine } = stepStateMachine(this, {
      stateMachineName,
      definition: deployedComplaintClockDefinition(),
      stepPlaceholder: 'ComplaintClockStepArn',
      step: this.step,
      retention: RetentionDays.ONE_YEAR,
      stepDescription: 'the complaint clock step function',
    }));

    const alarm = (alarmId: string, metric: cloudwatch.Metric, what: string) =>
      metric.createAlarm(this, alarmId, {
        alarmName: `${stateMachineName}-${what.replace(/ /g, '-')}`,
        alarmDescription:
          `SWCS ${stage}: a complaint clock execution ${what}. Its case no longer has reminders or escalations ` +
          'running; find the execution in the state machine and the case by its keys.',
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

  /** Lets a function answer case clocks' waits (their task tokens name the execution: no ARN needed). */
  grantTaskResponse(fn: SwcsFunction): void {
    this.stateMachine.grantTaskResponse(fn.role);
  }
}
