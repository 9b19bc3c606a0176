import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const config: UserConfig = {
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // ECharts (bars, lines, SVG) is 540 kB minified, 185 kB gzipped: one chunk, for the operations centre only.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            // The operations centre's charts: loaded by its first chart, once its tables are drawn.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' },
  },
};

/**
 * The web bundle, built into apps/console/dist/web, which the console server serves. Pages load
 * on demand (lazy routes), the libraries every page needs in chunks of their own, so a new
 * release of one page does not change the others' file names in browsers' caches.
 * `npm run dev:web -w @vanthu/console` serves it with hot reload, passing /api and /auth to a
 * running console server (npm start).
 */
export default defineConfig(({ command }) => {
  // A built bundle is for browsers, whoever builds it: run under jest (NODE_ENV=test: the browser
  // tests and the bench build it when a source changed), Vite would bundle React's development
  // build, several times slower to render. Vite reads NODE_ENV after loading this file.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
