/**
 * Process-wide state lives on globalThis under a registered symbol, so that the
 * ESM and CJS builds of @sightline/core (the dual-package hazard) and several
 * copies in one node_modules tree all share one registry.
 *
 * The slot sits in the bottom layer, so it names no type from above: each
 * module that keeps state here declares its own fields (`TagSlot`,
 * `RuntimeSlot`, ...) and reads them through `globalSlot<Fields>()`.
 */
export interface BaseSlot {
  /** Causes already warned about (internal/logger.ts). */
  warnedCauses: Set<string>;
}

const SLOT_KEY = Symbol.for('sightline.core.global.v1');

export function globalSlot<Fields extends object = object>(): BaseSlot & Fields {
  const holder = globalThis as { [SLOT_KEY]?: BaseSlot };
  // The v1 shape, which every copy of core expects to find whichever copy created it.
  holder[SLOT_KEY] ??= { instance: undefined, tagRuntime: undefined, parentResolvers: [], warnedCauses: new Set() } as BaseSlot;
  return holder[SLOT_KEY] as BaseSlot & Fields;
}
