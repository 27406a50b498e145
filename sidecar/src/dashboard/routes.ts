import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * The programme dashboard (docs/sidecar.md, "Dashboard"): a static page and its script, served
 * by the sidecar itself, no build step and no separate server. The page signs in with the
 * operator token and reads /programmes/:id/summary (routes/programmes.ts), aggregates only.
 * Its policy allows its own script, styles and requests, and nothing else: no inline script or
 * style, no frames, no form posts elsewhere.
 */
const FILES = {
  '/dashboard': ['index.html', 'text/html; charset=utf-8'],
  '/dashboard/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/dashboard/strings.js': ['strings.js', 'text/javascript; charset=utf-8'],
  '/dashboard/style.css': ['style.css', 'text/css; charset=utf-8'],
  '/dashboard/icon.svg': ['icon.svg', 'image/svg+xml'],
} as const;

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function registerDashboardRoutes(app: FastifyInstance): void {
  for (const [path, [file, type]] of Object.entries(FILES)) {
    // Read once at start: the files ship with the sidecar and never change while it runs.
    const body = readFileSync(new URL(file, import.meta.url));
    app.get(path, async (_request, reply) =>
      reply
        .type(type)
        .header('content-security-policy', DASHBOARD_CSP)
        .header('referrer-policy', 'no-referrer')
        .header('x-frame-options', 'DENY')
        .send(body),
    );
  }
  app.get('/dashboard/', async (_request, reply) => reply.redirect('/dashboard'));
}
