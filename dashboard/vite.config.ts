import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = process.env.TALLYROOM_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // Bundle the contracts' TypeScript sources: the browser runs the same rules and views as the server.
      '@tallyroom/contracts': fileURLToPath(new URL('../contracts/src/index.ts', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/socket.io': { target: backend, ws: true, changeOrigin: true },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      treeshake: {
        // The contracts' modules only declare things. Saying so lets the bundler drop the ones a
        // screen does not use (above all the zod command schemas, which the server applies anyway).
        moduleSideEffects: (id: string) => !/[\\/]contracts[\\/]src[\\/]/.test(id),
      },
    },
  },
});
