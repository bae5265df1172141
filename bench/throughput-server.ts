/**
 * Child process: the local runtime alone, as `npm start -- --in-memory` runs it, for the intake load test that
 * bench/throughput.ts drives from the parent process (so that clients and server do not share one event loop, as
 * real clients would not). Reports the process's peak memory when asked.
 */
import { fromParent, type Message, sendToParent } from './child.js';
import { intakeBody, startBenchRuntime } from './fixture.js';

const SAMPLE_EVERY_MS = 50;

const rt = await startBenchRuntime();
const rssAtStart = process.memoryUsage().rss;
let rssPeak = rssAtStart;
// maxRSS covers the whole life of the process; sampling also gives the peak while the load ran.
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, SAMPLE_EVERY_MS);

await sendToParent({
  type: 'ready',
  url: rt.url,
  token: await rt.token('operator'),
  body: intakeBody(),
});
await fromParent<Message>('report');
clearInterval(sampler);
const usage = process.resourceUsage();
await sendToParent({
  type: 'memory',
  // resourceUsage().maxRSS is in kilobytes.
  maxRssMiB: usage.maxRSS / 1024,
  sampledPeakRssMiB: rssPeak / 2 ** 20,
  rssAtStartMiB: rssAtStart / 2 ** 20,
  heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20,
});
await fromParent<Message>('stop');
await rt.stop();
process.exit(0);
