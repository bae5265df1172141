import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { WORKFLOW_START_ENTITY } from '../../functions/adapters/dynamodb/keys.js';
import type { OperationsAlerts } from './operations-alerts.js';
import { SwcsFunction } from './swcs-function.js';

export interface WorkflowStartsProps {
  readonly stage: string;
  /** The single table, with a stream of new images. */
  readonly table: dynamodb.ITable;
  readonly referralWorkflow: sfn.IStateMachine;
  readonly complaintClock: sfn.IStateMachine;
  readonly catalogueImport: sfn.IStateMachine;
  /** Told when a start could not be made after the retries. */
  readonly operations?: OperationsAlerts;
}

/** How many times the mapping hands a failing batch over again before it gives up on it. */
export const WORKFLOW_START_RETRIES = 10;

/**
 * The workflow outbox's courier: the function that starts the executions the table's stream carries
 * (functions/handlers/workflows/start-executions.ts), fed by an event source mapping that selects the new outbox
 * items only (adapters/dynamodb/workflow-starts.ts) and retries a failed start, then leaves it on a queue and sounds
 * an alarm. The route functions that make executions due hold no StartExecution grant and no ARN: this function is
 * the only one that starts referral workflows, complaint clocks and catalogue imports.
 */
export class WorkflowStarts extends Construct {
  readonly function: SwcsFunction;
  readonly deadLetters: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: WorkflowStartsProps) {
    super(scope, id);
    const { stage } = props;
    this.function = new SwcsFunction(this, 'Function', {
      handler: 'handlers/workflows/start-executions',
      description: `SWCS ${stage}: starts the workflow executions the table's outbox items ask for`,
      timeout: Duration.seconds(30),
      environment: {
        SWCS_STAGE: stage,
        POWERTOOLS_SERVICE_NAME: 'swcs',
        REFERRAL_WORKFLOW_ARN: props.referralWorkflow.stateMachineArn,
        COMPLAINT_CLOCK_ARN: props.complaintClock.stateMachineArn,
        CATALOGUE_IMPORT_WORKFLOW_ARN: props.catalogueImport.stateMachineArn,
      },
    });
    for (const machine of [props.referralWorkflow, props.complaintClock, props.catalogueImport]) {
      machine.grantStartExecution(this.function.role);
    }

    // What the stream could not start after its retries: the record's position, for ops to replay by hand.
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      queueName: `swcs-${stage}-workflow-starts-dlq`,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the on-failure destination of the event source mapping that ' +
        'starts the workflow outbox, where a stream record lands once its retries are spent. Lambda sends to ' +
        'it, so no SQS redrive policy names it; a queue behind it would only move the same message again.',
    });
    this.function.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(0),
        retryAttempts: WORKFLOW_START_RETRIES,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual(WORKFLOW_START_ENTITY) } } },
          }),
        ],
      }),
    );

    this.alarm = this.deadLetters
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
      .createAlarm(this, 'Alarm', {
        alarmName: `swcs-${stage}-workflow-starts-failed`,
        alarmDescription:
          `SWCS ${stage}: a workflow execution (a referral's timers, a complaint's clock or a catalogue import) ` +
          'could not be started after its retries. The change is stored; its record waits in the queue ' +
          `swcs-${stage}-workflow-starts-dlq, and restarting it means starting that execution by its name.`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    props.operations?.notify(this.alarm);
  }
}
