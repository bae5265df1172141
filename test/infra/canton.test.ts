import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CantonDefinition, coordinatorsOf } from '../../functions/domain/canton.js';
import { cantonRegistrationItem } from '../../functions/store/keys.js';
import { CANTON_TAG, type CantonStack, definitionDigest } from '../../lib/canton-stack.js';
import { loadCantons } from '../../lib/cantons.js';
import { platformParameterName } from '../../lib/constructs/platform-parameters.js';
import { addSwcsStacks, cdkJsonContext, stackIds } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';

const testContext = () => ({ ...cdkJsonContext(), [SKIP_BUNDLING_CONTEXT]: true });

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
      const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription'));
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
