import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import type { HostCapabilities } from '../../../main/app/host';
import { channelsTsv, edfBytes, EEG_JSON, writeTree } from '../eeg/support/bids-builder';

// What the desktop window asks the core for after a drop, an Open… or About.
let core: Core;
let dir: string;
const openedFolders: string[] = [];
const host: HostCapabilities = {
  kind: 'electron',
  openFileDialog: async () => ({ path: '/data/study' }),
  saveFileDialog: async () => ({ path: null }),
  openPath: async (folder) => void openedFolders.push(folder),
};

const call = (name: string, input: unknown, transport: 'ipc' | 'http' = 'ipc') => core.dispatcher.call(name, input, { transport });

beforeAll(async () => {
  // Kept for the whole file (tempDir's folders go after each test).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-desktop-api-'));
  core = await createCore({ dataDir: path.join(dir, 'data'), host });
  await writeTree(path.join(dir, 'study'), {
    'dataset_description.json': { Name: 'Resting study', BIDSVersion: '1.8.0' },
    'participants.tsv': 'participant_id\tage\nsub-01\t30\n',
    'sub-01/eeg/sub-01_task-rest_eeg.edf': edfBytes(),
    'sub-01/eeg/sub-01_task-rest_channels.tsv': channelsTsv(),
    'sub-01/eeg/sub-01_task-rest_eeg.json': EEG_JSON,
  });
  const zip = new AdmZip();
  zip.addLocalFolder(path.join(dir, 'study'), 'study');
  zip.writeZip(path.join(dir, 'study.zip'));
  const bundle = new AdmZip();
  for (const name of ['MLmodel', 'model.onnx', 'neuroops.json', 'checksums.sha256']) bundle.addFile(name, Buffer.from('x'));
  bundle.writeZip(path.join(dir, 'model-bundle.zip'));
  const other = new AdmZip();
  other.addFile('notes.txt', Buffer.from('hello'));
  other.writeZip(path.join(dir, 'photos.zip'));
  fs.writeFileSync(path.join(dir, 'broken.zip'), 'not a zip at all');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
  fs.writeFileSync(path.join(dir, 'sub-01_task-rest_eeg.edf'), edfBytes());
  fs.mkdirSync(path.join(dir, 'empty-folder'));
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('identifying what was dropped on the window', () => {
  it('recognizes a BIDS folder, a zip of one (top level or one folder down) and a model bundle', async () => {
    expect(await call('datasets.identify', { path: path.join(dir, 'study') })).toEqual({ ok: true, data: { kind: 'bids-folder', path: path.join(dir, 'study'), name: 'study' } });
    expect(await call('datasets.identify', { path: path.join(dir, 'study.zip') })).toMatchObject({ ok: true, data: { kind: 'bids-zip', name: 'study.zip' } });
    expect(await call('datasets.identify', { path: path.join(dir, 'model-bundle.zip') })).toMatchObject({ ok: true, data: { kind: 'model-bundle' } });
  });

  it('refuses anything else with NOT_RECOGNIZED, saying what it is and what the app takes', async () => {
    const cases: Array<[string, RegExp]> = [
      ['photos.zip', /"photos.zip" is a zip with neither dataset_description.json .* nor neuroops.json and model.onnx/],
      ['broken.zip', /"broken.zip" cannot be opened as a zip: broken.zip is not a readable zip file/],
      ['notes.txt', /"notes.txt" is neither a folder nor a zip\. NeuroOps takes a BIDS dataset/],
      ['sub-01_task-rest_eeg.edf', /is a single recording; drop the BIDS dataset that holds it/],
      ['empty-folder', /is a folder without dataset_description.json at its top/],
    ];
    for (const [name, message] of cases) {
      const result = await call('datasets.identify', { path: path.join(dir, name) });
      expect(result, name).toMatchObject({ ok: false, error: { code: 'NOT_RECOGNIZED', message: expect.stringMatching(message) } });
    }
    expect(await call('datasets.identify', { path: path.join(dir, 'gone') })).toMatchObject({ ok: false, error: { code: 'RESOURCE_DOES_NOT_EXIST' } });
  });
});

describe('inspecting a dropped or opened dataset', () => {
  it('reports subjects, recordings and findings for a folder and for a zip', async () => {
    for (const target of ['study', 'study.zip']) {
      const result = await call('datasets.inspect', { path: path.join(dir, target) });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      const report = (result as { data: { name: string; source: string; subjects: unknown[]; summary: { recordings: number } } }).data;
      expect(report).toMatchObject({ name: 'Resting study', source: target.endsWith('.zip') ? 'zip' : 'folder', summary: { recordings: 1 } });
      expect(report.subjects).toHaveLength(1);
    }
  });

  it('refuses a single recording: the window inspects datasets', async () => {
    expect(await call('datasets.inspect', { path: path.join(dir, 'sub-01_task-rest_eeg.edf') })).toMatchObject({ ok: false, error: { code: 'NOT_RECOGNIZED' } });
  });
});

describe('About and the native parts', () => {
  it('gives every version the About window shows, and the data folder', async () => {
    const result = await call('system.about', {});
    expect(result).toMatchObject({
      ok: true,
      data: { name: 'NeuroOps', dataDir: path.join(dir, 'data'), versions: { node: process.versions.node, electron: null, chromium: null, onnxruntime: expect.stringMatching(/^\d+\.\d+/) } },
    });
  });

  it('opens the data folder in the file manager for the window', async () => {
    expect(await call('shell.openDataFolder', {})).toEqual({ ok: true, data: { opened: true } });
    expect(openedFolders).toEqual([path.join(dir, 'data')]);
  });

  it('opens native dialogs and the file manager for the window only, never for an HTTP client', async () => {
    expect(await call('shell.openFileDialog', { directory: true })).toEqual({ ok: true, data: { path: '/data/study' } });
    for (const name of ['shell.openFileDialog', 'shell.saveFileDialog', 'shell.openDataFolder']) {
      expect(await call(name, {}, 'http'), name).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.stringContaining('NeuroOps window') } });
    }
    // Paths on this computer are the window's and the CLI's to name, not an HTTP client's.
    expect(await call('datasets.inspect', { path: path.join(dir, 'study') }, 'http')).toMatchObject({ ok: false, error: { message: expect.stringContaining('neuroops inspect PATH') } });
  });
});
