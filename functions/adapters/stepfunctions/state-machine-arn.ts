import * as z from 'zod/mini';

/**
 * A state machine's ARN, as the stack sets it, for the settings of the modules that start executions. Here
 * rather than in kernel/config.ts, which every function loads: the schema is built when its module loads.
 */
export const StateMachineArn = z
  .string()
  .check(z.regex(/^arn:[\w-]+:states:[\w-]*:\d*:stateMachine:.+$/, 'not a state machine ARN'));
