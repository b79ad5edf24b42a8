import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinary } from '../../../test/support/binaries.js';
import { writeFullWorkload } from './support/full-workload.js';
import { sightline, temporaryDirectory } from './support/run-cli.js';
import { generateTelemetry } from './support/telemetry-generator.js';

const executablePath = findBinary('chromium');

interface RenderedChart {
  id: string;
  type: string;
  points: number;
  paintedPixels: number;
  /** Bars, line points and scatter points Chart.js laid out inside the plot area. */
  drawnElements: number;
}

describe.skipIf(!executablePath)('the HTML report in headless Chromium', () => {
  let dir: { path: string; remove(): Promise<void> };
  let profile: string;
  let browser: BrowserContext;
  let htmlPath: string;

  beforeAll(async () => {
    dir = await temporaryDirectory('browser');
    await generateTelemetry(join(dir.path, 'telemetry'), writeFullWorkload);
    htmlPath = join(dir.path, 'report.html');
    expect((await sightline(['report', join(dir.path, 'telemetry'), '--html', htmlPath])).code).toBe(0);
    profile = await mkdtemp(join(tmpdir(), 'sightline-chromium-'));
    // A fresh profile per run: Playwright passes it to Chromium as --user-data-dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true });
    await dir.remove();
  });

  /** What the page drew, and how wide it is, at one viewport width. */
  async function inspect(width: number) {
    const page = await browser.newPage();
    // A persistent context takes no per-page viewport option: the size is set on the page.
    await page.setViewportSize({ width, height: 900 });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const layout = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement;
      return { scrollWidth: root.scrollWidth, innerWidth: (globalThis as unknown as { innerWidth: number }).innerWidth };
    });
    const charts = await page.evaluate(() => {
      // The test compiles without the DOM library: just the shapes it reads.
      interface Canvas {
        id: string;
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
        getBoundingClientRect(): { left: number; right: number };
      }
      interface ChartInstance {
        canvas: Canvas;
        config: { type: string };
        data: { datasets: { data: unknown[] }[] };
        chartArea: { left: number; right: number; top: number; bottom: number };
        getDatasetMeta(index: number): { data: { x: number; y: number }[] };
      }
      const instances = (globalThis as unknown as { sightlineCharts: ChartInstance[] }).sightlineCharts;
      return instances.map((chart) => {
        const { canvas } = chart;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) painted++;
        const box = canvas.getBoundingClientRect();
        return {
          id: canvas.id,
          type: chart.config.type,
          left: box.left,
          right: box.right,
          points: chart.data.datasets.reduce((sum, set) => sum + set.data.filter((value) => value !== null && value !== 0).length, 0),
          paintedPixels: painted,
          drawnElements: chart.data.datasets.reduce((sum, _set, index) => {
            const { left, right, top, bottom } = chart.chartArea;
            const inside = chart
              .getDatasetMeta(index)
              .data.filter(
                (element) =>
                  Number.isFinite(element.x) &&
                  Number.isFinite(element.y) &&
                  element.x >= left &&
                  element.x <= right &&
                  element.y >= top &&
                  element.y <= bottom,
              );
            return sum + inside.length;
          }, 0),
        };
      });
    });
    const heading = await page.textContent('h1');
    await page.close();
    return { problems, requests, layout, charts: charts as (RenderedChart & { left: number; right: number })[], heading };
  }

  // A phone held upright, and a laptop: the usage table alone is about 1,100 px wide.
  it.each([420, 1280])(
    'at %i px: every chart drawn with its data, nothing wider than the window, offline, no console error',
    async (width) => {
      const { problems, requests, layout, charts, heading } = await inspect(width);
      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(htmlPath).href]);
      expect(heading).toBe('Sightline report');
      expect(layout.innerWidth).toBe(width);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(charts.map(({ id, type }) => [id, type])).toEqual([
        ['cost-over-time', 'bar'],
        ['cost-by-feature-model', 'bar'],
        ['latency-by-layer', 'bar'],
        ['quality-over-time', 'line'],
        ['gpu-vs-latency', 'scatter'],
      ]);
      for (const chart of charts) {
        expect(chart.points, chart.id).toBeGreaterThan(0);
        expect(chart.drawnElements, chart.id).toBeGreaterThanOrEqual(chart.points);
        // Axes alone paint a few thousand pixels; bars, lines and points paint many more.
        expect(chart.paintedPixels, chart.id).toBeGreaterThan(5000);
        expect(chart.left, chart.id).toBeGreaterThanOrEqual(0);
        expect(chart.right, chart.id).toBeLessThanOrEqual(width);
      }
    },
  );
});
