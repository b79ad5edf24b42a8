import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string };
}

/** What the demo wrote: files, sizes, and spans per team. */
export function summarize(dir: string, requests: number): string {
  const lines = [`Sightline demo: ${requests} requests written to ${dir}/`];
  const spansPerTeam = new Map<string, number>();
  for (const file of readdirSync(dir).sort()) {
    const path = join(dir, file);
    const content = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    lines.push(`  ${file.padEnd(16)} ${String(statSync(path).size).padStart(8)} bytes, ${content.length} export request(s)`);
    if (!file.startsWith('traces')) continue;
    for (const line of content) {
      for (const resource of JSON.parse(line).resourceSpans) {
        for (const scope of resource.scopeSpans) {
          for (const span of scope.spans as { attributes: OtlpAttribute[] }[]) {
            const team = span.attributes.find((attribute) => attribute.key === 'team')?.value.stringValue ?? '?';
            spansPerTeam.set(team, (spansPerTeam.get(team) ?? 0) + 1);
          }
        }
      }
    }
  }
  lines.push('Spans per team (every span is stamped; missing tags become "untagged"):');
  for (const [team, count] of [...spansPerTeam].sort()) lines.push(`  ${team.padEnd(10)} ${count}`);
  return `${lines.join('\n')}\n`;
}
