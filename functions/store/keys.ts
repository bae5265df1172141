// lib/local imports this path; the module lives in functions/adapters/dynamodb/keys.ts.
export * from '#adapters/dynamodb/keys.js';
