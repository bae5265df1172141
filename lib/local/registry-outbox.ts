import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The local stand-in for the national registry's queue: every approved information update each canton queued, in
 * the order approved (`GET /_local/registry-outbox[?canton=ID]`). On AWS the same outbox items reach an SQS queue
 * through the table's stream (lib/constructs/registry-changes-queue.ts). Like the SMS outbox, it is served only by
 * the local runtime on its own address, never deployed.
 */
export function registryOutboxHttpHandler(
  cantonIds: readonly string[],
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET', 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'The registry outbox is read-only: use GET' }));
      return;
    }
    const wanted = new URL(req.url ?? '/', 'http://local').searchParams.get('canton');
    void (async () => {
      const { outboxPage } = await import('#adapters/dynamodb/registry-store.js');
      const items: unknown[] = [];
      for (const cantonId of cantonIds.filter((id) => wanted === null || id === wanted)) {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await outboxPage(cantonId, { limit: 100, startKey });
          items.push(...page.entries);
          startKey = page.lastKey;
        } while (startKey);
      }
      const body = JSON.stringify({ items });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(body);
    })().catch(() => {
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'The registry outbox could not be read' }));
    });
  };
}
