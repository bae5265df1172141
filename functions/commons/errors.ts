// lib/local imports this path; the module lives in functions/kernel/errors.ts.
export * from '#kernel/errors.js';
