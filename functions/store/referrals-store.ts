// lib/local imports this path; the module lives in functions/adapters/dynamodb/referrals-store.ts.
export * from '#adapters/dynamodb/referrals-store.js';
