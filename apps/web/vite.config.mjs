import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { firstLoadReport } from './tools/first-load.mjs';

// `npm run dev` talks to the API on its own port; in production the API serves dist/ itself, so the
// app always calls same-origin paths (the API's CSP allows nothing else).
const api = process.env.WAYMARK_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  resolve: {
    // The number formatter and text limits, shared with the API: pure TypeScript, bundled from source.
    alias: {
      '@waymark/domain/figures': fileURLToPath(new URL('../../packages/domain/src/figures/index.ts', import.meta.url)),
      '@waymark/domain/limits': fileURLToPath(new URL('../../packages/domain/src/limits/index.ts', import.meta.url)),
    },
  },
  plugins: [react(), firstLoadReport({ budgetKb: 250 })],
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/exports': api, '/healthz': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Report our own figure (first load, gzip) instead of Vite's per-file list.
    reportCompressedSize: false,
    // ECharts is one lazy chunk, loaded only by the chart screens; the first load is what is budgeted.
    chunkSizeWarningLimit: 800,
  },
});
