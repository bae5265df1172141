// lib/local imports this path; the module lives in functions/http/problems.ts.
export * from '#http/problems.js';
