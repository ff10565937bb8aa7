import { createRequire } from 'node:module';
import path from 'node:path';
import {
  Controller,
  Get,
  Header,
  Injectable,
  Module,
  type OnModuleInit,
  Redirect,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { RouteContract } from '@zhibiao/contracts';
import { Access } from '../auth/auth.guard.js';
import { ROUTE_CONTRACT } from '../common/contract.js';
import { buildOpenApiDocument } from './openapi.js';

const API_VERSION = '0.1.0';

/** Collects the contract of every handler the app serves, once the modules are wired. */
@Injectable()
export class OpenApiRegistry implements OnModuleInit {
  private document: Record<string, unknown> = {};

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const routes: RouteContract[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, () => unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (!handler) continue;
        const route = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, handler);
        if (route) routes.push(route);
      }
    }
    this.document = buildOpenApiDocument(routes, API_VERSION);
  }

  get openApi(): Record<string, unknown> {
    return this.document;
  }
}

export const SWAGGER_UI_DIR = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

// The page loads its initializer from a file (not inline script) so a strict CSP can apply later.
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Zhibiao API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs.json', dom_id: '#swagger-ui', deepLinking: true });`;

@Controller('api')
export class DocsController {
  constructor(private readonly registry: OpenApiRegistry) {}

  @Get('docs.json')
  openApi(): Record<string, unknown> {
    return this.registry.openApi;
  }

  @Get('docs')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return DOCS_PAGE;
  }

  @Get('docs/init.js')
  @Access('public')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init(): string {
    return DOCS_INIT;
  }

  @Get('v1')
  @Access('public')
  @Redirect('/api/docs', 302)
  root(): void {}
}

@Module({ imports: [DiscoveryModule], controllers: [DocsController], providers: [OpenApiRegistry] })
export class DocsModule {}
