import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '#kernel/clock.js';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import * as keys from '#adapters/dynamodb/keys.js';

/**
 * The product clock's position, kept in the data folder so that time only moves forward across restarts: a
 * restart resumes from where the clock stood plus the real time that passed meanwhile, sped up by the factor it
 * ran at (a demo at 600× that is stopped for a minute comes back ten hours later, as if it had run on). Without
 * it, product time restarted from the wall clock after a fast run, and referrals were "acknowledged" before they
 * were made.
 */
const FILE = 'clock.json';
/** How often (real time) the position is written while running; a crash loses at most this much. */
const SAVE_EVERY_MS = 1000;

interface ClockPosition {
  /** Product time when written. */
  readonly product: string;
  /** Wall time when written. */
  readonly wall: string;
  /** The speed it was running at. */
  readonly factor: number;
}

export class ClockBehindDataError extends Error {
  override readonly name = 'ClockBehindDataError';
}

/** Where the product clock would stand now, resuming from a kept position. */
export function resumedPosition(position: ClockPosition, wallNow: number): number {
  const elapsed = Math.max(0, wallNow - Date.parse(position.wall));
  return Date.parse(position.product) + elapsed * position.factor;
}

function readPosition(dataDir: string): ClockPosition | undefined {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return undefined;
  try {
    const position = JSON.parse(readFileSync(file, 'utf8')) as ClockPosition;
    if (Number.isNaN(Date.parse(position.product)) || Number.isNaN(Date.parse(position.wall)))
      throw new Error();
    if (!(position.factor >= 1)) throw new Error();
    return position;
  } catch {
    throw new ClockBehindDataError(
      `${file} is not a valid clock position. Restore it, or remove it if the data folder holds nothing stamped ` +
        'later than now.',
    );
  }
}

function writePosition(dataDir: string) {
  const position: ClockPosition = {
    product: clock.now().toISOString(),
    wall: new Date().toISOString(),
    factor: clock.factor,
  };
  // Written aside and renamed, so that a stop in the middle never leaves half a file.
  const file = join(dataDir, FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(position)}\n`);
  renameSync(`${file}.tmp`, file);
}

/**
 * The latest product time the data folder shows: the newest request of each canton and the last message of the
 * outbox. A bounded look (one Query per canton, one file), not a scan: it catches a clock position that was lost
 * or restored from an older copy.
 */
async function latestRecordAt(
  endpoint: string,
  tableName: string,
  cantons: readonly CantonDefinition[],
  dataDir: string,
): Promise<number> {
  let latest = 0;
  const client = new DynamoDBClient({ endpoint });
  try {
    const documents = DynamoDBDocumentClient.from(client);
    for (const canton of cantons) {
      const { Items } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.requestsAll(canton.id) },
          ScanIndexForward: false,
          Limit: 1,
        }),
      );
      const newest = Items?.[0] as { createdAt?: string; updatedAt?: string } | undefined;
      for (const at of [newest?.createdAt, newest?.updatedAt]) {
        if (at) latest = Math.max(latest, Date.parse(at));
      }
    }
  } finally {
    client.destroy();
  }
  const outbox = join(dataDir, 'outbox.jsonl');
  if (existsSync(outbox)) {
    const lines = readFileSync(outbox, 'utf8').trimEnd().split('\n');
    const last = lines.at(-1);
    if (last) {
      try {
        latest = Math.max(latest, Date.parse((JSON.parse(last) as { at: string }).at) || 0);
      } catch {
        // A torn last line (the runtime was killed mid-write) says nothing about time.
      }
    }
  }
  return latest;
}

/**
 * Sets the product clock from the data folder before anything is stamped, refuses a data folder that holds records
 * later than the clock would be, and keeps the position up to date until `stop()`.
 */
export async function keepProductClock(options: {
  dataDir: string;
  endpoint: string;
  tableName: string;
  cantons: readonly CantonDefinition[];
}): Promise<{ stop(): void }> {
  const position = readPosition(options.dataDir);
  if (position) clock.resumeAt(new Date(resumedPosition(position, Date.now())));
  const latest = await latestRecordAt(options.endpoint, options.tableName, options.cantons, options.dataDir);
  if (latest > clock.now().getTime()) {
    throw new ClockBehindDataError(
      `The data folder ${options.dataDir} holds records stamped ${new Date(latest).toISOString()}, later than the ` +
        `product clock would be (${clock.now().toISOString()})${position ? '' : `: ${FILE} is missing`}. ` +
        'Starting would make time run backwards for its referrals. Restore the folder whole, or start with ' +
        'another --data folder.',
    );
  }
  writePosition(options.dataDir);
  const timer = setInterval(() => writePosition(options.dataDir), SAVE_EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      writePosition(options.dataDir);
    },
  };
}
