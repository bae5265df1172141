import { CORS_ALLOWED_HEADERS } from '../functions/http/headers.js';
import { PublicAddressError, parsePublicAddress } from '../functions/domain/public-address.js';
import { addGatewayProblems } from './constructs/gateway-problems.js';
import {
  CfnOutput,
  Duration,
  NestedStack,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ROLES } from '../functions/model/roles.js';
import { binaryMediaTypesOf, ROUTES, type RouteDefinition } from './api/routes.js';
import { HolidayCalendarCheck } from './constructs/holiday-calendar-check.js';
import { type PlatformParameter, platformParameterName } from './constructs/platform-parameters.js';
import { ReferralWorkflow, referralWorkflowParameterName } from './constructs/referral-workflow.js';
import { CatalogueImportWorkflow } from './constructs/catalogue-import-workflow.js';
import { ComplaintClock } from './constructs/complaint-clock.js';
import { CitizenMail, type CitizenMailSetting } from './constructs/citizen-mail.js';
import { DEFAULT_SMS_MONTHLY_BUDGET_USD, OperationsAlerts } from './constructs/operations-alerts.js';
import { SwcsFunction } from './constructs/swcs-function.js';
import { RegistryChangesQueue } from './constructs/registry-changes-queue.js';
import { WorkflowStarts } from './constructs/workflow-starts.js';
import { TABLE_INDEXES, TABLE_KEY, TIME_TO_LIVE_ATTRIBUTE } from './table.js';

export interface PlatformStackProps extends StackProps {
  /** Environment name (dev, staging, prod...): part of every name and SSM path. */
  readonly stage: string;
  /** @default ROUTES (tests pass a table with extra routes to check what a route flag grants) */
  readonly routes?: readonly RouteDefinition[];
  /**
   * The single window's public address, put in every notice as where to act (see functions/domain/public-address.ts).
   * @default the `publicUrl` context for the stage, else `https://<domainName>` when the API has a custom domain;
   * synthesis fails without a valid one (publicAddressOf)
   */
  readonly publicUrl?: string;
}

/**
 * A deploy setting (context) that is missing or wrong: `cdk synth` prints its message, which says what to set, and
 * stops (bin/app.ts), with no stack trace to bury it.
 */
export class DeploySettingError extends Error {
  override readonly name = 'DeploySettingError';
}

/** The API Gateway stage: a version rather than the environment, which is already in the stack. */
export const API_STAGE_NAME = 'v1';

/** The Cognito custom attribute holding the user's canton; the token claim is `custom:canton`. */
export const CANTON_ATTRIBUTE = 'canton';

/**
 * The shared data plane of one environment (DESIGN.md §2, bridge multi-tenancy): the single table, identity, the
 * cursor-signing secret, the REST API with one function per route and the referral workflow. Nothing here knows
 * which cantons exist (canton topics are reached by naming convention), so adding a canton never changes this stack.
 */
export class PlatformStack extends Stack {
  readonly table: dynamodb.Table;
  readonly tableKey: kms.Key;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly cursorSecret: secretsmanager.Secret;
  readonly nationalIdKey: secretsmanager.Secret;
  readonly registryChanges: RegistryChangesQueue;
  readonly api: apigw.RestApi;
  /** One function per route, by operationId. */
  readonly functions: ReadonlyMap<string, SwcsFunction>;
  /** The nested stack that holds the route functions (see below). */
  readonly handlers: NestedStack;
  readonly referralWorkflow: ReferralWorkflow;
  readonly complaintClock: ComplaintClock;
  readonly catalogueImportWorkflow: CatalogueImportWorkflow;
  readonly workflowStarts: WorkflowStarts;
  /** The stage's operations topic, which every alarm of the stage notifies, and the SMS spend alarm. */
  readonly operations: OperationsAlerts;
  /** The address every notice links to (validated). */
  readonly publicUrl: string;
  /** E-mail to citizens through SES, when the stage names its sending identity (the `citizenMail` context). */
  readonly citizenMail: CitizenMail | undefined;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { stage } = props;

    // --- operations ---------------------------------------------------------------------------------------------
    this.operations = new OperationsAlerts(this, 'Operations', {
      stage,
      emails: opsEmailsOf(this, stage),
      smsMonthlyBudgetUsd: smsBudgetOf(this, stage),
    });

    // --- data -------------------------------------------------------------------------------------------------
    this.tableKey = new kms.Key(this, 'TableKey', {
      description: `SWCS ${stage}: encrypts the single table (citizen requests, referrals, audit trail)`,
      alias: `alias/swcs/${stage}/table`,
      enableKeyRotation: true,
      // The table is retained on stack deletion, so its key must outlive the stack too.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEY.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TIME_TO_LIVE_ATTRIBUTE,
      // Read by the pipe that queues approved registry changes (RegistryChangesQueue) and by the function that
      // starts the executions of the workflow outbox (WorkflowStarts), each for its own items only.
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        // Overloaded indexes serve list pages that show the item itself: projecting ALL saves a GetItem per row.
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: `SWCS ${stage}: HMAC key that signs pagination cursors`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is an HMAC key that only signs opaque pagination cursors; it protects no credential and no ' +
        "personal data, and a forged cursor still cannot leave the caller's canton because handlers build every " +
        'key from the token claims. Rotating means replacing the value (cursors then in flight fail with 400 and ' +
        'the client restarts from page one), which ops do by hand with put-secret-value; a rotation Lambda would ' +
        'add code and attack surface for no gain.',
    });

    // --- identity ---------------------------------------------------------------------------------------------
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `swcs-${stage}`,
      // Staff accounts are created by administrators (AdminCreateUser) with their canton; nobody signs up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        // Immutable: set once by the administrator who creates the user, never by the user or a client. The
        // API derives tenant isolation from this claim, so it must not be writable by anyone who holds a token.
        [CANTON_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 2, maxLen: 40, mutable: false }),
      },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Required, TOTP only: every user is staff with access to citizens' personal data, and SMS codes are open to
      // SIM swapping (and would need an SMS role and spend limits).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus tier for threat protection (compromised-credential and risky sign-in blocking); staff MAUs are few,
      // so the per-user price is small next to the data this protects.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'SWCS: su cuenta / your account',
        emailBody:
          'Su usuario SWCS es {username} y su contraseña temporal es {####}. ' +
          'Your SWCS user name is {username} and your temporary password is {####}.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of ROLES) {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `SWCS role ${role}; appears in the cognito:groups claim`,
      });
    }

    this.userPoolClient = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: `swcs-${stage}-console`,
      // Browser and desktop consoles cannot keep a secret; SRP keeps the password off the wire.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: consoles sign in through the Cognito API, so no OAuth flows or callback URLs to protect.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, locale: true })
        .withCustomAttributes(CANTON_ATTRIBUTE),
      // Explicitly without custom:canton (and without email, which administrators manage).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
        fullname: true,
        locale: true,
      }),
    });

    // --- API --------------------------------------------------------------------------------------------------
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      // Access logs are part of the answer to "who touched this record": kept a year, and kept if the stack goes.
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Browser consoles allowed to call the API from another origin, per stage (`-c corsOrigins=https://a,https://b`).
    const corsOrigins = corsOriginsOf(this);
    // File answers (PDFs) are base64 from Lambda; API Gateway turns them into bytes for these types only, when the
    // client's Accept names one. JSON answers stay text.
    const binaryMediaTypes = binaryMediaTypesOf(props.routes ?? ROUTES);
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `swcs-${stage}`,
      ...(binaryMediaTypes.length > 0 ? { binaryMediaTypes } : {}),
      ...(corsOrigins.length > 0
        ? {
            defaultCorsPreflightOptions: {
              allowOrigins: corsOrigins,
              allowHeaders: CORS_ALLOWED_HEADERS.split(', '),
              allowMethods: apigw.Cors.ALL_METHODS,
              maxAge: Duration.minutes(10),
            },
          }
        : {}),
      description: `SWCS ${stage}: Single Window for Citizen Services`,
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // API Gateway writes execution logs through an account-level role; created here, retained on deletion
      // because other APIs in the account may rely on the same account setting.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: API_STAGE_NAME,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Never log request/response bodies: they carry citizens' personal data.
        dataTraceEnabled: false,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            extendedRequestId: apigw.AccessLogField.contextExtendedRequestId(),
            requestTime: apigw.AccessLogField.contextRequestTimeEpoch(),
            httpMethod: apigw.AccessLogField.contextHttpMethod(),
            // The route template (`/r/{code}`), never the path: a contact officer's link code is a credential,
            // and the ids in other paths are already in the audit records, with who asked.
            resourcePath: apigw.AccessLogField.contextResourcePath(),
            status: apigw.AccessLogField.contextStatus(),
            responseLength: apigw.AccessLogField.contextResponseLength(),
            responseLatency: apigw.AccessLogField.contextResponseLatency(),
            integrationLatency: apigw.AccessLogField.contextIntegrationLatency(),
            sourceIp: apigw.AccessLogField.contextIdentitySourceIp(),
            userAgent: apigw.AccessLogField.contextIdentityUserAgent(),
            // The Cognito subject, so that an access can be traced to a staff member without logging a name.
            user: apigw.AccessLogField.contextAuthorizerClaims('sub'),
            wafStatus: apigw.AccessLogField.contextWafResponseCode(),
            error: apigw.AccessLogField.contextErrorMessage(),
            xrayTraceId: apigw.AccessLogField.contextXrayTraceId(),
          }),
        ),
      },
    });
    // RestApi adds an unnamed "Endpoint" output; the ApiUrl output below replaces it with a stable name.
    this.api.node.tryRemoveChild('Endpoint');
    addGatewayProblems(this.api, corsOrigins.length === 1 ? corsOrigins[0] : undefined);
    Validations.of(this.api.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'This is the account-level role API Gateway uses to write execution and access logs for every REST API in ' +
        'the account and region; the AWS managed policy is the documented one for it, AWS keeps it in step with ' +
        'what API Gateway needs, and it grants CloudWatch Logs actions only.',
    });

    // Path parameters are declared and checked at the edge; bodies and query strings are validated by the
    // handlers with the route's zod schemas, which give the bilingual error messages the API promises and are
    // the same schemas the OpenAPI document is generated from. A JSON-schema copy here would drift from them.
    const validator = this.api.addRequestValidator('PathValidator', {
      requestValidatorName: 'path-parameters',
      validateRequestParameters: true,
      validateRequestBody: false,
    });
    Validations.of(this.api.node.defaultChild ?? this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Request parameters are validated at the edge (validator "path-parameters" on every method). Bodies and ' +
        "query strings are validated in each handler with the route's zod schema, the same schema the OpenAPI " +
        'document is generated from, which returns the bilingual (es/en) field errors the API promises; an API ' +
        'Gateway model would be a second, drifting copy answering with a generic English 400. A body validator ' +
        'without models would pass this rule while validating nothing, so it is not faked.',
    });

    const authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: `swcs-${stage}-cognito`,
      cognitoUserPools: [this.userPool],
      identitySource: apigw.IdentitySource.header('Authorization'),
      resultsCacheTtl: Duration.minutes(5),
    });

    // --- the public address ----------------------------------------------------------------------------------
    const domain = this.publicDomain(stage);
    this.publicUrl = publicAddressOf(this, stage, props.publicUrl, domain?.domainName);

    // --- workflows ---------------------------------------------------------------------------------------------
    this.nationalIdKey = new secretsmanager.Secret(this, 'NationalIdKey', {
      description: `SWCS ${stage}: HMAC key that turns national IDs into the digests stored in keys and indexes`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      encryptionKey: this.tableKey,
    });
    Validations.of(this.nationalIdKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is the HMAC key of national-ID digests in keys and indexes. Rotating it would orphan every ' +
        'digest already stored, so it is never rotated automatically: a change of key is a planned re-keying of ' +
        'the registry (re-import), done by ops with put-secret-value.',
    });

    this.referralWorkflow = new ReferralWorkflow(this, 'ReferralWorkflow', {
      stage,
      publicUrl: this.publicUrl,
      table: this.table,
      tableKey: this.tableKey,
      nationalIdKey: this.nationalIdKey,
      operations: this.operations,
    });
    this.complaintClock = new ComplaintClock(this, 'ComplaintClock', {
      stage,
      table: this.table,
      tableKey: this.tableKey,
      notices: this.referralWorkflow,
      operations: this.operations,
    });
    const citizenMail = citizenMailOf(this, stage);
    this.citizenMail = citizenMail
      ? new CitizenMail(this, 'CitizenMail', { stage, ...citizenMail, operations: this.operations })
      : undefined;
    const holidays = new HolidayCalendarCheck(this, 'HolidayCalendarCheck', { stage });
    this.operations.notify(holidays.alarm);
    this.catalogueImportWorkflow = new CatalogueImportWorkflow(this, 'CatalogueImportWorkflow', {
      stage,
      table: this.table,
      tableKey: this.tableKey,
    });
    this.operations.notify(this.catalogueImportWorkflow.failedAlarm);

    this.workflowStarts = new WorkflowStarts(this, 'WorkflowStarts', {
      stage,
      table: this.table,
      referralWorkflow: this.referralWorkflow.stateMachine,
      complaintClock: this.complaintClock.stateMachine,
      catalogueImport: this.catalogueImportWorkflow.stateMachine,
      operations: this.operations,
    });

    this.registryChanges = new RegistryChangesQueue(this, 'RegistryChanges', {
      stage,
      table: this.table,
      tableKey: this.tableKey,
    });

    // --- functions ---------------------------------------------------------------------------------------------
    // The route functions (each with its role, policy and log group) live in a nested stack: a stack holds at most
    // 500 resources, and seven per route would reach it at about seventy routes. The API methods stay here, with
    // the gateway; references both ways become the nested stack's parameters and outputs.
    const handlers = new NestedStack(this, 'Handlers', {
      description: `SWCS ${stage}: the API's Lambda functions, one per route`,
    });
    this.handlers = handlers;
    const functions = new Map<string, SwcsFunction>();
    for (const route of props.routes ?? ROUTES) {
      const fn = new SwcsFunction(handlers, pascalCase(route.operationId), {
        handler: route.handler,
        description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
        environment: { SWCS_STAGE: stage, SWCS_CORS_ORIGINS: corsOrigins.join(',') },
        secrets: [
          ...(route.cursorKey ? [{ secret: this.cursorSecret, envName: 'CURSOR_SECRET_ARN' }] : []),
          ...(route.nationalIdKey ? [{ secret: this.nationalIdKey, envName: 'NATIONAL_ID_KEY_ARN' }] : []),
        ],
      });
      if (route.tableAccess !== 'none') fn.bindTable(this.table, route.tableAccess, this.tableKey);
      if (route.answersReferralWorkflow) this.referralWorkflow.grantTaskResponse(fn);
      if (route.notifies) this.referralWorkflow.grantNotify(fn);
      // Without a citizen sending identity the function gets neither: its e-mail replies are recorded as failed.
      if (route.mailsCitizens) this.citizenMail?.grantSend(fn);
      if (route.answersComplaintClock) this.complaintClock.grantTaskResponse(fn);
      functions.set(route.operationId, fn);

      const resource = this.api.root.resourceForPath(route.path);
      const method = resource.addMethod(
        route.method,
        new apigw.LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false }),
        {
          operationName: route.operationId,
          requestValidator: validator,
          requestParameters: Object.fromEntries(
            pathParameters(route.path).map((name) => [`method.request.path.${name}`, true]),
          ),
          ...(route.auth === 'token'
            ? { authorizer, authorizationType: apigw.AuthorizationType.COGNITO }
            : { authorizationType: apigw.AuthorizationType.NONE }),
        },
      );
      if (route.auth === 'public' && route.page) {
        const reason =
          `${route.method} ${route.path} is public by design: a contact officer's short link page, opened from an ` +
          'SMS or e-mail by people who hold no account. The random link code (65 bits, stored hashed) is the key, ' +
          'and a 6-digit code sent to the officer’s registered phone or e-mail guards the citizen’s data and every ' +
          'answer (docs/decisions/short-links.md). WAF rate limiting and stage throttling apply.';
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
      } else if (route.auth === 'public') {
        const reason =
          `${route.method} ${route.path} is public by design (route table auth: "public"): it returns no ` +
          'citizen or canton data and must answer callers that hold no token (load-balancer health checks, ' +
          'API clients fetching the contract before they sign in). WAF rate limiting and stage throttling apply.';
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
      }
    }
    this.functions = functions;

    this.addWebAcl(stage);

    // --- published for canton stacks and clients -----------------------------------------------------------------
    const publish = (parameter: PlatformParameter, value: string, description: string) =>
      new ssm.StringParameter(this, `Param-${parameter}`, {
        parameterName: platformParameterName(stage, parameter),
        stringValue: value,
        description,
      });
    publish('table-name', this.table.tableName, 'SWCS single table name');
    publish('table-arn', this.table.tableArn, 'SWCS single table ARN');
    publish('table-key-arn', this.tableKey.keyArn, 'KMS key that encrypts the SWCS table');
    publish('user-pool-id', this.userPool.userPoolId, 'SWCS Cognito user pool id');
    publish('user-pool-arn', this.userPool.userPoolArn, 'SWCS Cognito user pool ARN');
    publish('api-url', this.api.url, 'SWCS API base URL');
    new ssm.StringParameter(this, 'Param-referral-workflow-arn', {
      parameterName: referralWorkflowParameterName(stage),
      stringValue: this.referralWorkflow.stateMachine.stateMachineArn,
      description: 'SWCS referral workflow (Step Functions state machine) ARN',
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the SWCS API' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  /**
   * The API under the single window's own domain (`domainName` and `certificateArn` context, per stage), mapped at
   * its root so that the short links `/r/<reference>` are served at `https://<domainName>/r/…`. The certificate is
   * an ACM certificate in the stack's region; ops point the domain's DNS at the `PublicDomainTarget` output.
   */
  private publicDomain(stage: string): { domainName: string } | undefined {
    const domainName = stageContext(this, 'domainName', stage);
    const certificateArn = stageContext(this, 'certificateArn', stage);
    if (domainName === undefined && certificateArn === undefined) return undefined;
    if (domainName === undefined || certificateArn === undefined) {
      throw new DeploySettingError(
        `Stage "${stage}": a custom domain needs both "domainName" and "certificateArn" (context), or neither`,
      );
    }
    if (!/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domainName)) {
      throw new DeploySettingError(
        `Stage "${stage}": domainName "${domainName}" is not a host name such as swcs.inclusion.gob.ec`,
      );
    }
    if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/.test(certificateArn)) {
      throw new DeploySettingError(
        `Stage "${stage}": certificateArn "${certificateArn}" is not an ACM certificate ARN`,
      );
    }
    const domain = this.api.addDomainName('PublicDomain', {
      domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'PublicCertificate', certificateArn),
      endpointType: apigw.EndpointType.REGIONAL,
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });
    new CfnOutput(this, 'PublicDomainTarget', {
      value: domain.domainNameAliasDomainName,
      description: `Point ${domainName} here (CNAME, or an alias record): the API's regional domain`,
    });
    return { domainName };
  }

  /**
   * A regional WAF web ACL on the API stage: AWS managed rule groups against common exploits, known bad inputs
   * and IP addresses with a bad reputation, plus a per-IP rate limit. Stage throttling protects the back end; this
   * keeps one abusive source from using up everyone's share of it.
   */
  private addWebAcl(stage: string): void {
    const managed = (name: string, priority: number, overrides?: string[]): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(overrides
            ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    });
    const acl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `swcs-${stage}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `swcs-${stage}-api`,
        sampledRequestsEnabled: true,
      },
      rules: [
        // A request description may be 4000 characters of Spanish text (up to ~8 KB of UTF-8) plus the rest of
        // the body, beyond the rule group's 8 KB body limit: counted, not blocked; the handlers enforce sizes.
        managed('AWSManagedRulesCommonRuleSet', 0, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
        managed('AWSManagedRulesAmazonIpReputationList', 2),
        {
          name: 'RateLimitPerIp',
          priority: 3,
          action: { block: {} },
          // Generous: a call centre puts many operators behind one public IP.
          statement: { rateBasedStatement: { limit: 6000, aggregateKeyType: 'IP' } },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'RateLimitPerIp',
            sampledRequestsEnabled: true,
          },
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
  }
}

function pascalCase(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/**
 * A context value for a stage: the value itself, or, when it is an object, its entry for the stage — so that
 * cdk.json can hold each stage's address (`"publicUrl": {"prod": "https://…", "staging": "https://…"}`) and a
 * `-c name=value` on the command line sets it for the stage being synthesized.
 */
export function stageContext(scope: Construct, name: string, stage: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(name);
  const forStage =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)[stage]
      : value;
  if (forStage === undefined || forStage === null || forStage === '') return undefined;
  return String(forStage);
}

/**
 * The public address, checked at synthesis: a missing or unfit one (too long for the SMS short links, not https)
 * stops `cdk synth` with the reason, instead of failing every referral's first notice after deployment. Every CDK
 * stage needs one — only `npm start` defaults to where it listens — from the `publicUrl` context or the API's
 * custom domain. The API's own execute-api URL cannot be it: its origin is about 54 characters, and short links fit
 * a one-segment SMS only from an origin of at most 40.
 */
function publicAddressOf(
  scope: Construct,
  stage: string,
  configured: string | undefined,
  domainName: string | undefined,
): string {
  const value =
    configured ??
    stageContext(scope, 'publicUrl', stage) ??
    (domainName ? `https://${domainName}` : undefined);
  if (value === undefined) {
    throw new DeploySettingError(
      `The public address of stage "${stage}" is required: set "publicUrl" in cdk.json (one address, or ` +
        `{"${stage}": "https://…"} per stage), pass -c publicUrl=https://…, or give the API its own domain with ` +
        '-c domainName=… -c certificateArn=… (the address is then https://<domainName>). It is where the single ' +
        "window's short links /r/<reference> are served; the API's execute-api URL is too long for them.",
    );
  }
  try {
    return parsePublicAddress(value, 'The publicUrl context').url;
  } catch (error) {
    if (error instanceof PublicAddressError) throw new DeploySettingError(error.message);
    throw error;
  }
}

/** The `opsEmails` context for the stage: who the operations topic e-mails (comma-separated, or a JSON array). */
function opsEmailsOf(scope: Construct, stage: string): string[] {
  const raw: unknown = scope.node.tryGetContext('opsEmails');
  const value =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)[stage]
      : raw;
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  const emails = list.map((e) => e.trim()).filter(Boolean);
  for (const email of emails) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw new DeploySettingError(
        `The opsEmails context has "${email}": each entry must be an e-mail address`,
      );
    }
  }
  return emails;
}

/**
 * The `citizenMail` context for the stage: the verified SES identity citizens' e-mails come from, as
 * `{"from": "no-reply@…", "identityArn": "arn:aws:ses:…"}` (identityArn optional), as the address alone, or as either
 * per stage (`{"prod": {...}, "staging": "…"}`). None: the stage cannot e-mail citizens.
 */
export function citizenMailOf(scope: Construct, stage: string): CitizenMailSetting | undefined {
  const raw: unknown = scope.node.tryGetContext('citizenMail');
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  let value: unknown = isObject(raw) && !('from' in raw) ? raw[stage] : raw;
  if (value === undefined || value === null || value === '') return undefined;
  // `-c citizenMail='{"from": …}'` arrives as a string.
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new DeploySettingError(`The citizenMail context of stage "${stage}" is not valid JSON`);
    }
  }
  const setting = typeof value === 'string' ? { from: value } : isObject(value) ? value : undefined;
  const from = typeof setting?.from === 'string' ? setting.from.trim() : '';
  if (!/^[^@\s<>",;]+@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(from)) {
    throw new DeploySettingError(
      `The citizenMail context of stage "${stage}" needs "from", the address citizens' e-mails come from ` +
        '(e.g. {"from": "no-reply@vus.inclusion.gob.ec"}), at a domain verified in Amazon SES',
    );
  }
  const identityArn = setting?.identityArn;
  if (
    identityArn !== undefined &&
    !(
      typeof identityArn === 'string' &&
      /^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity\/\S+$/.test(identityArn)
    )
  ) {
    throw new DeploySettingError(
      `The citizenMail context of stage "${stage}" has an identityArn that is not an SES identity ARN ` +
        '(arn:aws:ses:<region>:<account>:identity/<domain or address>)',
    );
  }
  const unknown = Object.keys(setting ?? {}).filter((key) => key !== 'from' && key !== 'identityArn');
  if (unknown.length > 0) {
    throw new DeploySettingError(
      `The citizenMail context of stage "${stage}" has ${unknown.join(', ')}: only "from" and "identityArn" are known`,
    );
  }
  return { from, ...(typeof identityArn === 'string' ? { identityArn } : {}) };
}

/** The `smsMonthlyBudgetUsd` context for the stage: the month-to-date SMS spend that raises the spend alarm. */
function smsBudgetOf(scope: Construct, stage: string): number {
  const value = stageContext(scope, 'smsMonthlyBudgetUsd', stage);
  if (value === undefined) return DEFAULT_SMS_MONTHLY_BUDGET_USD;
  const budget = Number(value);
  if (!Number.isFinite(budget) || budget <= 0) {
    throw new DeploySettingError(
      `The smsMonthlyBudgetUsd context is "${value}": it must be a positive number of US dollars`,
    );
  }
  return budget;
}

/** The `corsOrigins` context: a comma-separated list (or JSON array) of https origins; none by default. */
function corsOriginsOf(scope: Construct): string[] {
  const value: unknown = scope.node.tryGetContext('corsOrigins');
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  const origins = list.map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin)) {
      throw new DeploySettingError(
        `The corsOrigins context has "${origin}": each origin must be https://host[:port], no path`,
      );
    }
  }
  return origins;
}
