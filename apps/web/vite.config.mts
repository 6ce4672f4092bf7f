import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console and phone views, built into dist/web and served by the API process at `/`.
 * `npm run dev:web` serves it with hot reload on :5173 and proxies the API to a running
 * `npm start` (API_TARGET, default http://localhost:3000).
 */
const root = dirname(fileURLToPath(import.meta.url));
const target = process.env.API_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  root,
  publicDir: resolve(root, 'public'),
  resolve: {
    // Pure, dependency-free libraries the console shares with the API.
    alias: {
      '@estate/labels': resolve(root, '../../libs/labels/src/index.ts'),
      '@estate/money': resolve(root, '../../libs/money/src/index.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(root, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd marks its modules "use client" (a React Server Components hint, meaningless in an SPA).
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target, changeOrigin: false }, '/health': target, '/docs': target },
  },
});
