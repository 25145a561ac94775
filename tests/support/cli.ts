/** Runs one `neuroops` command line in-process and collects its exit code, stdout and stderr. */
import { commands } from '../../main/cli/commands';
import { runCli } from '../../main/cli/run-cli';

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, commands, { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}
