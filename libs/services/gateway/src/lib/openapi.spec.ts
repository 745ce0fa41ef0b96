import type { OpenAPIObject } from '@nestjs/swagger';
import { referencedSchemas, serializeOpenApiDocument } from './openapi';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('referencedSchemas', () => {
  it('keeps the schemas the paths use, directly or through other schemas, sorted by name', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/b': { post: { requestBody: { content: { 'application/json': { schema: ref('Zeta') } } }, responses: {} } },
        '/a': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: ref('Alpha') } } } } } },
      },
      components: {
        schemas: {
          Zeta: { type: 'object', properties: { inner: ref('Inner') } },
          Unused: { type: 'object', properties: { alpha: ref('Alpha') } },
          Inner: { type: 'object', properties: { self: ref('Inner') } },
          Alpha: { type: 'object' },
        },
      },
    } as unknown as OpenAPIObject;
    const schemas = referencedSchemas(document);
    expect(Object.keys(schemas)).toEqual(['Alpha', 'Inner', 'Zeta']);
    expect(schemas['Zeta']).toBe(document.components?.schemas?.['Zeta']);
  });

  it('is empty when no path refers to a schema', () => {
    expect(referencedSchemas({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {} })).toEqual({});
  });
});

describe('serializeOpenApiDocument', () => {
  it('writes two-space JSON with one final newline', () => {
    const text = serializeOpenApiDocument({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {} });
    expect(text).toBe('{\n  "openapi": "3.0.0",\n  "info": {\n    "title": "t",\n    "version": "1"\n  },\n  "paths": {}\n}\n');
  });
});
