#!/usr/bin/env node
/**
 * After `vite build`: a Brotli (.br) and a gzip (.gz) copy of every hashed asset in dist/web/assets
 * worth compressing, written once at build time so the API serves them without compressing on
 * each request (apps/api/src/configure-app.ts, serveWebApp). Prints the sizes.
 */
const { brotliCompressSync, gzipSync, constants } = require('node:zlib');
const { readdirSync, readFileSync, writeFileSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const assets = resolve(process.argv[2] ?? join(__dirname, '..', 'dist', 'web', 'assets'));
const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;
let raw = 0;
let brotli = 0;
let gzip = 0;
for (const name of readdirSync(assets)) {
  const path = join(assets, name);
  if (!COMPRESSIBLE.test(name) || statSync(path).size < 1024) continue;
  const content = readFileSync(path);
  const br = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  const gz = gzipSync(content, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  raw += content.length;
  brotli += br.length;
  gzip += gz.length;
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`web assets: ${kb(raw)} → ${kb(gzip)} gzip, ${kb(brotli)} brotli (precompressed in ${assets})`);
