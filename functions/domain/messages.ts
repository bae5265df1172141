// lib/local imports this path; the module lives in functions/kernel/messages.ts.
export * from '#kernel/messages.js';
