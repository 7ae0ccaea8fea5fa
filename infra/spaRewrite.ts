// Which file answers a path of the two single-page apps — the shop at `/` and the admin console at
// `/admin/` — written once as the CloudFront Function CloudFront runs on every viewer request
// (infra/constructs/shopSite.ts), and run as is by the local server (infra/local/apiServer.ts), so the
// deep links of both apps resolve the same way on one machine as in AWS. No CDK import here: the
// local server loads this module.

/** The console's base path: its own entry and bundle, built to frontend/dist/admin/. */
export const ADMIN_CONSOLE_PATH = '/admin/';

/**
 * Viewer-request rewrite: a path whose last segment has no extension (`/minerals/quartz-7`) is a
 * client-side route, so it gets `/index.html` — or, under /admin, the console's `/admin/index.html`;
 * files keep their path. Unlike a 404→index.html error response, this never touches /api/* or
 * /media/*, whose 404s stay what they are.
 * CloudFront Functions run ES5-flavoured JavaScript: keep it to `var` and plain functions.
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    var admin = request.uri === '${ADMIN_CONSOLE_PATH.slice(0, -1)}' || request.uri.indexOf('${ADMIN_CONSOLE_PATH}') === 0;
    request.uri = admin ? '${ADMIN_CONSOLE_PATH}index.html' : '/index.html';
  }
  return request;
}`;

type Rewrite = (event: { request: { uri: string } }) => { uri: string };
let compiled: Rewrite | undefined;

/** The path CloudFront would ask the site bucket for, given the viewer's (decoded) path. */
export function spaRewrite(uri: string): string {
  // Our own constant code: the very text CloudFront runs.
  compiled ??= new Function(`${SPA_REWRITE_CODE}\nreturn handler;`)() as Rewrite;
  return compiled({ request: { uri } }).uri;
}
