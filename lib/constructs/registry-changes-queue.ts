import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface RegistryChangesQueueProps {
  readonly stage: string;
  /** The single table, with a stream of new images. */
  readonly table: dynamodb.ITable;
  readonly tableKey: kms.IKey;
}

/**
 * The queue the ministry's Registro Social integration reads approved information updates from. An approval
 * writes an outbox item in the same transaction as the change (functions/adapters/dynamodb/registry-store.ts,
 * `saveDecision`); an EventBridge pipe carries each new outbox item from the table's stream to this queue, so a
 * change is queued if and only if it was approved — no code sends it, and none can forget to. Locally the same
 * items are the outbox served over HTTP (GET /_local/registry-outbox, lib/local/registry-outbox.ts).
 */
export class RegistryChangesQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: RegistryChangesQueueProps) {
    super(scope, id);
    const { stage, table, tableKey } = props;
    // SQS-managed encryption and inline role policies: the Platform stack is close to CloudFormation's 500
    // resources, and a customer-managed key would add two (the messages carry ids and field values, no secrets).
    const deadLetters = new sqs.Queue(this, 'DeadLetters', {
      queueName: `swcs-${stage}-registry-changes-dlq`,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: `swcs-${stage}-registry-changes`,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });

    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('RegistryChangesQueue needs the table to have a stream');
    const role = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      inlinePolicies: {
        RegistryChanges: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: [
                'dynamodb:DescribeStream',
                'dynamodb:GetRecords',
                'dynamodb:GetShardIterator',
                'dynamodb:ListStreams',
              ],
              resources: [streamArn],
            }),
            // The stream is encrypted with the table's key.
            new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [tableKey.keyArn] }),
            new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
          ],
        }),
      },
    });

    new pipes.CfnPipe(this, 'Pipe', {
      name: `swcs-${stage}-registry-changes`,
      description:
        'Approved registry changes (outbox items) from the table stream to the national registry queue',
      roleArn: role.roleArn,
      source: streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 10 },
        // Only new outbox items: the stream carries every item of the table, nothing else goes out.
        filterCriteria: {
          filters: [
            {
              pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { entity: { S: ['registry-outbox'] } } },
              }),
            },
          ],
        },
      },
      target: this.queue.queueArn,
      targetParameters: { inputTemplate: '<$.dynamodb.NewImage>' },
    });
  }
}
