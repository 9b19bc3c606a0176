const METADATA = /^#\s+(HELP|TYPE)\s+(\S+)/;
const SAMPLE_NAME = /^([A-Za-z_:][A-Za-z0-9_:]*)/;

interface Family {
  help?: string;
  type?: string;
  samples: string[];
}

/**
 * Several exporters' texts as one: the Prometheus text format wants each metric family once, with
 * its HELP and TYPE once, so families the texts share are joined (their series must already differ
 * by a label, as the Temporal SDK's do by each copy's `slot`). The first text's HELP and TYPE stand
 * for all; families keep the order they first appear in.
 */
export function mergeExpositions(texts: readonly string[]): string {
  const families = new Map<string, Family>();
  const familyOf = (name: string): Family => {
    const family = families.get(name) ?? { samples: [] };
    families.set(name, family);
    return family;
  };
  for (const text of texts) {
    let current: string | undefined;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const metadata = METADATA.exec(line);
      if (metadata) {
        current = metadata[2]!;
        const family = familyOf(current);
        if (metadata[1] === 'HELP') family.help ??= line;
        else family.type ??= line;
        continue;
      }
      if (line.startsWith('#')) continue;
      // A sample belongs to the family declared above it (a histogram's _bucket, _sum and _count
      // included), unless its name says otherwise.
      const name = SAMPLE_NAME.exec(line)?.[1] ?? line;
      const owner = current !== undefined && (name === current || name.startsWith(`${current}_`)) ? current : name;
      familyOf(owner).samples.push(line);
    }
  }
  const lines = [...families.values()].flatMap((f) => [...(f.help ? [f.help] : []), ...(f.type ? [f.type] : []), ...f.samples]);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
