// Local sources: files, and folders walked in sorted order. The name a chunk cites is the path relative
// to the working directory in POSIX form, never an absolute machine path.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { compareCodePoints } from '@studio/sdk';
import type { SourceFormat } from './extract.js';

/** What a local file is read as: a text format, or a PDF (bytes, not text). */
export type LocalFormat = SourceFormat | 'pdf';

const FORMATS: Record<string, LocalFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.pdf': 'pdf',
};

/** A local file to read, or one found and left out with the reason. */
export type LocalSource =
  { ok: true; file: string; name: string; format: LocalFormat } | { ok: false; name: string; reason: string };

/** Whether a source argument is a web address (anything else is a local path). */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** The cited name of a local file: relative to `cwd`, POSIX separators. */
export function localName(file: string, cwd: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).join('/');
}

function classify(file: string, cwd: string): LocalSource {
  const name = localName(file, cwd);
  const format = FORMATS[extname(file).toLowerCase()];
  if (format) return { ok: true, file, name, format };
  return { ok: false, name, reason: `unsupported file type "${extname(file) || '(none)'}"` };
}

/** Expand a path: a file as is; a folder's supported files (recursively, sorted, dotfiles and
 *  node_modules left out). Unsupported files inside a folder are ignored. */
export function expandLocal(path: string, cwd: string): LocalSource[] {
  const abs = resolve(cwd, path);
  let info;
  try {
    info = statSync(abs);
  } catch {
    return [{ ok: false, name: localName(path, cwd), reason: 'does not exist' }];
  }
  if (info.isFile()) return [classify(abs, cwd)];
  if (!info.isDirectory())
    return [{ ok: false, name: localName(path, cwd), reason: 'is not a file or folder' }];
  const out: LocalSource[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      compareCodePoints(a.name, b.name),
    );
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const s = classify(p, cwd);
        if (s.ok) out.push(s);
      }
    }
  };
  walk(abs);
  return out;
}
