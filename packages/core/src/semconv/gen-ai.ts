/** gen_ai.*: model calls, agents, tools, retrieval, evaluation results, tokens. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- gen_ai: attributes
/** Semconv `gen_ai.operation.name` on GenAI spans and model-call metric labels: `chat`, `invoke_agent`, `execute_tool` (also MCP `tools/call` spans and metrics) or `retrieval`. */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** Semconv `gen_ai.provider.name` (e.g. `openai`) on model-call spans and as a label on model-call and evaluation metrics. */
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
/** Semconv `gen_ai.agent.name` on `invoke_agent` spans: the agent graph's run name or class name. */
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
/** Semconv `gen_ai.request.model`: the requested model, on model-call spans and as a metric label (also on `sightline.cost.unpriced`). */
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
/** Semconv `gen_ai.response.model`: the model that answered, on model-call spans and metrics; on evaluation signals, the evaluated model. */
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
/** Semconv `gen_ai.response.id` on model-call spans and on `gen_ai.evaluation.result` log records. */
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
/** Semconv `gen_ai.response.finish_reasons` on model-call spans: string array, one per generation. */
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
/** Semconv `gen_ai.request.top_k` on retrieval and vector-store spans: results requested (`k`, `nResults`). */
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
/** Semconv `gen_ai.request.temperature` on model-call spans, when the invocation sets it. */
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
/** Semconv `gen_ai.request.max_tokens` on model-call spans, when the invocation sets it. */
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
/** Semconv `gen_ai.request.top_p` on model-call spans, when the invocation sets it. */
export const ATTR_GEN_AI_REQUEST_TOP_P = 'gen_ai.request.top_p';
/** Semconv `gen_ai.request.encoding_formats` on embeddings spans, when the invocation sets one. */
export const ATTR_GEN_AI_REQUEST_ENCODING_FORMATS = 'gen_ai.request.encoding_formats';
/** Semconv `gen_ai.usage.input_tokens` on model-call spans: prompt tokens the provider reported. */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
/** Semconv `gen_ai.usage.output_tokens` on model-call spans: completion tokens the provider reported. */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
/** Semconv `gen_ai.usage.cache_read.input_tokens` on model-call spans: input tokens served from the prompt cache. */
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
/** Semconv `gen_ai.usage.cache_creation.input_tokens` on model-call spans: input tokens written to the prompt cache. */
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation.input_tokens';
/** `gen_ai.usage.reasoning.output_tokens` on model-call spans: output tokens spent on reasoning, when reported. */
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';
/** Semconv `gen_ai.token.type`: label on `gen_ai.client.token.usage`, `input` or `output` (semconv), or Sightline's `cache_read`, `cache_creation`, `reasoning`. */
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
/** Semconv `gen_ai.tool.name` on `execute_tool` and MCP `tools/call` spans; also a label on the MCP duration metrics. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
/** Semconv `gen_ai.tool.call.id` on `execute_tool` spans: the model's id for the tool call. */
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
/** Semconv `gen_ai.prompt.name` on MCP `prompts/get` spans and duration metrics: the requested prompt. */
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
/** Semconv `gen_ai.data_source.id` on `retrieval` spans: the retriever's run name or class name. */
export const ATTR_GEN_AI_DATA_SOURCE_ID = 'gen_ai.data_source.id';
/** Semconv `gen_ai.input.messages` on model-call spans: the prompt as JSON (redacted, truncated); only with content capture on. */
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
/** Semconv `gen_ai.output.messages` on model-call spans: the completions as JSON (redacted, truncated); only with content capture on. */
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
/** Semconv `gen_ai.evaluation.name` on evaluation log records, `sightline.eval.*` metric labels and quality alerts. */
export const ATTR_GEN_AI_EVALUATION_NAME = 'gen_ai.evaluation.name';
/** Semconv `gen_ai.evaluation.score.value` on `gen_ai.evaluation.result` and `quality_breach` records: the score, 0..1. */
export const ATTR_GEN_AI_EVALUATION_SCORE_VALUE = 'gen_ai.evaluation.score.value';
/** Semconv `gen_ai.evaluation.score.label` on `gen_ai.evaluation.result` log records: the evaluator's label for the score. */
export const ATTR_GEN_AI_EVALUATION_SCORE_LABEL = 'gen_ai.evaluation.score.label';
/** Semconv `gen_ai.evaluation.explanation` on `gen_ai.evaluation.result` log records (one that may quote content only with capture on). */
export const ATTR_GEN_AI_EVALUATION_EXPLANATION = 'gen_ai.evaluation.explanation';

// ---------------------------------------------------------------- gen_ai: values
/** `gen_ai.operation.name` value for model calls; also the span name prefix (`chat {model}`). */
export const GEN_AI_OPERATION_CHAT = 'chat';
/** `gen_ai.operation.name` value for agent-graph runs; also the span name prefix (`invoke_agent {agent}`). */
export const GEN_AI_OPERATION_INVOKE_AGENT = 'invoke_agent';
/** `gen_ai.operation.name` value for tool runs; also the span name prefix (`execute_tool {tool}`). */
export const GEN_AI_OPERATION_EXECUTE_TOOL = 'execute_tool';
/** `gen_ai.operation.name` value for retriever runs; also the span name prefix (`retrieval {data source}`). */
export const GEN_AI_OPERATION_RETRIEVAL = 'retrieval';

// ---------------------------------------------------------------- gen_ai: metrics
/** Semconv histogram of tokens per model call, `{token}`, labelled by `gen_ai.token.type`. */
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
/** Semconv histogram of model-call duration, in seconds. */
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';

// ---------------------------------------------------------------- gen_ai: langchain + pricing
/** Semconv `gen_ai.response.time_to_first_chunk` on streamed model-call spans: seconds from the call's start to its first chunk. */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';
/** Semconv `gen_ai.tool.call.arguments` on `execute_tool` spans: the tool input (redacted); only with content capture on. */
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
/** Semconv `gen_ai.tool.call.result` on `execute_tool` spans: the tool output (redacted); only with content capture on. */
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
/** Semconv histogram of time to the first chunk of streamed model calls, in seconds. */
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK = 'gen_ai.client.operation.time_to_first_chunk';
/** `gen_ai.token.type` value for input (prompt) tokens. */
export const GEN_AI_TOKEN_TYPE_INPUT = 'input';
/** `gen_ai.token.type` value for output (completion) tokens. */
export const GEN_AI_TOKEN_TYPE_OUTPUT = 'output';
/** Semconv `gen_ai.provider.name` value for OpenAI models. */
export const GEN_AI_PROVIDER_OPENAI = 'openai';
/** Semconv `gen_ai.provider.name` value for Azure OpenAI models. */
export const GEN_AI_PROVIDER_AZURE_OPENAI = 'azure.ai.openai';
/** Semconv `gen_ai.provider.name` value for Anthropic models. */
export const GEN_AI_PROVIDER_ANTHROPIC = 'anthropic';
/** Semconv `gen_ai.provider.name` value for AWS Bedrock models. */
export const GEN_AI_PROVIDER_AWS_BEDROCK = 'aws.bedrock';
/** Semconv `gen_ai.provider.name` value for Google Gemini (Generative AI API) models. */
export const GEN_AI_PROVIDER_GCP_GEMINI = 'gcp.gemini';
/** Semconv `gen_ai.provider.name` value for Google Vertex AI models. */
export const GEN_AI_PROVIDER_GCP_VERTEX_AI = 'gcp.vertex_ai';

// ---------------------------------------------------------------- gen_ai: buckets
/** Semconv advice for `gen_ai.client.token.usage`. */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

// ---------------------------------------------------------------- gen_ai: evaluation
/** Event name of the log record that carries one evaluation score, parented to the evaluated span. */
export const EVENT_GEN_AI_EVALUATION_RESULT = 'gen_ai.evaluation.result';

// ---------------------------------------------------------------- gen_ai: budgets + cli
/** A conversation (thread, session) id: LangGraph's `thread_id` on LangChain runs. */
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';

// ---------------------------------------------------------------- gen_ai: requests
/** `gen_ai.operation.name` value (semconv) for completion-style model calls. */
export const GEN_AI_OPERATION_TEXT_COMPLETION = 'text_completion';
/** `gen_ai.operation.name` value (semconv) for Gemini-style multimodal content generation. */
export const GEN_AI_OPERATION_GENERATE_CONTENT = 'generate_content';
/** `gen_ai.operation.name` value (semconv) for embedding calls. */
export const GEN_AI_OPERATION_EMBEDDINGS = 'embeddings';
/** The `gen_ai.operation.name` values of a model call (the four above): what request metrics and the report count as model calls. */
export const GEN_AI_MODEL_OPERATIONS: readonly string[] = ['chat', 'text_completion', 'generate_content', 'embeddings'];

// ---------------------------------------------------------------- gen_ai: token details
/**
 * `gen_ai.token.type` value (Sightline's; semconv defines only `input` and `output`) for input tokens served from the
 * prompt cache. A subset of the call's `input` tokens, recorded as its own type so that `{gen_ai.token.type="input"}`
 * still sums to the input tokens (a detail attribute on `input` points would count them twice).
 */
export const GEN_AI_TOKEN_TYPE_CACHE_READ = 'cache_read';
/** `gen_ai.token.type` value (Sightline's) for input tokens written to the prompt cache; a subset of `input`. */
export const GEN_AI_TOKEN_TYPE_CACHE_CREATION = 'cache_creation';
/** `gen_ai.token.type` value (Sightline's) for output tokens spent on reasoning; a subset of `output`. */
export const GEN_AI_TOKEN_TYPE_REASONING = 'reasoning';
