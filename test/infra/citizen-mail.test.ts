import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCantons } from '../../lib/cantons.js';
import { operationsTopicName } from '../../lib/constructs/operations-alerts.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { citizenMailOf, DeploySettingError, type PlatformStack } from '../../lib/platform-stack.js';
import { cdkTestContext } from '../support/infra.js';
import { platformResources } from '../support/templates.js';

/**
 * Citizens' e-mail through SES (docs/decisions/email-delivery.md): what the `citizenMail` setting adds to the
 * Platform stack — a configuration set reporting to the operations topic, and `ses:SendEmail` on the stage's
 * identity for the function that replies to complaints, and for no other.
 */

// Synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: Json;
  Condition?: Json;
  Principal?: Json;
};

const cantons = loadCantons();
const FROM = 'no-reply@vus.inclusion.gob.ec';
const RESOLVE = 'POST /cantons/{cantonId}/complaints/{complaintId}/resolution';

function platform(context: Record<string, unknown>, options: { nag?: boolean; outdir?: string } = {}) {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true, ...context },
  });
  return {
    app,
    platform: addSwcsStacks(app, { stage: 'test', cantons, nag: options.nag ?? false }).platform,
  };
}

/** Resolves the Fn::Join / pseudo-parameter ARNs the stack builds into readable text. */
const flatten = (value: Json): string => {
  if (typeof value === 'string') return value;
  if (value?.Ref) return `<${value.Ref}>`;
  if (value?.['Fn::Join']) return (value['Fn::Join'][1] as Json[]).map(flatten).join(value['Fn::Join'][0]);
  return JSON.stringify(value);
};

function view(stack: PlatformStack) {
  const resources: Record<string, Json> = platformResources(stack);
  const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  const fn = (prefix: string) => {
    const found = functions.filter(([, r]) => String(r.Properties.Description).startsWith(prefix));
    expect(found).toHaveLength(1);
    return found[0]?.[1];
  };
  const statementsOf = (lambda: Json): Statement[] => {
    const roleId = lambda.Properties.Role['Fn::GetAtt'][0];
    return Object.values(resources)
      .filter((r: Json) => r.Type === 'AWS::IAM::Policy')
      .filter((p: Json) => (p.Properties.Roles as Json[]).some((role) => role.Ref === roleId))
      .flatMap((p: Json) => p.Properties.PolicyDocument.Statement as Statement[]);
  };
  const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
  const sesStatements = (lambda: Json) =>
    statementsOf(lambda).filter((s) => actions(s).some((a) => a.startsWith('ses:')));
  return { resources, functions, fn, sesStatements };
}

describe('a stage with a citizen sending identity', () => {
  let stack: PlatformStack;
  let template: Template;
  beforeAll(() => {
    stack = platform({ citizenMail: { test: { from: FROM } } }).platform;
    template = Template.fromStack(stack);
  });

  it('grants the reply function ses:SendEmail on that identity and configuration set only, from that address', () => {
    const { fn, sesStatements } = view(stack);
    const statements = sesStatements(fn(RESOLVE));
    expect(statements).toHaveLength(1);
    const [statement] = statements as [Statement];
    expect(statement.Effect).toBe('Allow');
    expect(statement.Action).toBe('ses:SendEmail');
    expect((statement.Resource as Json[]).map(flatten).sort()).toEqual([
      'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:configuration-set/swcs-test-citizen-mail',
      `arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/${FROM}`,
      'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/vus.inclusion.gob.ec',
    ]);
    expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': FROM } });
  });

  it('tells the reply function the sender and the configuration set', () => {
    const { fn } = view(stack);
    const env = fn(RESOLVE).Properties.Environment.Variables;
    expect(env).toMatchObject({
      CITIZEN_MAIL_FROM: FROM,
      CITIZEN_MAIL_CONFIGURATION_SET: 'swcs-test-citizen-mail',
    });
    expect(env).not.toHaveProperty('CITIZEN_MAIL_IDENTITY_ARN');
  });

  it('gives no other function any SES right or the sender (staff e-mail stays on the canton topics)', () => {
    const { functions, sesStatements } = view(stack);
    const others = functions.filter(([, r]) => !String(r.Properties.Description).startsWith(RESOLVE));
    expect(others.length).toBeGreaterThan(10);
    for (const [id, lambda] of others) {
      expect(sesStatements(lambda), id).toEqual([]);
      expect(lambda.Properties.Environment?.Variables ?? {}, id).not.toHaveProperty('CITIZEN_MAIL_FROM');
    }
  });

  it('sends with a configuration set: TLS required, bounces and complaints suppressed and told to operations', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'swcs-test-citizen-mail',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    const destinations = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]?.Properties.EventDestination;
    expect(destination.Enabled).toBe(true);
    expect(destination.MatchingEventTypes).toEqual(
      expect.arrayContaining(['bounce', 'complaint', 'reject', 'renderingFailure', 'deliveryDelay']),
    );
    const topicId = destination.SnsDestination.TopicARN.Ref;
    expect(template.toJSON().Resources[topicId].Properties.TopicName).toBe(operationsTopicName('test'));
    // SES may publish to the operations topic, for this configuration set only, and use its key to.
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
    const keys = Object.values(template.findResources('AWS::KMS::Key')) as Json[];
    const sesKeyStatements = keys.flatMap((key) =>
      (key.Properties.KeyPolicy.Statement as Statement[]).filter((s) =>
        JSON.stringify(s.Principal ?? {}).includes('ses.amazonaws.com'),
      ),
    );
    expect(sesKeyStatements).toHaveLength(1);
    expect(sesKeyStatements[0]?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(sesKeyStatements[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    });
    // The topic policy is what limits SES to this configuration set's events.
    const topicPolicy = Object.values(template.findResources('AWS::SNS::TopicPolicy')).find((p: Json) =>
      JSON.stringify(p.Properties.Topics).includes(topicId),
    ) as Json;
    const sesPublish = (topicPolicy.Properties.PolicyDocument.Statement as Statement[]).find((s) =>
      JSON.stringify(s.Principal ?? {}).includes('ses.amazonaws.com'),
    );
    const [setId] = Object.keys(template.findResources('AWS::SES::ConfigurationSet'));
    expect(flatten(sesPublish?.Condition.StringEquals['AWS:SourceArn'])).toBe(
      `arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:configuration-set/<${setId}>`,
    );
  });
});

describe('the citizenMail setting', () => {
  it('may name the identity by ARN, which is then the only identity granted and is passed on', () => {
    const identityArn = 'arn:aws:ses:sa-east-1:222222222222:identity/inclusion.gob.ec';
    const { platform: stack } = platform({ citizenMail: { from: FROM, identityArn } });
    const { fn, sesStatements } = view(stack);
    const [statement] = sesStatements(fn(RESOLVE)) as [Statement];
    expect((statement.Resource as Json[]).map(flatten).sort()).toEqual([
      'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:configuration-set/swcs-test-citizen-mail',
      identityArn,
    ]);
    expect(fn(RESOLVE).Properties.Environment.Variables.CITIZEN_MAIL_IDENTITY_ARN).toBe(identityArn);
  });

  it('may be the address alone, for every stage or per stage, or JSON from the command line', () => {
    const read = (citizenMail: unknown) => citizenMailOf(new App({ context: { citizenMail } }), 'test');
    expect(read(FROM)).toEqual({ from: FROM });
    expect(read({ prod: FROM, test: { from: 'avisos@pruebas.inclusion.gob.ec' } })).toEqual({
      from: 'avisos@pruebas.inclusion.gob.ec',
    });
    expect(read({ prod: FROM })).toBeUndefined();
    expect(read(undefined)).toBeUndefined();
    expect(read(JSON.stringify({ from: FROM }))).toEqual({ from: FROM });
  });

  it('stops synthesis with what to set when it is wrong', () => {
    const read = (citizenMail: unknown) => () => citizenMailOf(new App({ context: { citizenMail } }), 'test');
    expect(read({ from: 'no-reply' })).toThrow(DeploySettingError);
    expect(read({ from: 'no-reply' })).toThrow(/citizenMail.*needs "from"/);
    expect(read({ from: FROM, identityArn: 'vus.inclusion.gob.ec' })).toThrow(
      /identityArn that is not an SES identity ARN/,
    );
    expect(read({ from: FROM, configurationSet: 'x' })).toThrow(
      /configurationSet: only "from" and "identityArn"/,
    );
    expect(read('{"from":')).toThrow(/not valid JSON/);
  });

  it('absent, adds no SES resource and no SES right: e-mail replies are then recorded as failed', () => {
    const { platform: stack } = platform({});
    const { fn, sesStatements } = view(stack);
    expect(sesStatements(fn(RESOLVE))).toEqual([]);
    expect(fn(RESOLVE).Properties.Environment.Variables).not.toHaveProperty('CITIZEN_MAIL_FROM');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SES::ConfigurationSet', 0);
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 0);
  });
});

describe('cdk-nag, with citizen e-mail', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'swcs-nag-mail-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('finds nothing unacknowledged, and needs no new acknowledgement', () => {
    const { app } = platform({ citizenMail: { from: FROM } }, { nag: true, outdir });
    expect(() => app.synth()).not.toThrow();
  });
});
