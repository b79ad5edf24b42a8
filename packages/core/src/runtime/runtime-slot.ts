import { globalSlot, type BaseSlot } from '../internal/global-slot.js';
import type { RecordingSlot } from '../metrics/record.js';
import type { UntaggedObserverSlot } from '../processors/tag-span-processor.js';
import type { Sightline } from '../types.js';

/** What `init` (or `sightlineComponents`) puts on the slot, and `shutdown` takes off again. */
export interface RuntimeSlot extends RecordingSlot, UntaggedObserverSlot {
  /** The running instance: a second `init` returns it, and the top-level functions act on it. */
  instance?: Sightline<never>;
}

export function runtimeSlot(): BaseSlot & RuntimeSlot {
  return globalSlot<RuntimeSlot>();
}
