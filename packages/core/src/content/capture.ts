import { globalSlot } from '../internal/global-slot.js';

/** The running instance (runtime/runtime-slot.ts), seen here only as its content-capture switch. */
interface CaptureSlot {
  instance?: { readonly captureContent: boolean };
}

/** Whether content capture was switched on at `init`. */
export function isContentCaptureEnabled(): boolean {
  return globalSlot<CaptureSlot>().instance?.captureContent ?? false;
}
