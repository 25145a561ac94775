/**
 * One `neuroops inspect …` in a fresh process, for the inspect benches:
 *   node --import tsx bench/support/inspect-child.ts ARGS…
 * Standard output is the command's; on exit it writes one JSON line to
 * standard error: the command's time (module loading excluded), this
 * process's peak RSS, and its RSS before the command started.
 * `--read-only FILE` instead reads the whole recording into memory, and
 * `--read-bytes FILE` the file's bytes: references the benches compare with.
 */
import { readFile } from 'node:fs/promises';
import { main } from '../../main/cli/main';
import { readRecording } from '../../pipelines/eeg/open';

const args = process.argv.slice(2);
const startRss = process.memoryUsage().rss;
const t0 = performance.now();
const code = args[0] === '--read-only' ? ((await readRecording(args[1]!)).data.length > 0 ? 0 : 1)
  : args[0] === '--read-bytes' ? ((await readFile(args[1]!)).length > 0 ? 0 : 1)
  : await main(args);
const ms = performance.now() - t0;
process.stderr.write(`${JSON.stringify({ code, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, startRssBytes: startRss })}\n`);
process.exitCode = code;
