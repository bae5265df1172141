import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { catalogueImportWorkflowDefinition } from '../../workflows/catalogue-import.js';
import { stepStateMachine } from './step-state-machine.js';
import { SwcsFunction } from './swcs-function.js';

/**
 * The longest an import job may run. A 5 MB document is a few hundred chunks of seconds each; hours leave room for
 * throttling and retries, and a job that still runs then has stopped making progress.
 */
export const CATALOGUE_IMPORT_EXECUTION_TIMEOUT = Duration.hours(6);

/** What the CDK deploys: the workflow module's definition as it is, plus the execution timeout. */
export function deployedCatalogueImportWorkflowDefinition() {
  return {
    ...catalogueImportWorkflowDefinition(),
    TimeoutSeconds: CATALOGUE_IMPORT_EXECUTION_TIMEOUT.toSeconds(),
  };
}

export interface CatalogueImportWorkflowProps {
  readonly stage: string;
  readonly table: ITable;
  readonly tableKey: IKey;
}

/**
 * Catalogue import jobs in the cloud: a Standard state machine running exactly the ASL of
 * workflows/catalogue-import.ts, outside API Gateway's 29-second limit, and its one Lambda step, which applies
 * the job's staged records chunk by chunk and keeps the job's progress.
 */
export class CatalogueImportWorkflow extends Construct {
  readonly step: SwcsFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: LogGroup;
  readonly failedAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CatalogueImportWorkflowProps) {
    super(scope, id);
    const { stage } = props;
    const stateMachineName = `swcs-${stage}-catalogue-import`;

    this.step = new SwcsFunction(this, 'Step', {
      handler: 'handlers/catalogue/import-step',
      description: `SWCS ${stage}: the catalogue import workflow's step (apply a chunk, end the job)`,
      // Inside the task's own timeout (workflows/catalogue-import.ts), so a slow chunk fails as a Lambda error.
      timeout: Duration.seconds(60),
      environment: { SWCS_STAGE: stage, POWERTOOLS_SERVICE_NAME: 'swcs' },
    });
    this.step.bindTable(props.table, 'read-write', props.tableKey);

    ({ logGroup: this.logGroup, stateMachine: this.stateMachine } = stepStateMachine(this, {
      stateMachineName,
      definition: deployedCatalogueImportWorkflowDefinition(),
      stepPlaceholder: 'CatalogueImportStepArn',
      step: this.step,
      retention: RetentionDays.THREE_MONTHS,
      stepDescription: 'the catalogue import step function',
    }));

    this.failedAlarm = this.stateMachine
      .metricFailed({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'FailedAlarm', {
        alarmName: `${stateMachineName}-failed`,
        alarmDescription:
          `SWCS ${stage}: a catalogue import job failed. Its coordinator sees why at the job's address; ` +
          'records written before the failure stay, and importing the document again finishes the job.',
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
  }
}
