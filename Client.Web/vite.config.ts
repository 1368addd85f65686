import { defineConfig } from 'vitest/config';

// Hashed assets under /assets (served with a year-long immutable cache); index.html is never cached.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5000', '/auth': 'http://127.0.0.1:5000', '/hubs': { target: 'ws://127.0.0.1:5000', ws: true } },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 20000,
  },
});
