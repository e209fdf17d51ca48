#!/usr/bin/env node
// Bundles the console front end (console/src/main.ts + uPlot) with esbuild into dist/console/,
// next to its index.html, styles and uPlot's stylesheet. Run by `npm run build` after tsc.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'console');
await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(root, 'console', 'src', 'main.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
await copyFile(join(root, 'console', 'index.html'), join(out, 'index.html'));
await copyFile(join(root, 'console', 'styles.css'), join(out, 'styles.css'));
await copyFile(join(root, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), join(out, 'uPlot.min.css'));
