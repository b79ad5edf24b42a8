import { diag, type DiagLogger } from '@opentelemetry/api';
import { globalSlot } from './global-slot.js';
import { diagLoggerInstalled, flushPendingWarnings, holdWarning } from './pending-warnings.js';

/** One diag channel per component, with warnings deduplicated by cause across the process. */
export interface SightlineLogger {
  warnOnce(cause: string, message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
}

export function createLogger(component: string): SightlineLogger {
  let channel: DiagLogger | undefined;
  // diag is bound late: a user may install their diag logger after importing us.
  const logger = (): DiagLogger => (channel ??= diag.createComponentLogger({ namespace: `sightline/${component}` }));
  return {
    warnOnce(cause, message, ...args) {
      const warned = globalSlot().warnedCauses;
      const key = `${component}:${cause}`;
      if (warned.has(key)) return;
      warned.add(key);
      if (diagLoggerInstalled()) {
        flushPendingWarnings();
        logger().warn(message, ...args);
      } else {
        holdWarning(() => logger().warn(`${message} (raised before a diag logger was installed)`, ...args));
      }
    },
    debug(message, ...args) {
      flushPendingWarnings();
      logger().debug(message, ...args);
    },
  };
}
