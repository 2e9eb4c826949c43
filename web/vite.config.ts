import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The aliases of tsconfig.base.json's `paths`: the server's pure core and the API's types. */
export const aliases = {
  '@core': fileURLToPath(new URL('../src/core', import.meta.url)),
  '@api': fileURLToPath(new URL('../src/api', import.meta.url)),
};

export default defineConfig({
  root,
  base: '/',
  resolve: { alias: aliases },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // React Query marks its modules "use client" for server components; meaningless in this SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8501', '/metrics': 'http://127.0.0.1:8501' },
  },
});
