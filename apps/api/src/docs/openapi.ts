import { z } from 'zod';
import {
  API_BASE_PATH,
  ErrorEnvelopeSchema,
  type HttpMethod,
  type RouteContract,
} from '@zhibiao/contracts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** The OpenAPI 3.1 document of the routes the app serves, generated from their zod contracts. */
export function buildOpenApiDocument(routes: RouteContract[], version: string): JsonSchema {
  const paths: Record<string, Partial<Record<Lowercase<HttpMethod>, JsonSchema>>> = {};
  const sorted = [...routes].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  for (const route of sorted) {
    const path = API_BASE_PATH + route.path.replace(/:(\w+)/g, '{$1}');
    const status = String(route.status ?? 200);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase() as Lowercase<HttpMethod>] = {
      summary: route.summary,
      tags: [route.tag],
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    properties: { [route.upload.field]: { type: 'string', format: 'binary' } },
                    required: [route.upload.field],
                  },
                },
              },
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      'x-access': route.access ?? 'read',
      responses: {
        [status]:
          status === '204'
            ? { description: 'Done; no content' }
            : route.produces
              ? {
                  description: 'Success: the file',
                  content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } },
                }
              : {
                  description: 'Success',
                  content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
                },
        ...Object.fromEntries(
          Object.entries(route.alsoAnswers ?? {}).map(([code, description]) => [
            code,
            {
              description,
              content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
            },
          ]),
        ),
        default: {
          description: 'Error: `message` is in the language of Accept-Language (zh-CN by default)',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Zhibiao API',
      version,
      description:
        'Targets of the Digital Shandong action plans: catalogue, figures, progress and alerts. ' +
        'JSON only; unknown keys are rejected; errors share one envelope.',
    },
    paths,
    components: { schemas: { ErrorEnvelope: jsonSchema(ErrorEnvelopeSchema, 'output') } },
  };
}
