import { writeFileSync } from 'node:fs';
import { jsonSchemas, schemaFileText } from './json-schemas.js';

for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), schemaFileText(schema));
  console.log(`schema/${file}`);
}
