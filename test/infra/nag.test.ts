import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cdkTestContext } from '../support/infra.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCantons } from '../../lib/cantons.js';
import { addSwcsStacks } from '../../lib/constructs/swcs-app.js';
import { SKIP_BUNDLING_CONTEXT } from '../../lib/constructs/swcs-function.js';

/**
 * cdk-nag 3 is a policy-validation plugin: during `app.synth()` it reports every unacknowledged finding (errors
 * and warnings alike) and synthesis throws a ValidationFailed error carrying the report. So "no findings" is
 * "synth does not throw", and the report file in the assembly lists what was found.
 */
const outdirs: string[] = [];
const newOutdir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'swcs-nag-'));
  outdirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

type Acknowledgement = { path: string; id: string; reason: string };

function acknowledgementsUnder(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  const app = new App({
    outdir: newOutdir(),
    context: { ...cdkTestContext(), [SKIP_BUNDLING_CONTEXT]: true },
  });
  addSwcsStacks(app, { stage: 'test', cantons: loadCantons(), nag: true });

  it('finds nothing unacknowledged in the whole app', () => {
    expect(synthError(app)).toBeUndefined();
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8'));
    const violations = report.pluginReports.flatMap((r: { violations: unknown[] }) => r.violations);
    expect(violations).toEqual([]);
  });

  it('acknowledges only specific findings on specific constructs, each with a real reason', () => {
    const acknowledgements = acknowledgementsUnder(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      // A rule that reports several findings per resource is acknowledged finding by finding.
      if (/^AwsSolutions-IAM[45]/.test(ack.id)) expect(ack.id, ack.path).toMatch(/\[.+\]$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(100);
      // Never on an app or a whole stack.
      expect(ack.path.split('/').length, `${ack.path} ${ack.id}`).toBeGreaterThan(1);
    }
    const kinds = [...new Set(acknowledgements.map((a) => a.id))].sort();
    expect(kinds).toEqual([
      'AwsSolutions-APIG2',
      'AwsSolutions-APIG4',
      'AwsSolutions-COG4',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<SeederFunction3E025055.Arn>:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:swcs-test-*-notifications]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/swcs/test/cantons/*/notifications-topic-arn]',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    // SQS3 (a queue with no dead-letter queue): only on the workflow outbox's on-failure queue, itself one.
    for (const ack of acknowledgements.filter((a) => a.id === 'AwsSolutions-SQS3')) {
      expect(ack.path).toBe('Swcs-test-Platform/WorkflowStarts/DeadLetters');
    }
    // The Provider framework's invoke grant on the seed function's qualifiers: on that role's policy only.
    for (const ack of acknowledgements.filter((a) => a.id.includes('SeederFunction'))) {
      expect(ack.path).toMatch(/^Swcs-test-Canton-[a-z-]+\/SeedProviderRole\/DefaultPolicy$/);
    }
  });

  it('does fail synthesis on a finding (the check is live, not vacuous)', () => {
    const bad = new App({ outdir: newOutdir(), context: cdkTestContext() });
    // A topic without enforceSSL or a KMS key: the kind of thing the canton stacks must not contain.
    new sns.Topic(new Stack(bad, 'Bad'), 'Topic');
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    expect(synthError(bad)).toMatch(/AwsSolutions-SNS3/);
  });
});
