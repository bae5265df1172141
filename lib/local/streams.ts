import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamRecord } from './dynamodb.js';

/**
 * The local stand-in for a Lambda event source mapping on the table's stream: the records its filter selects,
 * handed to the function as a DynamoDB stream event; the records the function reports as failed are handed to it
 * again after a pause, a few times, as the mapping retries them, then reported (on AWS, to the mapping's on-failure
 * queue). Deliveries are kept track of, so that the runtime can wait for those in flight before it closes the
 * services they call.
 */
export interface StreamMapping {
  /** What the mapping's filter criteria select (e.g. INSERTs of one entity). */
  readonly filter: (record: StreamRecord) => boolean;
  readonly invoke: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  /** Told of a record given up on after its retries. */
  readonly onGiveUp: (record: StreamRecord, error: unknown) => void;
  /** Deliveries of a record before it is given up on. @default 4 */
  readonly attempts?: number;
  /** The first pause before a retry, doubled each time (real time). @default 200 */
  readonly retryPauseMs?: number;
}

export interface LocalStream {
  /** The embedded table's onStream. */
  readonly deliver: (records: readonly StreamRecord[]) => void;
  /** Resolves once every delivery in flight has ended, retries included. */
  idle(): Promise<void>;
  /** Stops retrying and taking records, then waits for the deliveries in flight. */
  close(): Promise<void>;
}

export function localStream(mapping: StreamMapping): LocalStream {
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;
  let closing = false;
  const attempts = mapping.attempts ?? 4;
  const pause = mapping.retryPauseMs ?? 200;

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  async function run(records: readonly StreamRecord[]): Promise<void> {
    let pending = records.map((record) => ({ record, sequenceNumber: String(++sequence).padStart(21, '0') }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      let failed: Set<string>;
      let error: unknown;
      try {
        const answer = await mapping.invoke(streamEvent(pending));
        failed = new Set((answer?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (thrown) {
        // A function that throws fails the whole batch, as on AWS.
        failed = new Set(pending.map((p) => p.sequenceNumber));
        error = thrown;
      }
      // A reported failure is retried together with every record after it in the batch, as the mapping does.
      const first = pending.findIndex((p) => failed.has(p.sequenceNumber));
      pending = first === -1 ? [] : pending.slice(first);
      if (pending.length === 0) return;
      if (attempt >= attempts || closing) {
        for (const { record } of pending) mapping.onGiveUp(record, error ?? new Error('reported as failed'));
        return;
      }
      await new Promise((done) => setTimeout(done, pause * 2 ** (attempt - 1)));
    }
  }

  return {
    deliver(records) {
      const selected = records.filter(mapping.filter);
      if (selected.length === 0 || closing) return;
      const delivery = run(selected).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    idle,
    async close() {
      closing = true;
      await idle();
    },
  };
}

function streamEvent(
  records: readonly { record: StreamRecord; sequenceNumber: string }[],
): DynamoDBStreamEvent {
  return {
    Records: records.map(({ record, sequenceNumber }) => ({
      eventSource: 'aws:dynamodb',
      eventName: record.eventName,
      awsRegion: process.env.AWS_REGION ?? 'us-east-1',
      dynamodb: {
        NewImage: record.newImage as never,
        SequenceNumber: sequenceNumber,
        StreamViewType: 'NEW_IMAGE',
      },
    })),
  };
}
