import type { CliCommand } from '../command';
import { runsCommands } from './runs';
import { flowsCommands } from './flows';
import { serveCommand } from './serve';

/** Every subcommand, in the order --help lists them. */
export const commands: readonly CliCommand[] = [serveCommand, ...flowsCommands, ...runsCommands];
