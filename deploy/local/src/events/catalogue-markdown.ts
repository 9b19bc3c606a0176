import { EVENT_CATALOGUE, type JsonSchema } from '@vanthu/shared';

function describe(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : schema.pattern === '^[0-9a-f]{64}$' ? 'SHA-256 (hex)' : type;
}

/** docs/events/catalogue.md: the catalogue as a reader wants it, one table per event. */
export function eventCatalogueMarkdown(): string {
  const lines = [
    '# Event catalogue',
    '',
    'Generated from `packages/shared/src/events/` by `npm run events -- docs`; a unit test fails when this file is out of date.',
    'Envelope of every event: `id` (unique, deterministic — dedupe on it), `type`, `version`, `occurredAt` (UTC), `source`, `subject` (the Kafka key), `data` (below).',
    'Machine-readable: [asyncapi.json](asyncapi.json) and one JSON Schema per event in [schemas/](schemas/).',
    '',
    '| event | topic | key | summary |',
    '|---|---|---|---|',
    ...EVENT_CATALOGUE.map((s) => `| [\`${s.type}\` v${s.version}](#${`${s.type}-v${s.version}`.replace(/[^a-z0-9-]/g, '')}) | \`${s.topic}\` | \`data.${s.key}\` | ${s.summary} |`),
  ];
  for (const spec of EVENT_CATALOGUE) {
    lines.push('', `## ${spec.type} v${spec.version}`, '', spec.summary, '', '| field | required | type | meaning |', '|---|---|---|---|');
    for (const [name, field] of Object.entries(spec.data.properties ?? {})) {
      lines.push(`| \`${name}\` | ${spec.data.required?.includes(name) ? 'yes' : ''} | ${describe(field)} | ${field.description ?? ''} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
