/**
 * How the workflows' Lambda steps are retried (ASL `Retry` entries), shared so that both state machines treat the
 * same failure the same way.
 */

/** The Lambda service's own transient errors: always worth retrying, with backoff. */
export const RETRY_LAMBDA_TRANSIENT = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
} as const;

/**
 * Any other error, twice more: for steps that read what they need afresh and are safe to run again (a record that
 * changed meanwhile, a throttled read), before the workflow records the failure. Must come last in a Retry list.
 */
export const RETRY_ANY_ERROR = {
  ErrorEquals: ['States.ALL'],
  IntervalSeconds: 1,
  MaxAttempts: 2,
  BackoffRate: 2,
} as const;
