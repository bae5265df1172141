import { type ChildProcess, fork } from 'node:child_process';

/**
 * Each measurement that needs a local runtime runs in its own Node process. The runtime's handlers keep their SDK
 * clients at module scope (as on Lambda), so one process can host only one runtime; a fresh process also gives each
 * section a clean heap, its own peak memory figure, and a product clock nobody else has moved.
 *
 * Parent and child talk over the IPC channel with small typed messages; the child's standard output (handler logs)
 * goes to the parent's standard error so that the parent's table stays readable.
 */
export interface Message {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface Child {
  /** The next message of this type (earlier messages of other types are kept for later calls). */
  next<T extends Message>(type: string): Promise<T>;
  send(message: Message): void;
  /** Settles when the process exits; rejects on a non-zero exit code. */
  readonly exited: Promise<void>;
  kill(): void;
}

// tsx registered as an ESM loader, resolved from here so that the child finds it whatever the working directory.
const TSX_LOADER = import.meta.resolve('tsx');

export function startChild(entry: URL, env: Record<string, string> = {}): Child {
  const child: ChildProcess = fork(entry, [], {
    execArgv: ['--import', TSX_LOADER],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  const inbox: Message[] = [];
  const waiting: { type: string; resolve: (m: Message) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;

  const deliver = () => {
    for (const waiter of [...waiting]) {
      const index = inbox.findIndex((m) => m.type === waiter.type || m.type === 'error');
      if (index < 0) continue;
      const [message] = inbox.splice(index, 1) as [Message];
      waiting.splice(waiting.indexOf(waiter), 1);
      if (message.type === 'error') waiter.reject(new Error(`${entry.pathname}: ${String(message.stack)}`));
      else waiter.resolve(message);
    }
  };
  child.on('message', (message: Message) => {
    inbox.push(message);
    deliver();
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (code === 0 || signal === 'SIGTERM') return resolve();
      failure = new Error(`${entry.pathname} exited with ${code ?? signal}`);
      for (const waiter of waiting.splice(0)) waiter.reject(failure);
      reject(failure);
    });
  });
  // A rejection nobody awaits yet must not crash the parent; next() reports it.
  exited.catch(() => undefined);

  return {
    next<T extends Message>(type: string) {
      if (failure) return Promise.reject(failure);
      return new Promise<T>((resolve, reject) => {
        waiting.push({ type, resolve: resolve as (m: Message) => void, reject });
        deliver();
      });
    },
    send(message) {
      child.send(message);
    },
    exited,
    kill() {
      child.kill('SIGTERM');
    },
  };
}

/** Runs a child that sends one `result` message, and returns its data. */
export async function runChild<T>(entry: URL, env: Record<string, string> = {}): Promise<T> {
  const child = startChild(entry, env);
  const message = await child.next<Message & { data: T }>('result');
  await child.exited;
  return message.data;
}

// ---- child side ----

/** The child's main: sends the result (or the error) to the parent, then lets the process end. */
export async function childMain<T>(main: () => Promise<T>): Promise<void> {
  try {
    const data = await main();
    await sendToParent({ type: 'result', data });
    process.exit(0);
  } catch (error) {
    await sendToParent({ type: 'error', stack: error instanceof Error ? error.stack : String(error) });
    process.exit(1);
  }
}

export function sendToParent(message: Message): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send)
      return reject(new Error('This module must be started by bench/run.ts (no IPC channel)'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/** The next message of `type` from the parent. */
export function fromParent<T extends Message>(type: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: Message) => {
      if (message.type !== type) return;
      process.off('message', listener);
      resolve(message as T);
    };
    process.on('message', listener);
  });
}
