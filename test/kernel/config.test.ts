import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { settingsOf } from '../../functions/kernel/config.js';
import { StateMachineArn } from '../../functions/adapters/stepfunctions/state-machine-arn.js';

describe('settings', () => {
  const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:swcs-dev-referral';

  it('are read with their schemas', () => {
    expect(
      settingsOf({ TABLE_NAME: z.string(), WORKFLOW: StateMachineArn }, { TABLE_NAME: 't', WORKFLOW: ARN }),
    ).toEqual({ TABLE_NAME: 't', WORKFLOW: ARN });
  });

  it('fail fast naming the one missing, empty counting as missing', () => {
    expect(() => settingsOf({ TABLE_NAME: z.string() }, {})).toThrow(
      'Missing required environment variable TABLE_NAME',
    );
    expect(() => settingsOf({ TABLE_NAME: z.string() }, { TABLE_NAME: '' })).toThrow(/TABLE_NAME/);
  });

  it('fail fast naming the one that is not what it must be', () => {
    expect(() => settingsOf({ WORKFLOW: StateMachineArn }, { WORKFLOW: 'swcs-referral' })).toThrow(
      /Invalid environment variable WORKFLOW: not a state machine ARN/,
    );
  });
});
