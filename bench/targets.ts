/**
 * The targets of the performance issue, in one place. The child entry modules (overhead.ts, transitions.ts) run
 * when imported, so the parent takes its constants from here and only types from them.
 */
/** A core operation's function duration ÷ its storage floor, median (the floor's median divides both ratios). */
export const OVERHEAD_TARGET = 1.2;
/** The same function's p99 ÷ its storage floor's median. */
export const OVERHEAD_P99_TARGET = 2;
/** DynamoDB calls per API operation. */
export const CALLS_TARGET = 2;
/** Minified size of each Lambda bundle. */
export const BUNDLE_TARGET_BYTES = 300 * 1024;
/** Cold module load of each Lambda bundle ÷ that of a floor handler creating only the same AWS SDK clients. */
export const COLD_LOAD_FLOOR_TARGET = 1.3;
/** Step Functions state transitions of a referral on the happy path. */
export const TRANSITIONS_TARGET = 15;
/** SMS sent for one referral on the happy path. */
export const SMS_HAPPY_TARGET = 2;
/** SMS one recipient gets for one referral on one day, whatever the path (reminders by e-mail where possible). */
export const SMS_PER_RECIPIENT_DAY_TARGET = 1;
/** Errors on the worst day simulated. */
export const WORST_DAY_ERRORS_TARGET = 0;
