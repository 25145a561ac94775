import type { CliCommand } from '../command';
import { auditCommands } from './audit';
import { dbCommands } from './db';
import { flowsCommands } from './flows';
import { featuresCommand } from './features';
import { inspectCommand } from './inspect';
import { modelsCommands } from './models';
import { predictCommand } from './predict';
import { runsCommands } from './runs';
import { serveCommand } from './serve';
import { syncCommands } from './sync';
import { trainCommand } from './train';
import { usersCommands } from './users';

/** Every subcommand, in the order --help lists them. */
export const commands: readonly CliCommand[] = [serveCommand, inspectCommand, featuresCommand, trainCommand, predictCommand, ...flowsCommands, ...runsCommands, ...modelsCommands, ...usersCommands, ...dbCommands, ...syncCommands, ...auditCommands];
