#!/usr/bin/env node
// `ferry` command line. Runs the compiled CLI when `npm run build` has produced it, otherwise the TypeScript
// source in-process through tsx (a runtime dependency), so `npx ferry …` works in a checkout after `npm ci`
// and signals (Ctrl-C pauses a run) reach the real process.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'src', 'cli.js');
if (existsSync(compiled) && process.env.FERRY_USE_SOURCE !== '1') {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'src', 'cli.ts')).href);
}
