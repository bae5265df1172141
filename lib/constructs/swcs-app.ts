import { readFileSync } from 'node:fs';
import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import { CantonStack } from '../canton-stack.js';
import { CANTONS_DIR } from '../cantons.js';
import { PlatformStack } from '../platform-stack.js';
import { STAGE_PATTERN } from './platform-parameters.js';

export interface SwcsAppOptions {
  readonly stage: string;
  readonly cantons: readonly CantonDefinition[];
  /**
   * The folder the definitions were loaded from, where their seed files are.
   * @default the `cantonsDir` context (as bin/app.ts reads it), else CANTONS_DIR
   */
  readonly cantonsDir?: string;
  /** Register cdk-nag's AwsSolutions pack, so that synthesis fails while any finding is unacknowledged. */
  readonly nag?: boolean;
}

export interface SwcsStacks {
  readonly platform: PlatformStack;
  readonly cantons: readonly CantonStack[];
}

/**
 * The context (feature flags) of cdk.json. bin/app.ts and the tests pass it to `new App({ context })` as defaults:
 * under the CDK CLI the CLI's values take precedence (they are the same), and an app run without the CLI
 * (`CDK_OUTDIR=cdk.out npx tsx bin/app.ts`, or a test) synthesizes with the same flags as `cdk synth`.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const file = new URL('../../cdk.json', import.meta.url);
  const config = JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> };
  return config.context ?? {};
}

export const stackIds = {
  platform: (stage: string) => `Swcs-${stage}-Platform`,
  canton: (stage: string, cantonId: string) => `Swcs-${stage}-Canton-${cantonId}`,
};

/**
 * Builds the whole SWCS app: one Platform stack and one Canton stack per definition (national included). Shared by
 * bin/app.ts and the infrastructure tests so that the tests check exactly what `cdk synth` produces.
 */
export function addSwcsStacks(app: App, options: SwcsAppOptions): SwcsStacks {
  const { stage, cantons } = options;
  const cantonsDir: string = options.cantonsDir ?? app.node.tryGetContext('cantonsDir') ?? CANTONS_DIR;
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(
      `Invalid stage "${stage}": use lower-case letters, digits and dashes, 1–16 long (e.g. dev, prod)`,
    );
  }
  // Environment-agnostic stacks (no env): synth needs no credentials and does no lookups.
  const platform = new PlatformStack(app, stackIds.platform(stage), {
    stage,
    description: `SWCS ${stage}: shared data plane (table, identity, API)`,
  });
  const cantonStacks = cantons.map((definition) => {
    const stack = new CantonStack(app, stackIds.canton(stage, definition.id), {
      stage,
      definition,
      cantonsDir,
      description: `SWCS ${stage}: canton ${definition.id} (${definition.name})`,
    });
    // Deployment order only (the canton reads SSM parameters the platform writes); it creates no export, so the
    // Platform template does not change when a canton is added.
    stack.addStackDependency(platform, 'reads the platform SSM parameters');
    // No dependency on the national canton stack even though canton protocols inherit its templates: adding or
    // changing a canton must not involve another canton's stack. Ops deploy national first (infra-aws.md).
    return stack;
  });
  Tags.of(app).add('swcs:stage', stage);
  Tags.of(app).add('swcs:app', 'swcs');
  if (options.nag) {
    // cdk-nag 3 is a policy-validation plugin (not an Aspect any more): it runs during synthesis and fails it
    // while any AwsSolutions finding has not been acknowledged with Validations.of(scope).acknowledge().
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { platform, cantons: cantonStacks };
}
