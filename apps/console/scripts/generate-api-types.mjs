#!/usr/bin/env node
/**
 * The console's types of each service's API, generated from the OpenAPI document the service
 * validates its requests with (services/<service>/src/api/openapi.yaml), into
 * web/src/api/generated/<service>.ts. The files are committed, so the web build needs no service;
 * `--check` (the unit test runs it) fails when one differs from what its document now gives, or
 * when a document has no file or a file no document.
 *
 *   npm run generate -w @vanthu/console            write them
 *   npm run generate -w @vanthu/console -- --check  only compare
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const CONSOLE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(CONSOLE, '../..');
const OUT = join(CONSOLE, 'web/src/api/generated');

const documentOf = (service) => join(ROOT, 'services', service, 'src/api/openapi.yaml');
const services = readdirSync(join(ROOT, 'services')).filter((service) => existsSync(documentOf(service))).sort();

async function typesOf(service) {
  const ast = await openapiTS(pathToFileURL(documentOf(service)), { alphabetize: false });
  const source = relative(ROOT, documentOf(service));
  return `/**\n * Generated from ${source} by \`npm run generate -w @vanthu/console\`; do not edit.\n */\n\n${astToString(ast)}`;
}

const check = process.argv.includes('--check');
const problems = [];
mkdirSync(OUT, { recursive: true });
for (const service of services) {
  const file = join(OUT, `${service}.ts`);
  const types = await typesOf(service);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === types) continue;
  if (check) problems.push(`${relative(ROOT, file)} is ${current === undefined ? 'missing' : 'stale'}`);
  else writeFileSync(file, types);
}
for (const file of readdirSync(OUT).filter((name) => name.endsWith('.ts') && !services.includes(name.slice(0, -3)))) {
  if (check) problems.push(`${relative(ROOT, join(OUT, file))} has no OpenAPI document`);
  else rmSync(join(OUT, file));
}

if (problems.length > 0) {
  console.error(`${problems.join('\n')}\nRun: npm run generate -w @vanthu/console`);
  process.exit(1);
}
console.log(`${check ? 'up to date' : 'generated'}: ${services.map((s) => `${s}.ts`).join(', ')}`);
