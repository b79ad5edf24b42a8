import { globalSlot } from '../internal/global-slot.js';
import type { TagRuntime } from './tag-runtime.js';

/** The registered tag configuration, set by `init` or by `sightlineSpanProcessor()` for apps that bring their own SDK. */
export interface TagSlot {
  tagRuntime?: TagRuntime;
}

export function tagSlot(): TagSlot {
  return globalSlot<TagSlot>();
}
