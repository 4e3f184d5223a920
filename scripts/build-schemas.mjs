#!/usr/bin/env node
// Write precompiled (ajv standalone) validators for every schema in schemas/ into
// dist/schemas/compiled/. Run after the CLI is compiled; src/schemas/validate.ts uses them when
// they match the schemas on disk and compiles at run time otherwise.
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const { writeStandaloneValidators } = await import(new URL('dist/schemas/standalone.js', root).href);
const names = writeStandaloneValidators(fileURLToPath(new URL('dist/schemas/compiled/', root)));
process.stdout.write(`precompiled ${names.length} schema validators\n`);
