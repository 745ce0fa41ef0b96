import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../../../tools/openapi/openapi-document';

// CI fails when the committed contract and the code disagree: a route, a field or an error
// response changed without docs/openapi.json (or the other way round).
describe('docs/openapi.json', () => {
  it('is the document the code describes (run `npm run openapi` after changing the API)', async () => {
    const fromCode = await renderOpenApiDocument();
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (committed !== fromCode) {
      throw new Error('docs/openapi.json differs from the code: run `npm run openapi` and commit the result');
    }
    expect(JSON.parse(committed).paths['/api/v1/traces']).toBeDefined();
  });

  it('renders byte for byte the same twice', async () => {
    expect(await renderOpenApiDocument()).toBe(await renderOpenApiDocument());
  });
});
