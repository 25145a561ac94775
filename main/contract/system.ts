import { z } from 'zod';
import { event, procedure } from './define';

const fileFilter = z.object({ name: z.string(), extensions: z.array(z.string()) });

export const systemProcedures = {
  'system.health': procedure(
    'Liveness: the core is up and its database answers; and whether the data folder can take writes (status "degraded" when its disk is full or nearly so).',
    z.object({}),
    z.object({
      status: z.enum(['ok', 'degraded']),
      version: z.string(),
      disk: z.object({
        /** "full": a write failed for lack of space in the last minutes; "low": less free space than the threshold. */
        status: z.enum(['ok', 'low', 'full']),
        /** Free bytes on the data folder's disk, for this process's user; null where the system cannot tell. */
        freeBytes: z.number().nullable(),
        lowBelowBytes: z.number(),
        /** When a write last failed for lack of space (ms since 1970), or null. */
        lastFullAt: z.number().nullable(),
        /** What to do about it; null when all is well. */
        message: z.string().nullable(),
      }),
    }),
  ),
  'system.info': procedure(
    'What this host is: version, data folder, schema version and which native features exist.',
    z.object({}),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      host: z.enum(['electron', 'headless']),
      platform: z.string(),
      nativeDialogs: z.boolean(),
    }),
  ),
  'shell.openFileDialog': procedure(
    'Asks the user for a file or folder with the native dialog (Electron only).',
    z.object({
      title: z.string().optional(),
      directory: z.boolean().default(false),
      filters: z.array(fileFilter).default([]),
    }),
    z.object({ path: z.string().nullable() }),
  ),
  'shell.saveFileDialog': procedure(
    'Asks the user where to save a file with the native dialog (Electron only).',
    z.object({
      title: z.string().optional(),
      defaultName: z.string().optional(),
      filters: z.array(fileFilter).default([]),
    }),
    z.object({ path: z.string().nullable() }),
  ),
  'shell.openExternal': procedure(
    'Opens an http(s) link in the system browser (Electron only).',
    z.object({ url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'only http(s) links') }),
    z.object({ opened: z.boolean() }),
  ),
};

export const systemEvents = {
  'system.notice': event(
    'A message for whoever is watching: the core started, stopped, or something needs attention.',
    z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string(), at: z.number() }),
  ),
};
