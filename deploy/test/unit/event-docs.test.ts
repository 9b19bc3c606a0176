import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventDocs } from '../../local/src/commands/events';
import { REPO_ROOT } from '../../local/src/paths';

describe('the published event contracts (docs/events/)', () => {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const files = eventDocs(version);

  it('are what the catalogue in code generates (run `npm run events -- docs` after changing an event)', () => {
    for (const [path, text] of files) expect({ path, text: readFileSync(join(REPO_ROOT, path), 'utf8') }).toEqual({ path, text });
    const schemas = readdirSync(join(REPO_ROOT, 'docs/events/schemas')).map((f) => `docs/events/schemas/${f}`);
    expect(schemas.sort()).toEqual([...files.keys()].filter((p) => p.includes('/schemas/')).sort());
  });

  it('describe every message of every channel in AsyncAPI 3', () => {
    const doc = JSON.parse(files.get('docs/events/asyncapi.json')!) as {
      asyncapi: string;
      channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
      components: { messages: Record<string, { payload: { $id: string } }> };
    };
    expect(doc.asyncapi).toBe('3.0.0');
    const referenced = Object.values(doc.channels).flatMap((c) => Object.values(c.messages).map((m) => m.$ref.replace('#/components/messages/', '')));
    expect(referenced.sort()).toEqual(Object.keys(doc.components.messages).sort());
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual(['vanthu.document.events.v1', 'vanthu.directory.events.v1', 'vanthu.signing.events.v1', 'vanthu.archive.events.v1', 'vanthu.tracking.events.v1']);
  });
});
