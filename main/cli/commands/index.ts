import type { CliCommand } from '../command';
import { serveCommand } from './serve';

/** Every subcommand, in the order --help lists them. */
export const commands: readonly CliCommand[] = [serveCommand];
