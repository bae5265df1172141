// lib/local imports this path; the module lives in functions/adapters/stepfunctions/referral-workflow.ts.
export * from '#adapters/stepfunctions/referral-workflow.js';
