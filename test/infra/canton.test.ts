import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cdkTestContext } from '../support/infra.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import { coordinatorsOf } from '../../functions/domain/canton-staff.js';
import { cantonRegistrationItem } from '../../functions/adapters/dynamodb/keys.js';
import { CANTON_TAG, CantonStack, definitionDigest } from '../../lib/canton-stack.js';
import { CANTONS_DIR, loadCantons } from '../../lib/cantons.js';
import { platformParameterName } from '../../lib/constructs/platform-parameters.js';
import { addSwcsStacks, stackIds } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { TABLE_INDEXES } from '../../lib/table.js';

const testContext = () => ({ ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true });

const cantons = loadCantons();
let stacks: readonly CantonStack[];
const templates = new Map<string, Template>();

beforeAll(() => {
  const app = new App({ context: testContext() });
  stacks = addSwcsStacks(app, { stage: 'test', cantons }).cantons;
  for (const stack of stacks) templates.set(stack.definition.id, Template.fromStack(stack));
});

const templateOf = (definition: CantonDefinition) => templates.get(definition.id) as Template;

/** The JSON string CloudFormation receives for an SDK call, with the SSM references replaced by placeholders. */
function sdkCallOf(template: Template, phase: 'Create' | 'Update') {
  const [registration] = Object.values(template.findResources('Custom::SwcsCantonRegistration'));
  const joined = registration?.Properties?.[phase]?.['Fn::Join']?.[1] as unknown[];
  const text = joined.map((part) => (typeof part === 'string' ? part : '<ssm>')).join('');
  return JSON.parse(text);
}

describe('a canton stack', () => {
  it('exists for every canton file, national included', () => {
    expect(stacks.map((s) => s.stackName).sort()).toEqual(
      cantons.map((c) => stackIds.canton('test', c.id)).sort(),
    );
    expect(cantons.some((c) => c.level === 'national')).toBe(true);
  });

  it.each(cantons.map((c) => [c.id, c] as const))(
    '%s registers itself with one PutItem on create and update',
    (_, definition) => {
      const template = templateOf(definition);
      template.resourceCountIs('Custom::SwcsCantonRegistration', 1);
      const create = sdkCallOf(template, 'Create');
      expect(create).toMatchObject({
        service: 'DynamoDB',
        action: 'PutItem',
        parameters: { TableName: '<ssm>' },
      });
      expect(sdkCallOf(template, 'Update')).toEqual(create);
      // The item is the shared registration item, marshalled, with a registeredAt that depends on the definition
      // only: synthesizing twice gives the same properties, so deploying twice changes nothing.
      const item = cantonRegistrationItem(definition, `deploy:${definitionDigest(definition)}`);
      expect(create.parameters.Item.PK).toEqual({ S: item.PK });
      expect(create.parameters.Item.SK).toEqual({ S: item.SK });
      expect(create.parameters.Item.registeredAt).toEqual({ S: item.registeredAt });
      expect(create.parameters.Item.definition.M.id).toEqual({ S: definition.id });
      expect(create.parameters.Item.definition.M.staff.L).toHaveLength(definition.staff.length);
      expect(create.physicalResourceId).toEqual({ id: `swcs-canton-registration-${definition.id}` });
    },
  );

  it('limits the registration to PutItem on the table and the table key read from SSM', () => {
    const template = templateOf(cantons[0] as CantonDefinition);
    const params = template.toJSON().Parameters as Record<string, { Default?: string }>;
    const paramId = (name: Parameters<typeof platformParameterName>[1]) =>
      Object.entries(params).find(([, p]) => p.Default === platformParameterName('test', name))?.[0];
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: 'dynamodb:PutItem', Effect: 'Allow', Resource: { Ref: paramId('table-arn') } },
          {
            Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
            Effect: 'Allow',
            Resource: { Ref: paramId('table-key-arn') },
          },
        ],
      },
    });
  });

  it.each(cantons.map((c) => [c.id, c] as const))(
    '%s has an encrypted, TLS-only topic with one e-mail subscription per coordinator',
    (_, definition) => {
      const template = templateOf(definition);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      // The escalation topic (no fixed name; the notifications topic has its own test in workflow.test.ts).
      const [escalationId] = Object.entries(template.findResources('AWS::SNS::Topic')).find(
        ([, t]) => t.Properties.TopicName === undefined,
      ) as [string, unknown];
      const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).filter(
        (s) => s.Properties.TopicArn?.Ref === escalationId,
      );
      const coordinators = coordinatorsOf(definition);
      expect(coordinators.length).toBeGreaterThan(0);
      expect(subscriptions.map((s) => s.Properties.Endpoint).sort()).toEqual(
        coordinators.map((c) => c.email).sort(),
      );
      for (const s of subscriptions) expect(s.Properties.Protocol).toBe('email');
    },
  );

  it('tags its resources with its canton id', () => {
    for (const definition of cantons) {
      const template = templateOf(definition);
      for (const type of ['AWS::SNS::Topic', 'AWS::KMS::Key', 'AWS::Lambda::Function', 'AWS::IAM::Role']) {
        template.hasResourceProperties(type, {
          Tags: Match.arrayWith([{ Key: CANTON_TAG, Value: definition.id }]),
        });
      }
    }
  });

  it('runs its provider function on Node.js 22 or newer', () => {
    for (const definition of cantons) {
      for (const fn of Object.values(templateOf(definition).findResources('AWS::Lambda::Function'))) {
        expect(Number(String(fn.Properties.Runtime).match(/^nodejs(\d+)\.x$/)?.[1])).toBeGreaterThanOrEqual(
          22,
        );
      }
    }
  });

  it('imports nothing from other stacks', () => {
    for (const template of templates.values()) {
      expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    }
  });
});

describe('adding a canton', () => {
  it('does not change the Platform stack', () => {
    const platformWith = (list: CantonDefinition[]) => {
      const app = new App({ context: testContext() });
      return Template.fromStack(addSwcsStacks(app, { stage: 'test', cantons: list }).platform).toJSON();
    };
    const national = cantons.filter((c) => c.level === 'national');
    expect(platformWith(national)).toEqual(platformWith(cantons));
  });
});

// --- seeding ----------------------------------------------------------------------------------------------------

// synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
type Statement = { Effect: string; Action: string | string[]; Resource: Json };

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

/** A copy of the cantons folder to change without touching the repository's. */
const copyOfCantons = () => {
  const dir = tempDir('swcs-cantons-');
  cpSync(CANTONS_DIR, dir, { recursive: true });
  return dir;
};

/** The canton stacks' templates for `list`, synthesized from `cantonsDir` with bundling skipped. */
function cantonTemplates(list: readonly CantonDefinition[], cantonsDir = CANTONS_DIR) {
  const app = new App({ context: testContext() });
  const { cantons: built } = addSwcsStacks(app, { stage: 'test', cantons: list, cantonsDir });
  return new Map(built.map((stack) => [stack.definition.id, Template.fromStack(stack)]));
}

const seedResourceOf = (template: Template): [string, Json] | undefined =>
  Object.entries(template.findResources('Custom::SwcsCantonSeed'))[0];
const seedHashOf = (template: Template | undefined) =>
  seedResourceOf(template as Template)?.[1].Properties.SeedHash as string;

/** The SSM parameter of `name`, as the template refers to it. */
function parameterRef(template: Template, name: Parameters<typeof platformParameterName>[1]) {
  const params = template.toJSON().Parameters as Record<string, { Default?: string }>;
  const id = Object.entries(params).find(([, p]) => p.Default === platformParameterName('test', name))?.[0];
  return { Ref: id };
}

describe('seeding a canton', () => {
  const quito = cantons.find((c) => c.id === 'quito') as CantonDefinition;

  it.each(cantons.map((c) => [c.id, c] as const))(
    '%s has one seed resource, applied after its registration, with a seed hash',
    (_, definition) => {
      expect(definition.seed).toBeDefined();
      const template = templateOf(definition);
      template.resourceCountIs('Custom::SwcsCantonSeed', 1);
      const [, seed] = seedResourceOf(template) as [string, Json];
      expect(seed.Properties).toEqual({
        ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^SeedProviderframeworkonEvent/), 'Arn'] },
        CantonId: definition.id,
        SeedHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      const [registrationId] = Object.keys(template.findResources('Custom::SwcsCantonRegistration'));
      expect(seed.DependsOn).toContain(registrationId);
    },
  );

  it('has no seed resource, no seed function and no provider for a canton without seed files', () => {
    const { seed: _none, ...withoutSeed } = quito;
    const template = cantonTemplates([withoutSeed]).get('quito') as Template;
    template.resourceCountIs('Custom::SwcsCantonSeed', 0);
    const handlers = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn: Json) => `${fn.Properties.Handler} ${fn.Properties.Description ?? ''}`,
    );
    expect(handlers.filter((h) => /framework\.onEvent|seeds the catalogue/.test(h))).toEqual([]);
    template.resourceCountIs('Custom::SwcsCantonRegistration', 1);
  });

  it('keeps the seed hash when nothing changes, even if a seed file is only reformatted', () => {
    const dir = copyOfCantons();
    const file = join(dir, 'catalogue', 'quito.json');
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))));
    const again = cantonTemplates(cantons);
    const reformatted = cantonTemplates(cantons, dir);
    for (const definition of cantons) {
      expect(seedHashOf(again.get(definition.id))).toBe(seedHashOf(templateOf(definition)));
      expect(seedHashOf(reformatted.get(definition.id))).toBe(seedHashOf(templateOf(definition)));
    }
  });

  it('changes the seed hash of exactly the canton whose seed changes (catalogue or protocols)', () => {
    const catalogueDir = copyOfCantons();
    const catalogueFile = join(catalogueDir, 'catalogue', 'quito.json');
    const catalogue = JSON.parse(readFileSync(catalogueFile, 'utf8'));
    catalogue.services[0].description = `${catalogue.services[0].description} (actualizado)`;
    writeFileSync(catalogueFile, JSON.stringify(catalogue));

    const protocolsDir = copyOfCantons();
    const protocolsFile = join(protocolsDir, 'protocols', 'quito.json');
    writeFileSync(protocolsFile, JSON.stringify(JSON.parse(readFileSync(protocolsFile, 'utf8')).slice(1)));

    for (const dir of [catalogueDir, protocolsDir]) {
      const changed = cantonTemplates(cantons, dir);
      for (const definition of cantons) {
        const before = seedHashOf(templateOf(definition));
        const after = seedHashOf(changed.get(definition.id));
        if (definition.id === 'quito') expect(after).not.toBe(before);
        else expect(after).toBe(before);
      }
    }
  });

  it('gives the seed function TABLE_NAME from SSM and grants it only the table, its indexes and its key', () => {
    const template = templateOf(quito);
    const tableArn = parameterRef(template, 'table-arn');
    const keyArn = parameterRef(template, 'table-key-arn');
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('^SWCS: seeds the catalogue and protocols') },
    });
    const [fn] = Object.values(functions) as Json[];
    expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual(parameterRef(template, 'table-name'));
    expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });

    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p: Json) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
      .flatMap((p: Json) => p.Properties.PolicyDocument.Statement as Statement[]);
    const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
    const resources = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
    const indexArns = TABLE_INDEXES.map((i) => ({ 'Fn::Join': ['', [tableArn, `/index/${i.indexName}`]] }));

    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of actions(statement)) expect(action).not.toMatch(/\*/);
      if (resources(statement).includes('*')) {
        // X-Ray only: its actions have no resource-level permissions.
        expect(actions(statement).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    }
    const on = (prefix: string) => statements.filter((s) => actions(s).some((a) => a.startsWith(prefix)));
    for (const statement of on('dynamodb:')) {
      for (const resource of resources(statement)) expect([tableArn, ...indexArns]).toContainEqual(resource);
    }
    expect(on('dynamodb:').flatMap(actions).sort()).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem']),
    );
    expect(on('dynamodb:').flatMap(actions)).not.toContain('dynamodb:Scan');
    for (const statement of on('kms:')) expect(resources(statement)).toEqual([keyArn]);
    expect(on('kms:').flatMap(actions).sort()).toEqual(
      expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']),
    );
  });

  it('gives the provider framework its own role, writing only to its own log group', () => {
    const template = templateOf(quito);
    const [framework] = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Handler: 'framework.onEvent' },
      }),
    ) as Json[];
    expect(framework.Properties.LoggingConfig.LogGroup.Ref).toMatch(/^SeedProviderLogs/);
    const roleId = framework.Properties.Role['Fn::GetAtt'][0];
    expect(template.toJSON().Resources[roleId].Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 } });
  });

  it('makes canton stacks depend on the platform only, never on one another', () => {
    for (const stack of stacks) {
      expect(stack.dependencies.map((d) => d.stackName)).toEqual([stackIds.platform('test')]);
    }
  });

  it('refuses a seed path that leaves the cantons folder', () => {
    const dir = copyOfCantons();
    const definition = { ...quito, seed: { catalogue: '../outside.json' } };
    writeFileSync(join(dir, 'quito.json'), JSON.stringify(definition));
    expect(() => cantonTemplates([definition], dir)).toThrow(/must be inside the cantons folder/);
  });

  it('bundles the definition and its seed files next to the handler (real esbuild bundling)', () => {
    const outdir = tempDir('swcs-bundle-');
    // The canton stack alone (no platform functions to bundle), without the skip-bundling flag.
    const app = new App({ outdir, context: cdkTestContext() });
    new CantonStack(app, 'Bundled', { stage: 'test', definition: quito, cantonsDir: CANTONS_DIR });
    app.synth();
    const bundles = readdirSync(outdir)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => join(outdir, d))
      .filter((d) => existsSync(join(d, 'index.mjs')));
    expect(bundles).toHaveLength(1);
    const [bundle] = bundles as [string];
    for (const file of ['quito.json', quito.seed?.catalogue, quito.seed?.protocols]) {
      const bundled = join(bundle, 'cantons', file as string);
      expect(readFileSync(bundled, 'utf8'), file).toBe(
        readFileSync(join(CANTONS_DIR, file as string), 'utf8'),
      );
    }
  });
});
