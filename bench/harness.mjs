// Small timing helpers shared by the benches: interleaved rounds, median of rounds.
import os from 'node:os';
export function timePerOp(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / iterations;
}

export async function timePerOpAsync(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Runs each variant `rounds` times, interleaved, and returns the median ns/op per variant. */
export async function compare(variants, { iterations, rounds = 7, warmup = 1 }) {
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < rounds + warmup; round++) {
    for (const [name, fn] of Object.entries(variants)) {
      globalThis.gc?.();
      const ns = await fn(iterations);
      if (round >= warmup) samples[name].push(ns);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function table(rows) {
  const lines = ['| variant | time per op | ratio to baseline |', '|---|---|---|'];
  for (const { name, ns, ratio } of rows) lines.push(`| ${name} | ${formatNs(ns)} | ${ratio.toFixed(2)}× |`);
  return lines.join('\n');
}

export function formatNs(ns) {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
}

/**
 * For overhead benches on a shared, noisy machine. `variants` map names to one
 * operation each. The operations run interleaved, one call of each variant in
 * turn (the order rotating every turn), and every call is timed on its own, so
 * load that comes and goes falls on all variants alike instead of on whichever
 * ran during a busy second; garbage collections fall, on average, on the calls
 * that allocate. Means over all calls give the overhead ratio
 * (subject − baseline) / (floor − baseline); the calls are also split into
 * `chunks` consecutive parts whose own ratios show how steady it was. Each call
 * is timed twice: wall clock, and this process's CPU time (`process.cpuUsage`,
 * all threads), which leaves out the time other processes held the cores.
 */
export async function compareOverhead(variants, { baseline, floor, subject, calls, warmup = Math.ceil(calls / 10), chunks = 10 }) {
  const names = Object.keys(variants);
  const chunkSize = Math.ceil(calls / chunks);
  const zero = () => Object.fromEntries(names.map((name) => [name, 0]));
  const wallChunks = [];
  const cpuChunks = [];
  for (let i = 0; i < warmup + calls; i++) {
    const measured = i >= warmup;
    const chunk = Math.floor((i - warmup) / chunkSize);
    if (measured && wallChunks.length === chunk) {
      wallChunks.push(zero());
      cpuChunks.push(zero());
    }
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      const cpuBefore = process.cpuUsage();
      const start = process.hrtime.bigint();
      await variants[name]();
      const wallNs = Number(process.hrtime.bigint() - start);
      const used = process.cpuUsage(cpuBefore);
      if (!measured) continue;
      wallChunks[chunk][name] += wallNs;
      cpuChunks[chunk][name] += (used.user + used.system) * 1000;
    }
  }
  const summary = (perChunk, over, measuredSubject) => {
    const totals = zero();
    for (const sums of perChunk) for (const name of names) totals[name] += sums[name];
    const ratioOf = (sums) => (sums[measuredSubject] - sums[baseline]) / (sums[over] - sums[baseline]);
    const chunkRatios = perChunk.map(ratioOf);
    return {
      means: Object.fromEntries(names.map((name) => [name, totals[name] / calls])),
      ratio: ratioOf(totals),
      ratioQuartiles: [quantile(chunkRatios, 0.25), quantile(chunkRatios, 0.75)],
    };
  };
  /** The same figures with another variant as the floor, or another as the subject. */
  const against = (over, measuredSubject = subject) => ({
    ...summary(wallChunks, over, measuredSubject),
    cpu: summary(cpuChunks, over, measuredSubject),
  });
  return { ...against(floor), against, calls, chunks: wallChunks.length };
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** The 1-, 5- and 15-minute load averages, for the record: timings on a loaded 2-core machine run slow. */
export function loadAverage() {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** The table for a `compareOverhead` result: mean wall-clock and CPU time per variant, as ratios to the baseline too. */
export function overheadTable(result, baseline) {
  const lines = ['| variant | wall time per op | ratio | CPU time per op | ratio |', '|---|---|---|---|---|'];
  for (const name of Object.keys(result.means)) {
    const wall = result.means[name];
    const cpu = result.cpu.means[name];
    lines.push(
      `| ${name} | ${formatNs(wall)} | ${(wall / result.means[baseline]).toFixed(2)}× | ${formatNs(cpu)} | ${(cpu / result.cpu.means[baseline]).toFixed(2)}× |`,
    );
  }
  return lines.join('\n');
}

/** "1.23× (chunks' quartiles 1.10–1.40)" for a ratio and the quartiles of its chunks' ratios. */
export function formatRatio({ ratio, ratioQuartiles }) {
  return `${ratio.toFixed(2)}× (chunks' quartiles ${ratioQuartiles.map((q) => q.toFixed(2)).join('–')})`;
}
