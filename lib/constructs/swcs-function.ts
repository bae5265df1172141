import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import {
  type ICommandHooks,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLE_INDEXES } from '../table.js';
import {
  BUNDLE_ALIASES,
  type BundledFile,
  bundleDefines,
  bundleFiles,
  ESM_REQUIRE_BANNER,
} from './bundle-aliases.js';

export type { BundledFile } from './bundle-aliases.js';

/** The repository root: entries, tsconfig and the lock file are resolved from here, whatever the cwd is. */
const PROJECT_ROOT = new URL('../../', import.meta.url).pathname;
export const FUNCTIONS_DIR = join(PROJECT_ROOT, 'functions');

/**
 * Context flag that replaces esbuild bundling with an inline stub. Unit tests set it because bundling ten
 * functions takes far longer than the assertions, and because the handler files need not exist for the template
 * to be checked. `cdk synth` / `cdk deploy` never set it, so what ships is always really bundled.
 */
export const SKIP_BUNDLING_CONTEXT = 'swcs:skipBundling';

/**
 * Lambda's newest Node.js runtime. Node 24 rather than 22: nodejs22.x is deprecated in 2027, cdk-nag's
 * AwsSolutions-L1 asks for the latest runtime, and the code is plain ES2023 that runs the same on the Node 22 used
 * locally. Bump here (one place) when Lambda ships the next LTS.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

const STUB_SOURCE =
  "export const handler = async () => { throw new Error('SWCS: built with swcs:skipBundling, not deployable'); };";

export type TableAccess = 'read' | 'read-write';

/**
 * DynamoDB actions by access level. Explicit lists rather than `grantReadData` / `grantReadWriteData`: those add
 * `Scan` (the design forbids it) and the stream actions (the stream is read only by its event source mapping and
 * pipe). Transactions are authorised by
 * the item-level actions they contain, so no Transact* action is needed.
 */
const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
/** DynamoDB calls KMS on the caller's behalf (kms:ViaService), so the caller needs these on the table's key. */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];

export interface SwcsFunctionProps {
  /** Module under functions/ without extension (a route's `handler`), exporting `handler`. */
  readonly handler: string;
  readonly description?: string;
  readonly environment?: Record<string, string>;
  /** @default 10 seconds: API Gateway gives up after 29 s anyway, and a handler is a few DynamoDB calls. */
  readonly timeout?: Duration;
  /** @default 1024 MB: on arm64 more memory also means more CPU, which shortens cold starts of the bundle. */
  readonly memorySize?: number;
  /** @default three months */
  readonly logRetention?: RetentionDays;
  /** @default the `swcs:skipBundling` context flag, else false */
  readonly skipBundling?: boolean;
  /**
   * Data files copied into the bundle after esbuild, for the handler to read at run time next to its own module.
   * They are part of the asset, so changing one changes the function's code hash. A handler's own data files
   * (bundleFiles in ./bundle-aliases.ts) are added without being named here.
   */
  readonly bundledFiles?: readonly BundledFile[];
  /**
   * The secrets the function reads, each named to it by an environment variable holding its ARN. A function with any
   * carries the Parameters and Secrets extension, through which functions/adapters/secrets/ reads them.
   */
  readonly secrets?: readonly SecretGrant[];
}

export interface SecretGrant {
  readonly secret: ISecret;
  /** The environment variable that tells the function the secret's ARN. */
  readonly envName: string;
}

/**
 * The extension's version, one place for every function. Its cache keeps a secret for five minutes by default,
 * which bounds how long a rotated secret goes on being used; warnings only in the logs, as for the platform logs.
 */
const PARAMS_AND_SECRETS = ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
  logLevel: ParamsAndSecretsLogLevel.WARN,
});

/**
 * A Lambda function with the house defaults (DESIGN.md §2): current Node.js runtime, arm64, active tracing, an
 * explicit log group with retention, minified ESM bundled by the local esbuild with the AWS SDK inside and source
 * maps, and a role that holds nothing until `bindTable` / `grantSecretRead` add exactly what the route needs.
 */
export class SwcsFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: SwcsFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    });

    // An own role instead of the default one, whose AWSLambdaBasicExecutionRole managed policy may write to any
    // log group in the account (cdk-nag AwsSolutions-IAM4): this one may write to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      // The module path without its folder, as the description read before handlers had a folder of their own.
      description: `SWCS function ${props.handler.replace(/^handlers\//, '')}`,
    });
    this.logGroup.grantWrite(this.role);

    const skip = props.skipBundling ?? isTrue(this.node.tryGetContext(SKIP_BUNDLING_CONTEXT));
    const environment = {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'swcs',
      ...props.environment,
    };
    // The handler's own data files (bundleFiles: the OpenAPI document's), whichever stack bundles it, and the caller's.
    const bundledFiles = skip ? [] : [...bundleFiles(props.handler), ...(props.bundledFiles ?? [])];

    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      // JSON platform logs, so that START/REPORT lines sit next to the Powertools JSON lines in one format.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment,
      ...(props.secrets?.length ? { paramsAndSecrets: PARAMS_AND_SECRETS } : {}),
      ...(skip
        ? { code: Code.fromInline(STUB_SOURCE), handler: 'index.handler' }
        : {
            entry: join(FUNCTIONS_DIR, `${props.handler}.ts`),
            handler: 'handler',
            projectRoot: PROJECT_ROOT,
            depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
            bundling: {
              forceDockerBundling: false,
              format: OutputFormat.ESM,
              target: 'node24',
              mainFields: ['module', 'main'],
              banner: ESM_REQUIRE_BANNER,
              minify: true,
              sourceMap: true,
              sourceMapMode: SourceMapMode.DEFAULT,
              // Line numbers are enough to read a stack trace; embedding the sources would double the bundle.
              sourcesContent: false,
              // The SDK version we test against ships inside the bundle instead of whatever the runtime has.
              bundleAwsSDK: true,
              tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
              esbuildArgs: Object.fromEntries(
                Object.entries(BUNDLE_ALIASES).map(([module, path]) => [`--alias:${module}`, path]),
              ),
              define: { ...bundleDefines(props.handler) },
              ...(bundledFiles.length > 0 ? { commandHooks: copyHooks(bundledFiles) } : {}),
            },
          }),
    });

    // Active tracing makes CDK add xray:PutTraceSegments / xray:PutTelemetryRecords on "*" to the role's default
    // policy. Acknowledged on that policy alone; test/infra/platform.test.ts checks that no other statement in any
    // function policy uses "*", so the acknowledgement cannot hide a broader grant added later.
    for (const { secret, envName } of props.secrets ?? []) this.grantSecretRead(secret, envName);

    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level ' +
          'permissions, so AWS requires Resource "*" for them; no other statement in this policy uses "*".',
      });
    }
  }

  /**
   * Grants what `access` needs on the table: item reads on the table and on each GSI by name (no `/index/*`),
   * item writes on the table only (indexes cannot be written), and the matching use of the table's KMS key.
   * Also sets TABLE_NAME.
   */
  bindTable(table: ITable, access: TableAccess, key?: IKey): void {
    const tableArn = table.tableArn;
    const indexArns = TABLE_INDEXES.map((index) => `${tableArn}/index/${index.indexName}`);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: READ_ACTIONS, resources: [tableArn, ...indexArns] }),
    );
    if (access === 'read-write') {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: WRITE_ACTIONS, resources: [tableArn] }),
      );
    }
    const tableKey = key ?? table.encryptionKey;
    if (tableKey) {
      const keyActions =
        access === 'read-write' ? [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS] : KEY_READ_ACTIONS;
      // On the role's policy only, never the key's: the key trusts the account's IAM policies, and a key policy
      // naming each function's role would tie the key to the stack that holds the functions (a cycle once the
      // functions live in a nested stack).
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: keyActions, resources: [tableKey.keyArn] }),
      );
    }
    this.function.addEnvironment('TABLE_NAME', table.tableName);
  }

  /** Lets the function read `secret` and tells it where through `envName`. */
  private grantSecretRead(secret: ISecret, envName: string): void {
    // As for the table's key (bindTable): the role's policy only, so no key policy names a function's role.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secret.secretArn],
      }),
    );
    if (secret.encryptionKey) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [secret.encryptionKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
    this.function.addEnvironment(envName, secret.secretArn);
  }
}

/**
 * Shell commands that copy `files` into the bundle once esbuild has written it. Bundling is local (the house
 * default: the project's own esbuild, no Docker), which runs each command with bash, or cmd on Windows.
 */
function copyHooks(files: readonly BundledFile[]): ICommandHooks {
  for (const file of files) {
    const target = normalize(file.target);
    if (isAbsolute(target) || target === '..' || target.startsWith(`..${sep}`)) {
      throw new Error(`Bundled file target "${file.target}" must stay inside the bundle`);
    }
  }
  const windows = process.platform === 'win32';
  const quote = (path: string) => (windows ? `"${path}"` : `'${path.replace(/'/g, `'\\''`)}'`);
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling(_inputDir: string, outputDir: string): string[] {
      const targetOf = (file: BundledFile) => join(outputDir, normalize(file.target));
      const dirs = [...new Set(files.map((f) => dirname(targetOf(f))))];
      return [
        ...dirs.map((dir) =>
          windows ? `if not exist ${quote(dir)} mkdir ${quote(dir)}` : `mkdir -p ${quote(dir)}`,
        ),
        ...files.map((f) =>
          windows
            ? `copy /Y ${quote(f.source)} ${quote(targetOf(f))}`
            : `cp ${quote(f.source)} ${quote(targetOf(f))}`,
        ),
      ];
    },
  };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
