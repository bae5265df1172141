import { createHash } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  Logging,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { type CantonDefinition, coordinatorsOf } from '../functions/domain/canton.js';
import { cantonRegistrationItem } from '../functions/store/keys.js';
import { cantonTopicParameterName, platformParameterName } from './constructs/platform-parameters.js';

export interface CantonStackProps extends StackProps {
  readonly definition: CantonDefinition;
  readonly stage: string;
}

export const CANTON_TAG = 'swcs:canton';

/**
 * What belongs to one canton (DESIGN.md §2): its registration in the shared table and its escalation topic.
 * Everything it needs from the Platform stack comes from SSM parameters resolved at deploy time, so deploying,
 * changing or deleting a canton stack touches no other stack.
 */
export class CantonStack extends Stack {
  readonly definition: CantonDefinition;
  readonly escalationTopic: sns.Topic;
  readonly registration: AwsCustomResource;

  constructor(scope: Construct, id: string, props: CantonStackProps) {
    super(scope, id, props);
    const { definition, stage } = props;
    this.definition = definition;

    const fromPlatform = (name: Parameters<typeof platformParameterName>[1]) =>
      ssm.StringParameter.valueForStringParameter(this, platformParameterName(stage, name));
    const tableName = fromPlatform('table-name');
    const tableArn = fromPlatform('table-arn');
    const tableKeyArn = fromPlatform('table-key-arn');

    this.registration = this.register(definition, tableName, tableArn, tableKeyArn);
    this.escalationTopic = this.escalations(definition, stage);

    Tags.of(this).add(CANTON_TAG, definition.id);
  }

  /**
   * Writes the canton's registration item with one PutItem, on create and on update. The item is a pure function
   * of the definition (its `registeredAt` is a digest of the definition, not a clock), so the resource's
   * properties change exactly when the definition does: a changed file is re-registered, an unchanged one is not
   * touched, and deploying twice changes nothing. Deleting the stack leaves the item (and the canton's records)
   * in place on purpose: retiring a canton is a data decision, not a side effect of a stack deletion.
   */
  private register(definition: CantonDefinition, tableName: string, tableArn: string, tableKeyArn: string) {
    const item = cantonRegistrationItem(definition, `deploy:${definitionDigest(definition)}`);
    const putItem: AwsSdkCall = {
      service: 'DynamoDB',
      action: 'PutItem',
      parameters: { TableName: tableName, Item: marshall(item, { removeUndefinedValues: true }) },
      physicalResourceId: PhysicalResourceId.of(`swcs-canton-registration-${definition.id}`),
      // The item carries staff names and e-mail addresses: keep them out of the provider's logs.
      logging: Logging.withDataHidden(),
    };

    const logGroup = new LogGroup(this, 'RegistrationLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role for the provider function: the default one carries the AWSLambdaBasicExecutionRole managed
    // policy (any log group in the account); this one may write to its own log group only.
    const role = new iam.Role(this, 'RegistrationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `SWCS: registers canton ${definition.id} in the table`,
    });
    logGroup.grantWrite(role);

    return new AwsCustomResource(this, 'Registration', {
      resourceType: 'Custom::SwcsCantonRegistration',
      onCreate: putItem,
      onUpdate: putItem,
      policy: AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [tableArn] }),
        // DynamoDB uses the table's customer-managed key on the caller's behalf.
        new iam.PolicyStatement({
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [tableKeyArn],
        }),
      ]),
      role,
      logGroup,
      // Use the SDK in the Lambda runtime: installing the latest one at deploy time needs npm and the network.
      installLatestAwsSdk: false,
    });
  }

  /** The canton's escalation topic, KMS-encrypted and TLS-only, with one e-mail subscription per coordinator. */
  private escalations(definition: CantonDefinition, stage: string): sns.Topic {
    const key = new kms.Key(this, 'NotificationsKey', {
      description: `SWCS ${stage}: encrypts notifications of canton ${definition.id}`,
      alias: `alias/swcs/${stage}/${definition.id}/notifications`,
      enableKeyRotation: true,
      // SNS keeps no messages once delivered, so nothing stays encrypted under this key after the stack goes;
      // the 30-day pending window still allows undoing a mistaken deletion.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const topic = new sns.Topic(this, 'Escalations', {
      displayName: `SWCS ${definition.name}`.slice(0, 100),
      masterKey: key,
      enforceSSL: true,
    });
    for (const coordinator of coordinatorsOf(definition)) {
      // Each address receives a confirmation e-mail from SNS and gets nothing until it confirms.
      topic.addSubscription(new EmailSubscription(coordinator.email));
    }
    new ssm.StringParameter(this, 'EscalationTopicParam', {
      parameterName: cantonTopicParameterName(stage, definition.id),
      stringValue: topic.topicArn,
      description: `SWCS escalation topic of canton ${definition.id}`,
    });
    return topic;
  }
}

/** A stable digest of a definition: object keys sorted so that reformatting the JSON file changes nothing. */
export function definitionDigest(definition: CantonDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
