import path from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * Serves the built web app. Hashed assets are cached for a year; any other GET that accepts HTML and is
 * not under /api gets index.html, so client-side routes survive a reload.
 */
export function staticWebApp(distDir: string): RequestHandler {
  const assets = express.static(distDir, {
    index: false,
    setHeaders(res, file) {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      res.setHeader(
        'Cache-Control',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const indexFile = path.join(distDir, 'index.html');
  return (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path === '/api') return next();
    assets(req, res, () => {
      if ((req.method === 'GET' || req.method === 'HEAD') && req.accepts('html')) {
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(indexFile, (error) => error && next(error));
        return;
      }
      next();
    });
  };
}
