/**
 * A fair (FIFO) readers–writer lock: plain requests share it, a transaction holds it alone. FIFO order keeps a steady
 * stream of plain requests from starving a waiting transaction.
 */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: { exclusive: boolean; grant: () => void }[] = [];

  acquireShared(): Promise<() => void> {
    return this.enqueue(false);
  }

  acquireExclusive(): Promise<() => void> {
    return this.enqueue(true);
  }

  private enqueue(exclusive: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push({
        exclusive,
        grant: () => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            if (exclusive) this.writer = false;
            else this.readers -= 1;
            this.pump();
          });
        },
      });
      this.pump();
    });
  }

  private pump(): void {
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || this.writer) return;
      if (next.exclusive) {
        if (this.readers > 0) return;
        this.writer = true;
      } else {
        this.readers += 1;
      }
      this.queue.shift();
      next.grant();
    }
  }
}
