/**
 * The page and its assets: `GET /` and `GET /playground/static/<file>`. Plain browser files,
 * read from disk on each request (no build step), plus the Adaptive Cards renderer's UMD
 * bundle and stylesheet straight from node_modules/adaptivecards/dist.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type restify from 'restify';
import type { Logger } from '../core/ports';

const STATIC_DIR = join(__dirname, 'static');
const ADAPTIVECARDS_DIST = join(dirname(require.resolve('adaptivecards/package.json')), 'dist');

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Every file served under /playground/static/, and nothing else. */
export const ASSETS: Record<string, { path: string; type: string }> = {
  'adaptivecards.min.js': { path: join(ADAPTIVECARDS_DIST, 'adaptivecards.min.js'), type: JS },
  'adaptivecards.css': { path: join(ADAPTIVECARDS_DIST, 'adaptivecards.css'), type: CSS },
  'playground.js': { path: join(STATIC_DIR, 'playground.js'), type: JS },
  'card-host.js': { path: join(STATIC_DIR, 'card-host.js'), type: JS },
  'playground.css': { path: join(STATIC_DIR, 'playground.css'), type: CSS },
  'adaptive-cards-teams.css': { path: join(STATIC_DIR, 'adaptive-cards-teams.css'), type: CSS },
};

export interface StaticRoutesDeps {
  /** The tenant the page starts with (the sample Contoso tenant). */
  defaultTenantId: string;
  /** Offered in the tenant box. */
  sampleTenants: { id: string; displayName: string }[];
  log: Logger;
}

const escapeAttr = (s: string): string =>
  s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

function write(res: restify.Response, status: number, type: string, body: string | Buffer): void {
  // restify patches http.ServerResponse: writeHead() does not return `this`.
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

export function registerStaticRoutes(server: restify.Server, deps: StaticRoutesDeps): void {
  server.get('/', async (_req: restify.Request, res: restify.Response) => {
    const html = await readFile(join(STATIC_DIR, 'index.html'), 'utf8');
    const options = deps.sampleTenants
      .map((t) => `<option value="${escapeAttr(t.id)}">${escapeAttr(t.displayName)}</option>`)
      .join('');
    write(
      res,
      200,
      'text/html; charset=utf-8',
      html
        .replaceAll('{{DEFAULT_TENANT_ID}}', escapeAttr(deps.defaultTenantId))
        .replaceAll('{{SAMPLE_TENANT_OPTIONS}}', options),
    );
  });

  server.get('/playground/static/:file', async (req: restify.Request, res: restify.Response) => {
    const asset = ASSETS[String((req.params as Record<string, unknown>).file)];
    if (!asset) {
      write(res, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    try {
      write(res, 200, asset.type, await readFile(asset.path));
    } catch (e) {
      deps.log.error({ err: e, file: asset.path }, 'playground: cannot read a static file');
      write(res, 500, 'text/plain; charset=utf-8', 'Cannot read this file');
    }
  });
}
