import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkedFetch } from './conformance.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Sends Ctrl-C and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `npm start`'s entry point as its own process, the way a newcomer runs it, and waits for its banner. */
export function startProcess(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /API:\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1],
          output: () => output,
          stop: async () => {
            child.kill('SIGINT');
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited with ${code}:\n${output}`));
    });
  });
}

export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A bearer token from `npm run token`, signed with the key of the runtime whose data folder is `dataDir`. */
export async function cliToken(dataDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await runCommand(process.execPath, [
    '--import',
    'tsx',
    'bin/token.ts',
    ...args,
    '--data',
    dataDir,
  ]);
  return stdout.trim();
}

/** Calls the API of a runtime started with startProcess, checking the answer against the document. */
export async function callApi(
  started: Started | undefined,
  method: string,
  path: string,
  bearer: string,
  body?: unknown,
) {
  if (!started) throw new Error('the runtime is not started');
  const response = await checkedFetch(`${started.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  // Tests read arbitrary JSON answers.
  const json: any = await response.json();
  return { status: response.status, body: json };
}
