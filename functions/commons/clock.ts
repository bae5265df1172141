// lib/local imports this path; the module lives in functions/kernel/clock.ts.
export * from '#kernel/clock.js';
