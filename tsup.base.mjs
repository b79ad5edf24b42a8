// Shared build settings: every package ships ESM + CJS with declarations for both.
// `pnpm demo` sets SIGHTLINE_BUILD_NO_DTS=1: running the demo needs JavaScript only, and the
// declarations are most of the build time (about 30 s of 36 s on a 2-core machine).
export function packageBuild(entry = { index: 'src/index.ts' }, extra = {}) {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: process.env.SIGHTLINE_BUILD_NO_DTS !== '1',
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    // import.meta.url (core's SDK loader) in the CJS build.
    shims: true,
    ...extra,
  };
}
