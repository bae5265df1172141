import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes.js';
import { loadCantons } from '../../lib/cantons.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';
import { cdkTestContext } from '../support/infra.js';
import { platformResources } from '../support/templates.js';

// synthesized CloudFormation is untyped JSON, probed by the tests.
type Json = any;
let resources: Record<string, { Type: string; Properties: Record<string, Json> }>;

beforeAll(() => {
  const app = new App({ context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true } });
  const { platform } = addSwcsStacks(app, { stage: 'test', cantons: loadCantons() });
  resources = platformResources(platform);
});
const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);

describe('the social registry on AWS', () => {
  it('queues approved changes for the national registry: the table stream, filtered to outbox items, to an encrypted queue', () => {
    const [table] = ofType('AWS::DynamoDB::Table');
    expect(table?.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    const [pipe] = ofType('AWS::Pipes::Pipe');
    const pattern = JSON.parse(pipe?.Properties.SourceParameters.FilterCriteria.Filters[0].Pattern);
    expect(pattern).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['registry-outbox'] } } },
    });
    const queues = ofType('AWS::SQS::Queue').filter((q) =>
      String(q.Properties.QueueName).startsWith('swcs-test-registry-'),
    );
    expect(queues.map((q) => q.Properties.QueueName).sort()).toEqual([
      'swcs-test-registry-changes',
      'swcs-test-registry-changes-dlq',
    ]);
    expect(queues.every((q) => q.Properties.SqsManagedSseEnabled === true)).toBe(true);
  });

  it('gives the national-ID key only to the functions that hash national IDs', () => {
    const withKey = ROUTES.filter((r) => r.nationalIdKey)
      .map((r) => r.operationId)
      .sort();
    expect(withKey).toEqual([
      'answerLinkPage',
      'changePlanItemStatus',
      'checkOutPlanCart',
      'classifyRequest',
      'createReferral',
      'decideRegistryChange',
      'getReferral',
      'importRegistryHouseholds',
      'mergeProvisionalIdentity',
      'openComplaint',
      'openLinkPage',
      'openPlanCart',
      'proposeRegistryChange',
      'recordCitizenConfirmation',
      'recordLocalBenefit',
      'recordRequest',
      'recordSharingConsent',
      'referEscalatedRequest',
      'rerouteReferral',
      'screenCitizen',
      'transitionReferral',
    ]);
    const functions = ofType('AWS::Lambda::Function');
    const keyed = functions.filter(
      (f) => f.Properties.Environment?.Variables?.NATIONAL_ID_KEY_ARN !== undefined,
    );
    // And the referral workflow's step, whose automatic re-routes plan referrals too.
    expect(keyed).toHaveLength(withKey.length + 1);
    const secrets = ofType('AWS::SecretsManager::Secret').map((s) => String(s.Properties.Description));
    expect(secrets.some((d) => d.includes('national IDs'))).toBe(true);
  });
});
