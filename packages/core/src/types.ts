import type { Attributes } from '@opentelemetry/api';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { z } from 'zod';
import type { UntaggedAlertOptions } from './alerts/untagged-spike.js';
import type { BudgetConfig } from './budgets/types.js';
import type { SightlineAlert } from './alerts/sightline-alert.js';
import type { EvaluationPlugin } from './evaluation-hook/types.js';
import type { ExporterOptions } from './exporters/types.js';
import type { PricingOptions } from './pricing/types.js';
import type { ParentResolver } from './spans/parent.js';
import type { defaultTagSchema, TagSchema } from './tags/schema.js';

export type { ParentResolver, TagSchema };
export type { ExporterOptions, FileExporterOptions, OtlpExporterOptions, OtlpSignal } from './exporters/types.js';

export type DefaultTagSchema = typeof defaultTagSchema;

/**
 * Declaration-merging point for an app's own schema. The top-level `withTags` and
 * `getTags` are reached from anywhere, far from the `init` call that knows the
 * schema, so the app names it once:
 * `declare module '@sightline/core' { interface Register { tagSchema: typeof appTags } }`.
 */
export interface Register {}
/** The schema an app registered through `Register`, else the default one. */
export type RegisteredTagSchema = Register extends { tagSchema: infer S extends TagSchema } ? S : DefaultTagSchema;

/** Tags as stored on the context: validated, typed, and any subset of the schema. */
export type Tags<S extends TagSchema = DefaultTagSchema> = Partial<z.output<S>>;
/** Tags as accepted by `withTags`: anything the schema can parse. */
export type TagInput<S extends TagSchema = DefaultTagSchema> = Partial<z.input<S>>;
/** A key of the tag schema. */
export type TagKey<S extends TagSchema = DefaultTagSchema> = Extract<keyof z.output<S>, string>;

/** Extra pipelines, for tests and for users who want their own exporters beside ours. */
export interface PipelineOptions {
  spanProcessors?: SpanProcessor[];
  metricReaders?: MetricReader[];
  logRecordProcessors?: LogRecordProcessor[];
}

export interface InitOptions<S extends TagSchema = DefaultTagSchema> {
  /** `service.name` on the resource. Falls back to `OTEL_SERVICE_NAME`, then `unknown_service:node`. */
  serviceName?: string;
  /** `service.version` on the resource. Falls back to `npm_package_version`, then `0.0.0`. */
  serviceVersion?: string;
  /**
   * The tag schema. Default: `defaultTagSchema` (project, team, cost_center, feature, environment,
   * and the optional session.id and user.id). A key marked `.optional()` is stamped only when set.
   */
  tags?: S;
  /** Values stamped for keys that the current context does not carry. Others become `"untagged"`. */
  defaultTags?: Tags<S>;
  /**
   * Keys stamped on spans and logs but never on metrics: unbounded values (one per session or user)
   * would explode metric series. Default: `session.id` and `user.id`, where the schema has them.
   */
  spanOnlyTags?: readonly TagKey<S>[];
  /** Keys whose values are stored, stamped and propagated as a hash. Default: `user.id`, where the schema has it; `[]` opts out. */
  hashedTags?: readonly TagKey<S>[];
  /** Key for an HMAC-SHA-256 hash of `hashedTags` (same in every service). Default: `SIGHTLINE_TAG_HASH_KEY`, else plain SHA-256. */
  tagHashKey?: string;
  /**
   * Tag keys accepted from peers, whose tags are unauthenticated: W3C baggage read by the propagator
   * (HTTP server instrumentations), and MCP `_meta` unless the server wrapper sets its own. `'all'`,
   * `'none'`, or a list of schema keys; refused keys are dropped and counted (`not_accepted`).
   * Default: every schema key, with one warning the first time a peer's tags arrive over a network.
   * See docs/security.md.
   */
  incomingTags?: 'all' | 'none' | readonly TagKey<S>[];
  /** Default: `{ file: '.sightline' }`. */
  exporters?: ExporterOptions;
  /** Price overrides (USD per 1M tokens) and model aliases, merged over the built-in catalog. */
  pricing?: PricingOptions;
  /** Record prompts and completions. Off by default. */
  captureContent?: boolean;
  /**
   * Quality evaluation (LLM-as-judge, rules, drift), run off the hot path on model calls that
   * integrations submit: `evaluations({ evaluators })` from `@sightline/evaluation`. None by default.
   */
  evaluation?: EvaluationPlugin;
  /** Spend limits per tag, model or provider, accounted as cost is recorded (per process). */
  budgets?: readonly BudgetConfig[];
  /**
   * Alert (once per window) when the share of spans that carry no tag from their context passes a
   * threshold. On by default (25 % of at least 100 spans in 5 minutes); `false` turns it off.
   */
  untaggedAlert?: UntaggedAlertOptions | false;
  /** Quality breaches, drift, budget thresholds and untagged spikes. A throwing callback is warned about once, never rethrown. */
  onAlert?: (alert: SightlineAlert) => void;
  /**
   * How long `forceFlush` and `shutdown` wait for the exporters, all signals together. Past it they
   * return, warn once, and give up what is still buffered, so an unreachable collector cannot hold the
   * app's exit. Default 10 000 ms.
   */
  exportDeadlineMs?: number;
  /** How often metrics are exported. Default 10 000 ms. */
  metricExportIntervalMs?: number;
  /** Extra resource attributes. */
  resourceAttributes?: Attributes;
  pipelines?: PipelineOptions;
}

export interface Sightline<S extends TagSchema = DefaultTagSchema> {
  readonly serviceName: string;
  readonly captureContent: boolean;
  /** Runs `fn` with `tags` merged over the current ones (inner values win). Never throws on bad tags. */
  withTags<T>(tags: TagInput<S>, fn: () => T): T;
  /** The tags of the current context, without defaults. */
  getTags(): Tags<S>;
  /** Exports everything buffered in all three signals. */
  forceFlush(): Promise<void>;
  /** Flushes, then shuts down what Sightline started and unregisters only the globals it registered. A later `init` starts afresh. */
  shutdown(): Promise<void>;
}
