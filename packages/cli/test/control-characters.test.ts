import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControl, stringifyJson } from '../src/cli/escape-control.js';
import type { Diagnosis, Report } from '../src/index.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry } from './support/telemetry-generator.js';

/** ESC colour, BEL, a carriage return that would overwrite the line, the 8-bit CSI, and a newline that would break a row. */
const HOSTILE = 'red\u001b[31mALERT\u0007\rover\u009b2J\nTOTAL';
/** The same, as every text output must show it: `\uXXXX`, lower-case hex. */
const VISIBLE = 'red\\u001b[31mALERT\\u0007\\u000dover\\u009b2J\\u000aTOTAL';
/** Any control character but newline (the outputs' own line breaks). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const PLACEHOLDER = 'HOSTILE-PLACEHOLDER';

interface EmbeddedChart {
  config: { data: { labels?: string[]; datasets: { label: string }[] } };
}

describe('control characters from telemetry never reach the terminal (or the HTML file) raw', () => {
  let dir: { path: string; remove(): Promise<void> };
  let telemetry: string;
  let traceId: string;

  beforeAll(async () => {
    dir = await temporaryDirectory('control');
    telemetry = join(dir.path, 'telemetry');
    await generateTelemetry(telemetry, (generator) => {
      const start = Date.UTC(2025, 0, 1);
      const tags = { team: `team-${PLACEHOLDER}`, feature: `feature-${PLACEHOLDER}` };
      const root = generator.spanTree(
        {
          name: `invoke_agent agent-${PLACEHOLDER}`,
          startMs: start,
          durationMs: 1000,
          children: [
            {
              name: `execute_tool tool-${PLACEHOLDER}`,
              startMs: start + 600,
              durationMs: 300,
              attributes: { 'gen_ai.tool.name': `tool-${PLACEHOLDER}` },
            },
          ],
        },
        tags,
      );
      traceId = root.traceId;
      const model = `model-${PLACEHOLDER}`;
      const call = generator.modelCall(
        { tags, model, inputTokens: 100, outputTokens: 5, costUsd: 0.5, startMs: start + 10, durationMs: 500, failed: true },
        root,
      );
      generator.evaluation(call, `eval-${PLACEHOLDER}`, 0.5, start + 2000, tags);
    });
    // The placeholder becomes the hostile string in the files themselves, JSON-encoded as any OTLP
    // writer (this one, an older Sightline, a Collector) would write it: the CLI trusts no writer
    // to have stripped anything, whatever core does on the way in.
    for (const name of await readdir(telemetry)) {
      const path = join(telemetry, name);
      await writeFile(path, (await readFile(path, 'utf8')).replaceAll(PLACEHOLDER, JSON.stringify(HOSTILE).slice(1, -1)));
    }
  });
  afterAll(() => dir.remove());

  it('the text report escapes tag values and model names, and no value breaks a row', async () => {
    const run = await sightline(['report', telemetry]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    for (const value of [`team-${VISIBLE}`, `feature-${VISIBLE}`, `model-${VISIBLE}`]) expect(run.stdout).toContain(value);
    const lines = run.stdout.split('\n');
    // Header, rule, one group, the total: the newline inside the values did not add a fake row.
    const ruleAt = lines.findIndex((line) => line.startsWith('─'));
    expect(lines.slice(ruleAt + 1, ruleAt + 3).map((line) => line.split('  ')[0])).toEqual([`team-${VISIBLE}`, 'TOTAL']);
    expect(lines[ruleAt + 3]).toBe('');
    expect(run.stdout).toContain(`Top cost drivers: team=team-${VISIBLE}`);
  });

  it('diagnose escapes span, tool and model-call names in every line and the waterfall', async () => {
    const run = await sightline(['diagnose', traceId, telemetry]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain(`Trace ${traceId}: invoke_agent agent-${VISIBLE}, `);
    expect(run.stdout).toContain(`execute_tool tool-${VISIBLE}`);
    expect(run.stdout).toContain(`chat model-${VISIBLE} ✗`);
  });

  it('--json keeps the exact values and still writes no raw control character (JSON.stringify leaves U+009B raw)', async () => {
    const reportRun = await sightline(['report', telemetry, '--json']);
    expect(reportRun.stdout).not.toMatch(RAW_CONTROL);
    const report = JSON.parse(reportRun.stdout) as Report;
    expect(report.groups[0]!.key).toMatchObject({ team: `team-${HOSTILE}`, model: `model-${HOSTILE}` });

    const diagnoseRun = await sightline(['diagnose', traceId, telemetry, '--json']);
    expect(diagnoseRun.stdout).not.toMatch(RAW_CONTROL);
    const diagnosis = JSON.parse(diagnoseRun.stdout) as Diagnosis;
    expect(diagnosis.spans.map((span) => span.name)).toEqual([
      `invoke_agent agent-${HOSTILE}`,
      `chat model-${HOSTILE}`,
      `execute_tool tool-${HOSTILE}`,
    ]);
  });

  it('the HTML file holds no raw control character: text is escaped then HTML-escaped, chart labels read the same', async () => {
    const out = join(dir.path, 'report.html');
    const run = await sightline(['report', telemetry, '--html', out]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    const html = await readFile(out, 'utf8');
    expect(html).not.toMatch(RAW_CONTROL);
    expect(html).toContain(`<td>team-${VISIBLE}</td>`);
    const charts = JSON.parse(/<script id="sightline-charts" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!) as EmbeddedChart[];
    const labels = charts.flatMap((chart) => [...(chart.config.data.labels ?? []), ...chart.config.data.datasets.map((set) => set.label)]);
    for (const value of [`team-${VISIBLE}`, `feature-${VISIBLE}`, `model-${VISIBLE}`, `eval-${VISIBLE}`]) expect(labels).toContain(value);
  });

  it('error messages are guarded at the stream too (here a directory name from the command line)', async () => {
    const run = await sightline(['report', join(dir.path, 'no\u001b[2Jpe')]);
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('no\\u001b[2Jpe does not exist');
  });
});

describe('escapeControl and stringifyJson', () => {
  it('make bidi overrides, isolates, DEL and the line separators visible as well', () => {
    expect(escapeControl('a\u202eb\u2066c\u007fd\u2028e\u061cf\tg')).toBe('a\\u202eb\\u2066c\\u007fd\\u2028e\\u061cf\\u0009g');
    expect(escapeControl('plain ünïcode — fine → ✗ █')).toBe('plain ünïcode — fine → ✗ █');
  });

  it('stringifyJson round-trips exactly and leaves none of them raw', () => {
    const value = { name: `x${HOSTILE}\u202e\u2028\u007f` };
    const json = stringifyJson(value, 2);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
