import { describe, expect, it } from 'vitest';
import { prepare } from '../../bench/replay.js';

/**
 * The storage floor replays a handler's captured calls on a record prepared like the timed call's; a replay that
 * kept the template's task token would fail the completion's token check and stop the whole benchmark.
 */
describe('the floor replay', () => {
  const referral = '01M8TB0FGR70DCHZSGHK6VSN0A';
  const audit = '01M8TB0FGR70DCHZSGHK6VSN0B';
  const body = JSON.stringify({
    TransactItems: [
      { Put: { TableName: 'swcs', Item: { PK: { S: `C#quito#AUDIT#${audit}` } } } },
      {
        ConditionCheck: {
          TableName: 'swcs',
          Key: { PK: { S: `C#quito#REF#${referral}` }, SK: { S: 'TASK-TOKEN' } },
          ConditionExpression: '#t = :t',
          ExpressionAttributeNames: { '#t': 'taskToken' },
          ExpressionAttributeValues: { ':t': { S: 'AQHIjpY8Tby-template-token' } },
        },
      },
    ],
  });

  it('puts the prepared referral and its task token in place of the template’s, and renews new ids', () => {
    const other = '01M8TB1M83RCQH287HCJVZP09P';
    const [[command]] = prepare(
      [[{ operation: 'TransactWriteItems', body }]],
      new Map([
        [referral, other],
        ['AQHIjpY8Tby-template-token', 'BBx-run-token'],
      ]),
    ) as unknown as [[{ input: { TransactItems: any[] } }]];
    const [put, check] = command.input.TransactItems;
    expect(check.ConditionCheck.Key.PK.S).toBe(`C#quito#REF#${other}`);
    expect(check.ConditionCheck.ExpressionAttributeValues[':t'].S).toBe('BBx-run-token');
    expect(put.Put.Item.PK.S).toMatch(/^C#quito#AUDIT#[0-9A-Z]{26}$/);
    expect(put.Put.Item.PK.S).not.toBe(`C#quito#AUDIT#${audit}`);
  });
});
