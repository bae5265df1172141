#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { CantonDefinitionError, loadCantons } from '../lib/cantons.js';
import { addSwcsStacks, cdkJsonContext } from '../lib/constructs/swcs-app.js';
import { warnOfHolidayGaps } from '../lib/holiday-warnings.js';
import { DeploySettingError } from '../lib/platform-stack.js';

/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy Swcs-<stage>-Canton-<id>`.
 * Context: `stage` (default dev); `cantonsDir` to read canton definitions from another folder (SWCS_CANTONS_DIR
 * does the same); the deploy settings `publicUrl` (required for every stage), `domainName` + `certificateArn`,
 * `opsEmails`, `smsMonthlyBudgetUsd`, `corsOrigins` and `citizenMail` (README → Deploying to AWS). Without the CLI:
 * `CDK_OUTDIR=cdk.out npx tsx bin/app.ts` writes the same cloud assembly.
 */
const app = new App({ context: cdkJsonContext() });
const stage: string = app.node.tryGetContext('stage') ?? 'dev';
const cantonsDir: string | undefined = app.node.tryGetContext('cantonsDir');

let cantons: ReturnType<typeof loadCantons>;
try {
  cantons = loadCantons(cantonsDir);
} catch (error) {
  if (error instanceof CantonDefinitionError) {
    // The message names each file, field and problem; a stack trace would only bury it.
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// Deploying a calendar that lacks next year's holidays still works, so say so where ops look: the synth output.
warnOfHolidayGaps(cantons);
try {
  addSwcsStacks(app, { stage, cantons, nag: true });
} catch (error) {
  // A missing or wrong deploy setting (the public address, say): its message says what to set.
  if (error instanceof DeploySettingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
app.synth();
