// Small timing helpers shared by the benches: interleaved rounds, median of rounds.
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
