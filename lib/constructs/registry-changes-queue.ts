import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
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
 * items are the outbox served over HTTP (GET /cantons/{cantonId}/registry/outbox).
 */
export class RegistryChangesQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: RegistryChangesQueueProps) {
    super(scope, id);
    const { stage, table, tableKey } = props;
    const key = new kms.Key(this, 'Key', {
      description: `SWCS ${stage}: encrypts approved registry changes queued for the national registry`,
      alias: `alias/swcs/${stage}/registry-changes`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const deadLetters = new sqs.Queue(this, 'DeadLetters', {
      queueName: `swcs-${stage}-registry-changes-dlq`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: `swcs-${stage}-registry-changes`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });

    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('RegistryChangesQueue needs the table to have a stream');
    const role = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: [streamArn] }));
    tableKey.grantDecrypt(role);
    // What sending to a KMS-encrypted queue needs, named action by action (no wildcard grants).
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
    );

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
