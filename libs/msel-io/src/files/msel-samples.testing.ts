import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The public MSEL files of ../shared/msel-samples (never copied into the repository: see SOURCES.md there).
 * From a worktree elsewhere, EXCON_MSEL_SAMPLES names the folder.
 */
export const MSEL_SAMPLES = process.env.EXCON_MSEL_SAMPLES ?? resolve(process.cwd(), '..', 'shared', 'msel-samples');

export function sample(name: string): Buffer {
  return readFileSync(join(MSEL_SAMPLES, name));
}
