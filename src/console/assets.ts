// The console's static files: the stylesheet as is, and the support Messenger bundled once with esbuild
// (installed with tsx) from @intercom/messenger-js-sdk, so the page loads only scripts from our own origin.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

let messengerBundle: Promise<string> | undefined;

export function messengerScript(): Promise<string> {
  messengerBundle ??= (async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [path.join(STATIC_DIR, 'messenger-entry.js')],
      bundle: true,
      format: 'esm',
      minify: true,
      write: false,
      platform: 'browser',
      target: 'es2020',
      logLevel: 'silent',
    });
    return out.outputFiles[0]!.text;
  })();
  return messengerBundle;
}

export const readStatic = (name: string): Promise<string> => readFile(path.join(STATIC_DIR, name), 'utf8');
