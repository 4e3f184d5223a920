// Run a studio command in-process through oclif and capture what it prints and the exit it asks for.
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Runnable {
  run(argv: string[], root: string): Promise<unknown>;
}

export async function runCommand(
  command: Runnable,
  argv: string[],
): Promise<{ stdout: string; stderr: string; exit: number }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  // oclif's this.log goes through console.log.
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    stdout += `${args.map(String).join(' ')}\n`;
  });
  let exit = 0;
  try {
    await command.run(argv, ROOT);
  } catch (error) {
    const code = (error as { oclif?: { exit?: number } }).oclif?.exit;
    if (code === undefined) throw error;
    exit = code;
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
  return { stdout, stderr, exit };
}
