import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../e2e/support/server';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layer boundaries enforced by the linter', () => {
  it('only main/shell/ may import electron', async () => {
    expect(await restrictedImportMessages('main/services/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining('Only main/shell/'),
    ]);
    expect(await restrictedImportMessages('main/shell/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('renderer/ may import only types from the contract, and nothing else of main/', async () => {
    const file = 'renderer/pages/Example.tsx';
    expect(await restrictedImportMessages(file, "import type { ApiClient } from '../../main/contract';\nexport type A = ApiClient;\n")).toEqual([]);
    expect(await restrictedImportMessages(file, "import { procedures } from '../../main/contract';\nexport const p = procedures;\n")).toEqual([
      expect.stringContaining('only the contract\'s types'),
    ]);
    expect(await restrictedImportMessages(file, "import { openDatabase } from '../../main/db/database';\nexport const o = openDatabase;\n")).toEqual([
      expect.stringContaining('only the API contract'),
    ]);
    expect(await restrictedImportMessages(file, "import fs from 'node:fs';\nexport const f = fs;\n")).toHaveLength(1);
    expect(await restrictedImportMessages(file, "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
  });

  it('pipelines/ imports neither the database nor Electron nor main/', async () => {
    const file = 'pipelines/example.ts';
    expect(await restrictedImportMessages(file, "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toHaveLength(1);
    expect(await restrictedImportMessages(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImportMessages(file, "import { AppError } from '../main/core/app-error';\nexport const e = AppError;\n")).toHaveLength(1);
    expect(await restrictedImportMessages(file, "import fs from 'node:fs';\nexport const f = fs;\n")).toEqual([]);
  });
});
