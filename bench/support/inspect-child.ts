/**
 * One `neuroops inspect …` in a fresh process, for the inspect benches:
 *   node --import tsx bench/support/inspect-child.ts ARGS…
 * Standard output is the command's; on exit it writes one JSON line to
 * standard error: the command's time (module loading excluded), this
 * process's peak RSS, and its RSS before the command started.
 * `--read-only FILE` instead reads the whole recording into memory, and
 * `--read-bytes FILE` the file's bytes: references the benches compare with.
 * With NEUROOPS_CLI=built it runs the bundled command line (dist/electron/cli.js,
 * what `neuroops` runs once installed) instead of the TypeScript sources.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readRecording } from '../../pipelines/eeg/open';

const { main } = (process.env.NEUROOPS_CLI === 'built'
  ? await import(pathToFileURL(path.join(import.meta.dirname, '../../dist/electron/cli.js')).href)
  : await import('../../main/cli/main')) as typeof import('../../main/cli/main');
const args = process.argv.slice(2);
const startRss = process.memoryUsage().rss;
const t0 = performance.now();
const code = args[0] === '--read-only' ? ((await readRecording(args[1]!)).data.length > 0 ? 0 : 1)
  : args[0] === '--read-bytes' ? ((await readFile(args[1]!)).length > 0 ? 0 : 1)
  : await main(args);
const ms = performance.now() - t0;
process.stderr.write(`${JSON.stringify({ code, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, startRssBytes: startRss })}\n`);
process.exitCode = code;
