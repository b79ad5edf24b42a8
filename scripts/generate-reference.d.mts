/** Types for test/reference.test.ts; the implementation is generate-reference.mjs. */
export declare const REFERENCE_PATH: string;
export declare function generateReference(): string;
export declare function renderReference(sources: {
  semconvSource: string;
  definitionsSource: string;
  callSites?: ReadonlyArray<{ path: string; text: string }>;
}): string;
