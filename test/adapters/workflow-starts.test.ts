import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';

/**
 * The function on the table's stream that starts the workflow outbox's executions, against a Step Functions that
 * refuses some starts: an outage cannot be produced on the local interpreter, so the requests are checked with
 * aws-sdk-client-mock (the local path is test/handlers/workflow-outbox.test.ts).
 */
describe('the function that starts the outbox executions', () => {
  const ENV = {
    TABLE_NAME: 'swcs-test',
    REFERRAL_WORKFLOW_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:swcs-test-referral',
    COMPLAINT_CLOCK_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:swcs-test-complaint-clock',
    CATALOGUE_IMPORT_WORKFLOW_ARN:
      'arn:aws:states:us-east-1:123456789012:stateMachine:swcs-test-catalogue-import',
  };

  it('starts each by its name and input, counts one already started as done, and reports only the one that failed', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, ENV);
    const sfn = mockClient(SFNClient);
    try {
      const { handler } = await import('../../functions/handlers/workflows/start-executions.js');
      const { workflowStartWrite } = await import('../../functions/adapters/dynamodb/workflow-starts.js');
      const starts = await import('../../functions/adapters/stepfunctions/workflow-start.js');
      const at = '2026-12-04T15:00:00.000Z';
      const items = [
        workflowStartWrite('quito', starts.referralWorkflowStart('quito', '01REFERRAL'), at),
        workflowStartWrite(
          'quito',
          starts.complaintClockStart({ cantonId: 'quito', complaintId: '01CASE', level: 'canton' }),
          at,
        ),
        workflowStartWrite('quito', starts.catalogueImportStart('quito', '01JOB'), at),
      ].map((write) => write.Put?.Item as Record<string, unknown>);
      sfn
        .on(StartExecutionCommand)
        .resolves({ executionArn: 'arn:aws:states:::execution:x', startDate: new Date() })
        .on(StartExecutionCommand, { name: 'quito-01CASE-canton' })
        .rejects(
          Object.assign(new Error('Step Functions is unavailable, try later'), {
            name: 'ServiceUnavailable',
          }),
        )
        .on(StartExecutionCommand, { name: '01JOB' })
        .rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
      const event: DynamoDBStreamEvent = {
        Records: [
          ...items.map((item, i) => ({
            eventName: 'INSERT' as const,
            dynamodb: { NewImage: marshall(item) as never, SequenceNumber: `${100 + i}` },
          })),
          // Anything else on the stream is not the function's.
          {
            eventName: 'INSERT' as const,
            dynamodb: {
              NewImage: marshall({ PK: 'x', SK: 'y', entity: 'referral' }) as never,
              SequenceNumber: '200',
            },
          },
        ],
      };
      const answer = await handler(event);
      expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
      const calls = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
      expect(calls.map((c) => [c.stateMachineArn, c.name, JSON.parse(c.input ?? '{}')])).toEqual([
        [
          ENV.REFERRAL_WORKFLOW_ARN,
          'quito-01REFERRAL',
          { phase: 'start', referral: { cantonId: 'quito', referralId: '01REFERRAL' } },
        ],
        [
          ENV.COMPLAINT_CLOCK_ARN,
          'quito-01CASE-canton',
          { phase: 'start', complaint: { cantonId: 'quito', complaintId: '01CASE', level: 'canton' } },
        ],
        [ENV.CATALOGUE_IMPORT_WORKFLOW_ARN, '01JOB', { job: { cantonId: 'quito', jobId: '01JOB' } }],
      ]);
    } finally {
      sfn.restore();
      process.env = saved;
    }
  });
});
