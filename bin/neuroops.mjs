#!/usr/bin/env node
// The `neuroops` command. It runs the TypeScript sources directly, so the command line
// is always the code in this checkout, with no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
