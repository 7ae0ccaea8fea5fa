// The shopper site: Preact (with preact-iso for routes and lazy pages, @preact/signals for the shared
// cart and session), built by Vite to frontend/dist. Preact rather than React because the site's
// initial JS + CSS must stay under 100 KB gzip: Preact is about 5 KB of that, React about 45.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  // The mineral images (and anything else under public/) are copied to the site as they are.
  publicDir: path.join(here, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // One stylesheet, loaded with the shell: no flash of unstyled pages when a lazy route loads.
    cssCodeSplit: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:site` next to `npm start`: the API is the local shop's.
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}`, '/_sandbox': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
