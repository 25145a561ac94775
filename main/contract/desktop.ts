import { z } from 'zod';
import { event, procedure } from './define';

const finding = z.object({
  file: z.string(),
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  recording: z.string().optional(),
});

/** What `neuroops inspect` reports for a BIDS dataset, as the desktop window shows it after a drop or an Open. */
const datasetReport = z.object({
  kind: z.literal('dataset'),
  path: z.string(),
  source: z.enum(['folder', 'zip']),
  name: z.string(),
  bidsVersion: z.string(),
  subjects: z.array(z.object({ id: z.string(), sessions: z.array(z.string()), participant: z.record(z.string(), z.string()).nullable() })),
  sessions: z.array(z.object({ subject: z.string(), session: z.string() })),
  recordings: z.array(
    z.object({
      path: z.string(),
      subject: z.string(),
      session: z.string().nullable(),
      task: z.string().nullable(),
      acq: z.string().nullable(),
      run: z.string().nullable(),
      format: z.string().nullable(),
      samplingRate: z.number().nullable(),
      sampleCount: z.number().nullable(),
      duration: z.number().nullable(),
      channelCount: z.number().nullable(),
      badChannels: z.array(z.string()),
      eventCount: z.number(),
      powerLineFrequency: z.number().nullable(),
      eegReference: z.string().nullable(),
      usable: z.boolean(),
    }),
  ),
  findings: z.array(finding),
  summary: z.object({ recordings: z.number(), usable: z.number(), errors: z.number(), warnings: z.number() }),
});

export const DROP_KINDS = ['bids-folder', 'bids-zip', 'model-bundle'] as const;

export const MENU_COMMANDS = ['about', 'open-dataset-folder', 'open-dataset-zip', 'import-bundle', 'navigate'] as const;

/** The desktop window's own needs: what a dropped or chosen path is, a dataset's inspection, About. */
export const desktopProcedures = {
  'datasets.identify': procedure(
    'What a file or folder on this computer is, for a drop on the window: a BIDS folder, a BIDS zip or a model bundle. Anything else is refused with NOT_RECOGNIZED and the reason.',
    z.object({ path: z.string().min(1) }),
    z.object({ kind: z.enum(DROP_KINDS), path: z.string(), name: z.string() }),
    { hostPaths: true, overHttp: 'A browser has no path for a dropped file: run `neuroops inspect PATH` on the computer that holds it instead.' },
  ),
  'datasets.inspect': procedure(
    'Checks a BIDS dataset (a folder or a zip of one) as `neuroops inspect` does: subjects, sessions, recordings and validation findings.',
    z.object({ path: z.string().min(1) }),
    datasetReport,
    { hostPaths: true, overHttp: 'Run `neuroops inspect PATH` on the computer that holds the dataset instead.' },
  ),
  'system.about': procedure(
    "What the About window shows: the app's version and those of Electron, Node, Chromium and onnxruntime, and the data folder.",
    z.object({}),
    z.object({
      name: z.string(),
      version: z.string(),
      versions: z.object({
        electron: z.string().nullable(),
        node: z.string(),
        chromium: z.string().nullable(),
        onnxruntime: z.string().nullable(),
      }),
      platform: z.string(),
      arch: z.string(),
      dataDir: z.string(),
    }),
  ),
  'shell.openDataFolder': procedure(
    "Shows the data folder in the system's file manager (desktop window only).",
    z.object({}),
    z.object({ opened: z.boolean() }),
  ),
};

export const desktopEvents = {
  'shell.command': event(
    'A menu item or shortcut of the desktop app asking the window to act (sent to the desktop window only).',
    z.object({ command: z.enum(MENU_COMMANDS), path: z.string().optional() }),
  ),
};

export type DatasetReportOutput = z.output<typeof datasetReport>;
