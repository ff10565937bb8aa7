// The architecture, as lint rules (eslint.config.js turns them on where they apply): which code may
// import which, where SQL runs, and where a handler's parameter types come from.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const API_SRC = path.join(ROOT, 'apps/api/src');

/** Every import, export-from and dynamic import of a file, with the node to report on. */
function importSources(context, visit) {
  const check = (node) => {
    if (node.source && typeof node.source.value === 'string') visit(node.source.value, node);
  };
  return {
    ImportDeclaration: check,
    ExportNamedDeclaration: check,
    ExportAllDeclaration: check,
    ImportExpression: check,
  };
}

/** The file a relative specifier names (`.js` written for `.ts`), or null for a package. */
function resolveRelative(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = path.resolve(path.dirname(from), specifier);
  return target.replace(/\.js$/, '.ts');
}

const featureCache = new Map();

/**
 * The feature a file of the API belongs to: the nearest folder at or above it that holds a
 * `*.module.ts` (alerts/rules/ inside alerts/), or null outside the API's feature folders.
 */
function featureOf(file) {
  let dir = path.dirname(file);
  while (dir.startsWith(API_SRC) && dir !== API_SRC) {
    let cached = featureCache.get(dir);
    if (cached === undefined) {
      cached = existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.module.ts'));
      featureCache.set(dir, cached);
    }
    if (cached) return path.relative(API_SRC, dir);
    dir = path.dirname(dir);
  }
  return null;
}

export const architecture = {
  rules: {
    'no-import': {
      meta: {
        type: 'problem',
        docs: {
          description: 'Imports a layer may not make: packages and folders it must not reach.',
        },
        schema: [
          {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                packages: { type: 'array', items: { type: 'string' } },
                folders: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['message'],
              additionalProperties: false,
            },
          },
        ],
      },
      create(context) {
        const bans = context.options[0] ?? [];
        return importSources(context, (specifier, node) => {
          const resolved = resolveRelative(context.filename, specifier);
          for (const ban of bans) {
            const packageHit = (ban.packages ?? []).some(
              (name) => specifier === name || specifier.startsWith(`${name}/`),
            );
            const folderHit =
              resolved !== null &&
              (ban.folders ?? []).some((folder) =>
                resolved.startsWith(path.join(ROOT, folder) + path.sep),
              );
            if (packageHit || folderHit) {
              context.report({ node, message: `${ban.message} (${specifier})` });
            }
          }
        });
      },
    },

    'feature-boundaries': {
      meta: {
        type: 'problem',
        docs: {
          description:
            "A feature of the API uses another through the services its module exports, never through the other's repository or entity.",
        },
        schema: [
          {
            type: 'object',
            properties: {
              // Features allowed to use another's repository functions, each with its reason.
              allow: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    from: { type: 'string' },
                    to: { type: 'array', items: { type: 'string' } },
                    reason: { type: 'string' },
                  },
                  required: ['from', 'to', 'reason'],
                  additionalProperties: false,
                },
              },
            },
            additionalProperties: false,
          },
        ],
      },
      create(context) {
        const from = context.filename;
        const own = featureOf(from);
        const allowed = new Set(
          (context.options[0]?.allow ?? [])
            .filter((entry) => entry.from === own)
            .flatMap((entry) => entry.to),
        );
        const isEntity = (file) => file.endsWith('.entity.ts');
        return importSources(context, (specifier, node) => {
          const target = resolveRelative(from, specifier);
          if (target === null || !/\.(repository|entity)\.ts$/.test(target)) return;
          const theirs = featureOf(target);
          if (theirs === null || theirs === own || allowed.has(theirs)) return;
          // The schema is one: an entity names another feature's entity for a foreign key, and the
          // lists of entities (entities.ts) gather them for the data source.
          if (isEntity(target) && (isEntity(from) || path.basename(from) === 'entities.ts')) return;
          context.report({
            node,
            message: `${own ?? 'this file'} reaches into ${theirs}'s ${isEntity(target) ? 'entity' : 'repository'} (${specifier}); use a service ${theirs}'s module exports`,
          });
        });
      },
    },

    'sql-in-repositories': {
      meta: {
        type: 'problem',
        docs: { description: 'SQL runs in repositories (and the database infrastructure) only.' },
        schema: [],
      },
      create(context) {
        return {
          'CallExpression[callee.type="MemberExpression"][callee.property.name="query"]'(node) {
            context.report({
              node,
              message:
                'SQL runs in a *.repository.ts file: move this query into the feature’s repository',
            });
          },
        };
      },
    },

    'contract-handler-params': {
      meta: {
        type: 'problem',
        docs: {
          description:
            "A handler's @Param, @Query and @Body take the whole part, typed from its route contract: RouteIn<'route'>['params' | 'query' | 'body'].",
        },
        schema: [],
      },
      create(context) {
        const PARTS = { Param: 'params', Query: 'query', Body: 'body' };
        const decoratorName = (decorator) =>
          decorator.expression.type === 'CallExpression' &&
          decorator.expression.callee.type === 'Identifier'
            ? decorator.expression.callee.name
            : null;
        /** `apiRoutes.listAlerts` in the method's @Contract(...), if any. */
        const routeOf = (method) => {
          for (const decorator of method.decorators ?? []) {
            if (decoratorName(decorator) !== 'Contract') continue;
            const [arg] = decorator.expression.arguments;
            if (arg?.type === 'MemberExpression' && arg.property.type === 'Identifier') {
              return arg.property.name;
            }
          }
          return null;
        };
        return {
          MethodDefinition(method) {
            const route = routeOf(method);
            for (const param of method.value.params) {
              for (const decorator of param.decorators ?? []) {
                const part = PARTS[decoratorName(decorator)];
                if (part === undefined) continue;
                const wanted = `RouteIn<'${route ?? 'route'}'>['${part}']`;
                if (decorator.expression.arguments.length > 0) {
                  context.report({
                    node: decorator,
                    message: `take the whole ${part}, typed ${wanted}, not one of its fields`,
                  });
                  continue;
                }
                const type = param.typeAnnotation?.typeAnnotation;
                const ok =
                  type?.type === 'TSIndexedAccessType' &&
                  type.objectType.type === 'TSTypeReference' &&
                  type.objectType.typeName.type === 'Identifier' &&
                  type.objectType.typeName.name === 'RouteIn' &&
                  type.objectType.typeArguments?.params[0]?.type === 'TSLiteralType' &&
                  type.objectType.typeArguments.params[0].literal.value === route &&
                  type.indexType.type === 'TSLiteralType' &&
                  type.indexType.literal.value === part;
                if (!ok) {
                  context.report({
                    node: param,
                    message: `type the handler's ${part} from its route contract: ${wanted}`,
                  });
                }
              }
            }
          },
        };
      },
    },
  },
};
