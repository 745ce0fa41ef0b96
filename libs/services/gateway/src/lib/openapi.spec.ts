import type { OpenAPIObject } from '@nestjs/swagger';
import { addExamples, describeScopes, exampleOf, referencedSchemas, serializeOpenApiDocument } from './openapi';

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

describe('describeScopes', () => {
  const op = (extra: Record<string, unknown> = {}) => ({ responses: {}, security: [{ 'api-key': [] }], ...extra });

  it('names the declared scope, else the one the method needs, in the description and x-required-scope', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/r': { get: op({ description: 'Reads.' }), post: op() },
        '/s': { post: op({ 'x-required-scope': 'read' }) },
        '/v': { get: op({ 'x-required-scope': 'none' }) },
        '/public': { post: { responses: {} } },
      },
    } as unknown as OpenAPIObject;
    describeScopes(document);
    const p = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(p['/r']['get']).toMatchObject({ 'x-required-scope': 'read', description: 'Reads.\n\nNeeds an API key (X-API-Key header) with the `read` scope.' });
    expect(p['/r']['post']).toMatchObject({ 'x-required-scope': 'write' });
    expect(p['/s']['post']).toMatchObject({ 'x-required-scope': 'read' });
    expect(p['/v']['get']).toMatchObject({ 'x-required-scope': 'none', description: expect.stringContaining('any valid API key') });
    expect(p['/public']['post']).toEqual({ responses: {} });
  });
});

describe('exampleOf and addExamples', () => {
  const schemas = {
    Outer: { type: 'object', properties: { id: { type: 'string', example: 'x' }, inner: { $ref: '#/components/schemas/Inner' }, list: { type: 'array', items: { $ref: '#/components/schemas/Inner' } }, wrapped: { allOf: [{ $ref: '#/components/schemas/Inner' }] }, bare: { type: 'string' } } },
    Inner: { type: 'object', properties: { n: { type: 'number', example: 1 } } },
  };

  it('builds a value from the property examples through refs, arrays and allOf, leaving out properties without one', () => {
    expect(exampleOf({ $ref: '#/components/schemas/Outer' }, schemas)).toEqual({ id: 'x', inner: { n: 1 }, list: [{ n: 1 }], wrapped: { n: 1 } });
  });

  it('gives JSON bodies and responses an example, keeping those that have one', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      components: { schemas },
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Inner' } } } },
            responses: { 201: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Inner' }, example: { n: 2 } } } } },
          },
        },
      },
    } as unknown as OpenAPIObject;
    addExamples(document);
    type Media = { content: Record<string, { example?: unknown }> };
    const post = document.paths['/a'].post as unknown as { requestBody: Media; responses: Record<number, Media> };
    expect(post.requestBody.content['application/json'].example).toEqual({ n: 1 });
    expect(post.responses[201].content['application/json'].example).toEqual({ n: 2 });
  });
});
