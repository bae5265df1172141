import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  CustomResource,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
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
  Provider,
} from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { type CantonDefinition, CantonDefinitionSchema } from '../functions/domain/canton.js';
import { coordinatorsOf } from '../functions/domain/canton-staff.js';
import { cantonRegistrationItem } from '../functions/adapters/dynamodb/keys.js';
import { CANTONS_DIR, loadCantonSeed } from './cantons.js';
import { CantonNotifications, type EmailRecipient } from './constructs/canton-notifications.js';
import { operationsTopicOf } from './constructs/operations-alerts.js';
import { cantonTopicParameterName, platformParameterName } from './constructs/platform-parameters.js';
import { type BundledFile, SwcsFunction } from './constructs/swcs-function.js';

export interface CantonStackProps extends StackProps {
  readonly definition: CantonDefinition;
  readonly stage: string;
  /**
   * The folder the definition was loaded from; its seed files (`definition.seed`) are read from here.
   * @default CANTONS_DIR (the repository's cantons/, or SWCS_CANTONS_DIR)
   */
  readonly cantonsDir?: string;
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
  /** E-mail notifications topic and the alarm on notices that could not be sent. */
  readonly notifications: CantonNotifications;
  readonly registration: AwsCustomResource;
  /** The seed custom resource; only for a canton whose definition names seed files. */
  readonly seed?: CustomResource;

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
    if (definition.seed?.catalogue || definition.seed?.protocols) {
      this.seed = this.seedData(
        definition,
        props.cantonsDir ?? CANTONS_DIR,
        tableName,
        tableArn,
        tableKeyArn,
      );
      // The seed is applied as the canton: its registration must be in the table first.
      this.seed.node.addDependency(this.registration);
    }
    this.escalationTopic = this.escalations(definition, stage);
    this.notifications = new CantonNotifications(this, 'Notifications', {
      stage,
      cantonId: definition.id,
      displayName: `SWCS ${definition.name}`,
      escalationTopic: this.escalationTopic,
      recipients: emailRecipients(definition, props.cantonsDir ?? CANTONS_DIR),
      operationsTopic: operationsTopicOf(this, 'OperationsTopic', stage),
    });

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

  /**
   * Registers the canton's seed catalogue and protocols through a custom resource backed by
   * functions/handlers/system/seed-canton.ts. The definition and seed files travel in the function's bundle (see the
   * handler for why not as properties); the resource carries only the canton id and `SeedHash`, a digest of the
   * seed content, so an unchanged seed causes no update and a changed one re-runs the (idempotent) handler.
   * Canton protocols inherit national templates: ops deploy the national canton stack first
   * (docs/decisions/infra-aws.md). Canton stacks do not depend on one another in CDK, so adding a canton
   * touches no other stack.
   */
  private seedData(
    definition: CantonDefinition,
    cantonsDir: string,
    tableName: string,
    tableArn: string,
    tableKeyArn: string,
  ): CustomResource {
    const files = seedFiles(definition, cantonsDir);
    const seeder = new SwcsFunction(this, 'Seeder', {
      handler: 'handlers/system/seed-canton',
      description: `SWCS: seeds the catalogue and protocols of canton ${definition.id}`,
      // Hundreds of records written one by one, each read first; far below this, but a deployment must not fail
      // on a slow minute.
      timeout: Duration.minutes(5),
      bundledFiles: files,
    });
    const table = dynamodb.Table.fromTableAttributes(this, 'Table', {
      tableArn,
      encryptionKey: kms.Key.fromKeyArn(this, 'TableKey', tableKeyArn),
    });
    // Reads on the table and its GSIs by name, writes on the table, the key's encrypt/decrypt actions: no `*`.
    seeder.bindTable(table, 'read-write');
    // bindTable sets the name derived from the ARN; the published name says the same without string surgery.
    seeder.function.addEnvironment('TABLE_NAME', tableName);

    const logGroup = new LogGroup(this, 'SeedProviderLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // As for the registration: an own role writing to its own log group, not AWSLambdaBasicExecutionRole.
    const role = new iam.Role(this, 'SeedProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `SWCS: invokes the seed function of canton ${definition.id} for CloudFormation`,
    });
    logGroup.grantWrite(role);
    const provider = new Provider(this, 'SeedProvider', {
      onEventHandler: seeder.function,
      frameworkOnEventRole: role,
      logGroup,
    });
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(seeder.function.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason:
          'Added by the CDK Provider framework (grantInvoke): lambda:InvokeFunction on the seed function and on ' +
          '"<its ARN>:*", i.e. its versions and aliases. The wildcard covers qualifiers of this one function only, ' +
          'in this stack; it grants nothing on any other function.',
      });
    }

    const seed = loadCantonSeed(definition, cantonsDir);
    return new CustomResource(this, 'Seed', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::SwcsCantonSeed',
      properties: {
        CantonId: definition.id,
        SeedHash: seedDigest(seed),
      },
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

/**
 * Who the canton's notices are e-mailed to, by the id notices are addressed to: every staff member (by staff id),
 * and every contact officer of the canton's seed catalogue (by the user id they sign in with). Contact officers
 * added later through the API are subscribed when the seed catalogue names them and the stack is deployed again
 * (docs/decisions/email-delivery.md).
 */
export function emailRecipients(definition: CantonDefinition, cantonsDir: string): EmailRecipient[] {
  const staff = definition.staff.map((member) => ({ userId: member.id, email: member.email }));
  const catalogue = definition.seed?.catalogue ? loadCantonSeed(definition, cantonsDir).catalogue : undefined;
  const officers = (catalogue?.organizations ?? []).flatMap((o) =>
    o.contactOfficers.map((officer) => ({ userId: officer.userId, email: officer.email })),
  );
  return [...staff, ...officers];
}

/**
 * The files the seed function needs, from the cantons folder into the same layout in its bundle: the definition
 * (checked to be the very definition this stack was built from) and the seed files it names.
 */
export function seedFiles(definition: CantonDefinition, cantonsDir: string): BundledFile[] {
  // Absolute, so that the copy does not depend on the directory bundling runs in.
  const dir = resolve(cantonsDir);
  const definitionFile = join(dir, `${definition.id}.json`);
  if (!existsSync(definitionFile)) {
    throw new Error(`Canton ${definition.id} names seed files, but ${definitionFile} does not exist`);
  }
  const onDisk = CantonDefinitionSchema.safeParse(JSON.parse(readFileSync(definitionFile, 'utf8')));
  if (!onDisk.success || canonicalJson(onDisk.data) !== canonicalJson(definition)) {
    throw new Error(`${definitionFile} is not the definition of canton ${definition.id} given to its stack`);
  }
  const seedPaths = [definition.seed?.catalogue, definition.seed?.protocols].filter(
    (path): path is string => path !== undefined,
  );
  return [`${definition.id}.json`, ...seedPaths].map((path) => {
    const inside = normalize(path);
    // The bundle mirrors the folder: a path leaving it would leave the bundle too.
    if (isAbsolute(inside) || inside === '..' || inside.startsWith(`..${sep}`)) {
      throw new Error(`Canton ${definition.id}: seed file "${path}" must be inside the cantons folder`);
    }
    return { source: join(dir, inside), target: join('cantons', inside) };
  });
}

/** A digest of the seed content (parsed, keys sorted): reformatting a seed file does not re-run the seeding. */
export function seedDigest(seed: ReturnType<typeof loadCantonSeed>): string {
  return createHash('sha256').update(canonicalJson(seed)).digest('hex').slice(0, 16);
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
