// The admin console: a second Preact app with its own entry and bundle, built into frontend/dist/admin
// and served at /admin/ on the shop's origin. Its own config (not a second input of the site's) so
// the shopper site's bundle stays exactly what it was. Built after the site: the site's build empties
// frontend/dist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const shop = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: here,
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.join(here, '..', 'dist', 'admin'),
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:admin` next to `npm start`: the API and the console's config are the local shop's.
    proxy: { '/api': shop, '/admin/config.json': shop },
  },
});
