import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { SNSClient } from '@aws-sdk/client-sns';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../lib/api/openapi.js';
import { ROUTES } from '../../lib/api/routes.js';
import { unpackDocument } from '../../lib/api/openapi-packed.js';
import {
  BUNDLE_ALIASES,
  bundleDefines,
  bundleFiles,
  LAMBDA_BUILD_OPTIONS,
} from '../../lib/constructs/bundle-aliases.js';
import { SwcsFunction } from '../../lib/constructs/swcs-function.js';
import { type LocalDynamo, startLocalDynamo } from '../../lib/local/dynamodb.js';
import { Sha256 } from '../../functions/adapters/aws/native-checksums.js';
import {
  NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS,
  resolveEndpointDiscoveryConfig,
} from '../../functions/adapters/aws/no-endpoint-discovery.js';
import { EventStreamSerde, eventStreamSerdeProvider } from '../../functions/adapters/aws/no-event-streams.js';

/**
 * A Lambda bundle is built with parts of the AWS SDK replaced (BUNDLE_ALIASES): the credential chain by the
 * environment provider, event streams and DynamoDB's endpoint discovery by modules that fail if reached, the
 * checksums by node:crypto's SHA-256. Built as SwcsFunction builds it, a bundle holds none of the originals, and
 * its clients still sign with the role's credentials and get their answers: DynamoDB's from the embedded server,
 * the other services' from an endpoint here that checks every signature with the SDK's own signer, and secrets
 * from a stand-in for the Parameters and Secrets extension, which is how functions read them on AWS.
 */
const dir = mkdtempSync(join(tmpdir(), 'swcs-bundle-aliases-'));
const TABLE = 'swcs-aliases';
const ROLE = { accessKeyId: 'AKIDLAMBDAROLE', secretAccessKey: 'secret', sessionToken: 'session' };
let dynamo: LocalDynamo;
let endpoint = '';
const received: { target: string; path: string; authorization: string; signedAgain: string }[] = [];

/** What the other services answer: SNS in its XML query protocol, the others in JSON. */
function answer(req: IncomingMessage, body: string): { type: string; body: string } {
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target === 'AWSStepFunctions.StartExecution') {
    return {
      type: 'application/x-amz-json-1.0',
      body: JSON.stringify({ executionArn: 'arn:exec', startDate: 1 }),
    };
  }
  if (req.url === '/v2/email/outbound-emails') {
    return { type: 'application/json', body: JSON.stringify({ MessageId: 'mail-1' }) };
  }
  if (new URLSearchParams(body).get('Action') === 'Publish') {
    return {
      type: 'text/xml',
      body:
        '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
        '<MessageId>sms-1</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId>' +
        '</ResponseMetadata></PublishResponse>',
    };
  }
  return { type: 'application/json', body: '{}' };
}

/**
 * The Parameters and Secrets extension as functions reach it: on localhost, GetSecretValue's answer for a secret it
 * holds, and, as the real one does, a refusal for a caller without the function's session token.
 */
const extensionTokens: string[] = [];
const extension = createServer((req, res) => {
  const token = String(req.headers['x-aws-parameters-secrets-token'] ?? '');
  extensionTokens.push(token);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const known = url.pathname === '/secretsmanager/get' && url.searchParams.get('secretId') === 'arn:cursor';
  if (token !== ROLE.sessionToken || !known) {
    res.writeHead(token === ROLE.sessionToken ? 404 : 401, { 'content-type': 'text/plain' });
    res.end('not an allowed secret');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ARN: 'arn:cursor', Name: 'cursor', SecretString: 'k' }));
});
let extensionPort = '';

/** The Authorization header the SDK's own signer (unbundled, its own SHA-256) gives the request as received. */
async function signedAgain(req: IncomingMessage, body: string): Promise<string> {
  const authorization = String(req.headers.authorization ?? '');
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const [, region = '', service = ''] = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(authorization) ?? [];
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const signer = await new SNSClient({ region, credentials: ROLE }).config.signer();
  const signed = await (
    signer as unknown as {
      sign(request: object, options: object): Promise<{ headers: Record<string, string> }>;
    }
  ).sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(signedHeaders.map((name) => [name, String(req.headers[name] ?? '')])),
      body,
    },
    {
      signingDate: parseAmzDate(String(req.headers['x-amz-date'])),
      signingRegion: region,
      signingService: service,
    },
  );
  return signed.headers.authorization ?? '';
}

const parseAmzDate = (value: string) =>
  new Date(value.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    void signedAgain(req, body).then((again) => {
      received.push({
        target: String(req.headers['x-amz-target'] ?? new URLSearchParams(body).get('Action') ?? req.url),
        path: req.url ?? '',
        authorization: String(req.headers.authorization ?? ''),
        signedAgain: again,
      });
      const { type, body: out } = answer(req, body);
      res.writeHead(200, { 'content-type': type });
      res.end(out);
    });
  });
});

beforeAll(async () => {
  dynamo = await startLocalDynamo({});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => extension.listen(0, 'localhost', resolve));
  extensionPort = String((extension.address() as AddressInfo).port);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => extension.close(resolve));
  await dynamo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Bundles `source` (or a project file) as SwcsFunction does: minified ESM for node24, the aliases, the defines. */
async function bundleAsLambda(
  name: string,
  entry: { source: string } | { file: string },
  define: Readonly<Record<string, string>> = {},
): Promise<{ outfile: string; inputs: string[] }> {
  const entryPoint = 'file' in entry ? entry.file : join(dir, `${name}.ts`);
  if ('source' in entry) writeFileSync(entryPoint, entry.source);
  const outfile = join(dir, `${name}.mjs`);
  const result = await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: [entryPoint],
    outfile,
    tsconfig: join(process.cwd(), 'tsconfig.json'),
    define: { ...define },
    nodePaths: [join(process.cwd(), 'node_modules')],
    metafile: true,
    logLevel: 'silent',
  });
  return { outfile, inputs: inputsInOutput(result.metafile) };
}

/** The inputs that put bytes into the bundle (a module only imported, all of it unused, puts none). */
const inputsInOutput = (metafile: Metafile): string[] =>
  Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).flatMap(([path, input]) => (input.bytesInOutput > 0 ? [path] : [])),
  );

/** Runs a bundle as Lambda would: a fresh process whose environment holds the role's credentials. */
async function run(
  outfile: string,
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string }> {
  // Asynchronously: the endpoints answering the bundle run in this process.
  return promisify(execFile)(process.execPath, [outfile], {
    encoding: 'utf8',
    timeout: 30_000,
    // The OpenAPI document's answer is about 1 MB, the default limit of execFile's output.
    maxBuffer: 16 * 1024 * 1024,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: ROLE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ROLE.secretAccessKey,
      AWS_SESSION_TOKEN: ROLE.sessionToken,
      ...env,
    },
  });
}

const CLIENTS = `
import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { secretString } from '${join(process.cwd(), 'functions/adapters/secrets/secrets-manager.ts')}';

const TableName = process.env.TABLE_NAME;
const raw = new DynamoDBClient({});
await raw.send(new CreateTableCommand({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }, { AttributeName: 'SK', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
}));
const table = DynamoDBDocumentClient.from(raw);
const out = {};
await table.send(new PutCommand({ TableName, Item: { PK: 'CASE#1', SK: 'A', spots: 2 } }));
await table.send(new TransactWriteCommand({ TransactItems: [
  { Put: { TableName, Item: { PK: 'CASE#1', SK: 'B', spots: 0 } } },
  { Update: { TableName, Key: { PK: 'CASE#1', SK: 'A' }, UpdateExpression: 'SET spots = spots - :one',
      ConditionExpression: 'spots > :none', ExpressionAttributeValues: { ':one': 1, ':none': 0 } } },
] }));
out.get = (await table.send(new GetCommand({ TableName, Key: { PK: 'CASE#1', SK: 'A' } }))).Item;
out.query = (await table.send(new QueryCommand({ TableName, KeyConditionExpression: 'PK = :pk',
  ExpressionAttributeValues: { ':pk': 'CASE#1' } }))).Items;
try {
  await table.send(new PutCommand({ TableName, Item: { PK: 'CASE#1', SK: 'A' }, ConditionExpression: 'attribute_not_exists(PK)' }));
} catch (error) { out.refused = error.name; }
out.sms = (await new SNSClient({}).send(new PublishCommand({ PhoneNumber: '+593999999999', Message: 'Hola' }))).MessageId;
out.mail = (await new SESv2Client({}).send(new SendEmailCommand({ FromEmailAddress: 'a@example.org',
  Destination: { ToAddresses: ['b@example.org'] },
  Content: { Simple: { Subject: { Data: 'Hola' }, Body: { Text: { Data: 'Hola' } } } } }))).MessageId;
out.execution = (await new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: 'arn:sm', input: '{}' }))).executionArn;
out.secret = await secretString('arn:cursor');
try { await secretString('arn:other'); } catch (error) { out.noSecret = error.message; }
try { new DynamoDBClient({ endpointDiscoveryEnabled: true }); } catch (error) { out.discovery = error.message; }
process.stdout.write(JSON.stringify(out));
`;

describe('Lambda bundles and the SDK parts they leave out', () => {
  it('sign with the credentials in the environment and get their answers, without the parts inside', async () => {
    const { outfile, inputs } = await bundleAsLambda('clients', { source: CLIENTS });
    for (const alias of Object.values(BUNDLE_ALIASES)) {
      expect(inputs.some((path) => alias.endsWith(path.replace(/^(\.\.\/)+/, '')))).toBe(true);
    }
    const leftOut =
      /node_modules\/.*(credential-provider-(node|ini|sso|process)|nested-clients|event-streams|endpoint-discovery|endpoint-cache|mnemonist|submodules\/checksum)/;
    expect(inputs.filter((path) => leftOut.test(path))).toEqual([]);

    const { stdout, stderr } = await run(outfile, {
      TABLE_NAME: TABLE,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SNS: endpoint,
      AWS_ENDPOINT_URL_SESV2: endpoint,
      AWS_ENDPOINT_URL_SFN: endpoint,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: extensionPort,
    });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      get: { PK: 'CASE#1', SK: 'A', spots: 1 },
      query: [
        { PK: 'CASE#1', SK: 'A', spots: 1 },
        { PK: 'CASE#1', SK: 'B', spots: 0 },
      ],
      refused: 'ConditionalCheckFailedException',
      sms: 'sms-1',
      mail: 'mail-1',
      execution: 'arn:exec',
      secret: 'k',
      noSecret: 'The secrets extension answered 404 for arn:other: not an allowed secret',
      discovery: expect.stringMatching(/endpoint discovery is not in this Lambda bundle/),
    });
    expect(received.map((r) => r.target).sort()).toEqual([
      '/v2/email/outbound-emails',
      'AWSStepFunctions.StartExecution',
      'Publish',
    ]);
    // Secrets come through the extension, asked with the function's session token, never through the SDK.
    expect(extensionTokens).toEqual([ROLE.sessionToken, ROLE.sessionToken]);
    expect(inputs.filter((path) => path.includes('client-secrets-manager'))).toEqual([]);
    for (const request of received) {
      expect(request.authorization).toMatch(/Credential=AKIDLAMBDAROLE\//);
      expect(request.authorization).toBe(request.signedAgain);
    }
  });

  it('leave the SDK out of the handlers that never reach the table', async () => {
    for (const handler of ['handlers/system/health', 'handlers/system/openapi']) {
      const { inputs } = await bundleAsLambda(
        handler.replaceAll('/', '-'),
        { file: join(process.cwd(), 'functions', `${handler}.ts`) },
        bundleDefines(handler),
      );
      expect(inputs.filter((path) => /@aws-sdk|@smithy/.test(path))).toEqual([]);
    }
  });
});

describe('The national rest days in a bundle', () => {
  it('are the checked holiday file, dates only, read from beside the bundle', async () => {
    const handler = 'handlers/referrals/create';
    const at = '2026-12-20T15:00:00Z';
    const canton = { timeZone: 'America/Guayaquil', holidays: [] };
    const { outfile, inputs } = await bundleAsLambda(
      'rest-days',
      {
        source:
          `import { cantonCalendar } from '${join(process.cwd(), 'functions/app/canton-calendar.ts')}';\n` +
          `process.stdout.write(JSON.stringify(cantonCalendar(${JSON.stringify(canton)}, new Date('${at}'))));\n`,
      },
      bundleDefines(handler),
    );
    // Neither the file's names and legal sources nor the schemas that check them travel.
    expect(inputs.filter((path) => /holidays|holiday-calendar/.test(path))).toEqual([
      'functions/domain/holidays.ts',
    ]);
    expect(readFileSync(outfile, 'utf8')).not.toContain('Código del Trabajo');
    const files = bundleFiles(handler);
    for (const file of files) copyFileSync(file.source, join(dirname(outfile), file.target));

    const { stdout, stderr } = await run(outfile, {});
    expect(stderr).toBe('');
    const { cantonCalendar } = await import('../../functions/app/canton-calendar.js');
    const unbundled = cantonCalendar(canton, new Date(at));
    expect(JSON.parse(stdout)).toEqual(unbundled);
    // Christmas and New Year's Day are ahead of 20 December: the bundle's calendar is not an empty one.
    expect(unbundled.holidays).toEqual(expect.arrayContaining(['2026-12-25', '2027-01-01']));
  });
});

describe("The OpenAPI document's bundle", () => {
  const ORIGIN = 'https://console.example.org';
  /** GET /openapi.json as API Gateway hands it to the function, from a console allowed by CORS. */
  const event = {
    resource: '/openapi.json',
    path: '/openapi.json',
    httpMethod: 'GET',
    headers: { 'accept-language': 'en', origin: ORIGIN },
    multiValueHeaders: { 'accept-language': ['en'], origin: [ORIGIN] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      httpMethod: 'GET',
      path: '/openapi.json',
      requestId: 'r-1',
      resourcePath: '/openapi.json',
    },
  };
  /** Lambda's context, less its one function, which each side adds. */
  const context = {
    functionName: 'getOpenApi',
    functionVersion: '$LATEST',
    awsRequestId: 'a-1',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:getOpenApi',
    memoryLimitInMB: '1024',
  };

  it('serves the document the route table builds, without the route table, its schemas or the examples', async () => {
    const handler = 'handlers/system/openapi';
    const { outfile, inputs } = await bundleAsLambda(
      'openapi-document',
      { file: join(process.cwd(), 'functions', `${handler}.ts`) },
      bundleDefines(handler),
    );
    // What SwcsFunction copies into the asset once esbuild is done: the packed document, beside the bundle.
    const files = bundleFiles(handler);
    expect(files.map((f) => f.target)).toEqual(['openapi.json.br', 'national-rest-days.json']);
    for (const file of files) copyFileSync(file.source, join(dirname(outfile), file.target));
    expect(inputs.filter((path) => path.includes('lib/api/'))).toEqual(['lib/api/openapi-packed.ts']);
    expect(inputs.filter((path) => path.includes('functions/http/routes/'))).toEqual([
      'functions/http/routes/system.ts',
    ]);

    const invoke = join(dir, 'invoke-openapi.mjs');
    writeFileSync(
      invoke,
      `const { handler } = await import(${JSON.stringify(outfile)});\n` +
        `const context = { ...${JSON.stringify(context)}, getRemainingTimeInMillis: () => 10000 };\n` +
        `process.stdout.write(JSON.stringify(await handler(${JSON.stringify(event)}, context)));\n`,
    );
    const { stdout, stderr } = await run(invoke, { SWCS_CORS_ORIGINS: ORIGIN });
    expect(stderr).toBe('');
    const bundled = JSON.parse(stdout) as { statusCode: number; body: string };
    expect(bundled.statusCode).toBe(200);
    expect(bundled.body).toBe(JSON.stringify(buildOpenApiDocument()));

    // The same answer, headers and all, as the handler run unbundled, which builds the document itself.
    process.env.SWCS_CORS_ORIGINS = ORIGIN;
    try {
      const unbundled = await import('../../functions/handlers/system/openapi.js');
      const answer = await unbundled.handler(
        event as never,
        {
          ...context,
          getRemainingTimeInMillis: () => 10_000,
        } as never,
      );
      expect(bundled).toEqual(answer);
    } finally {
      delete process.env.SWCS_CORS_ORIGINS;
    }
  });

  it('travels in the asset SwcsFunction bundles, which serves it', async () => {
    const handler = 'handlers/system/openapi';
    const app = new App({ outdir: join(dir, 'cdk.out') });
    const stack = new Stack(app, 'OpenApi');
    new SwcsFunction(stack, 'GetOpenApi', { handler, skipBundling: false });
    const assembly = app.synth();
    const [code] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map(
      (r) => (r as { Properties: { Code: { S3Key: string } } }).Properties.Code,
    );
    const asset = join(assembly.directory, `asset.${code?.S3Key.replace(/\.zip$/, '')}`);
    const [file] = bundleFiles(handler);
    expect(readFileSync(join(asset, 'openapi.json.br'))).toEqual(readFileSync(file?.source ?? ''));

    const invoke = join(dir, 'invoke-openapi-asset.mjs');
    writeFileSync(
      invoke,
      `const { handler } = await import(${JSON.stringify(join(asset, 'index.mjs'))});\n` +
        `const context = { ...${JSON.stringify(context)}, getRemainingTimeInMillis: () => 10000 };\n` +
        `process.stdout.write((await handler(${JSON.stringify(event)}, context)).body);\n`,
    );
    const { stdout, stderr } = await run(invoke, { SWCS_CORS_ORIGINS: ORIGIN });
    expect(stderr).toBe('');
    expect(stdout).toBe(JSON.stringify(buildOpenApiDocument()));
  });

  it('is packed into a file that holds the document, the bundle being told only its name', () => {
    const [file] = bundleFiles('handlers/system/openapi');
    expect(unpackDocument(readFileSync(file?.source ?? ''))).toEqual(buildOpenApiDocument());
    // SwcsFunction passes every define to esbuild on one shell command line, which Windows' cmd caps at 8,191
    // characters in all: the defines of any handler stay a small part of it.
    for (const handler of new Set(ROUTES.map((r) => r.handler))) {
      const defines = Object.entries(bundleDefines(handler)).map(
        ([name, value]) => `--define:${name}=${value}`,
      );
      expect(defines.join(' ').length, handler).toBeLessThan(200);
    }
  });
});

describe('The modules standing in for the SDK parts left out', () => {
  it('fail, naming the part, if a client ever reaches event streams or endpoint discovery', () => {
    expect(() => eventStreamSerdeProvider({} as never)).toThrow(/Event stream serialisation is not in this/);
    expect(() => new EventStreamSerde()).toThrow(/Event stream serialisation is not in this/);
    expect(() => NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.environmentVariableSelector()).toThrow(
      /endpoint discovery is not in this/,
    );
    expect(() =>
      resolveEndpointDiscoveryConfig({ endpointDiscoveryEnabled: false } as never, {
        endpointDiscoveryCommandCtor: class {} as never,
      }),
    ).toThrow(/endpoint discovery is not in this/);
  });

  it('hash as the SDK does: SHA-256, and HMAC-SHA-256 given a secret', async () => {
    const data = new TextEncoder().encode('AWS4-HMAC-SHA256\n20261202T000000Z');
    const plain = new Sha256();
    plain.update(data);
    expect(Buffer.from(await plain.digest())).toEqual(createHash('sha256').update(data).digest());
    // Read once, a plain hash goes on taking data.
    plain.update(data);
    expect(Buffer.from(await plain.digest())).toEqual(
      createHash('sha256').update(data).update(data).digest(),
    );
    for (const secret of ['AWS4secret', new Uint8Array([1, 2, 3])]) {
      const keyed = new Sha256(secret);
      keyed.update(data);
      expect(Buffer.from(await keyed.digest())).toEqual(createHmac('sha256', secret).update(data).digest());
    }
  });
});
