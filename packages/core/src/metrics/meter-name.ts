/** Instrumentation scope of everything core records itself. */
export const METER_NAME = '@sightline/core';
