// npm run openapi: writes docs/openapi.json from the code (a spec fails when they differ).
import { writeFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApiDocument } from './openapi-document';

renderOpenApiDocument()
  .then((text) => {
    writeFileSync(OPENAPI_FILE, text);
    console.log(`wrote ${OPENAPI_FILE}`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
