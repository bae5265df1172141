import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CantonDefinition } from '#domain/canton.js';
import { dynamo, TABLE_NAME } from './client.js';
import * as keys from './keys.js';

/**
 * Canton registrations change only when ops deploy a canton, so a container keeps what it read for a few
 * minutes instead of paying a read on every request.
 */
const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; canton: CantonDefinition | undefined }>();

export async function findCanton(cantonId: string, now = Date.now()): Promise<CantonDefinition | undefined> {
  const hit = cache.get(cantonId);
  if (hit && now - hit.at < CACHE_MS && hit.canton) return hit.canton;
  const { Item } = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.canton(cantonId) }));
  const canton = Item?.definition as CantonDefinition | undefined;
  // Only found cantons are cached: a canton deployed a minute ago must become reachable at once.
  if (canton) cache.set(cantonId, { at: now, canton });
  return canton;
}
