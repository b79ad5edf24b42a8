/**
 * Names a model may be reported under, most specific first. Each step strips
 * one decoration that providers add to a family name, so `gpt-4o-2024-08-06`,
 * `anthropic.claude-3-5-sonnet-20240620-v1:0`, `us.anthropic.claude-sonnet-4-20250514-v1:0`,
 * `claude-3-5-sonnet-v2@20241022` and `models/gemini-2.5-flash-preview-05-20` all
 * reach their family. Only exact matches are priced: a prefix match could
 * silently price `gpt-4o-mini` as `gpt-4o`.
 */
const STRIP_STEPS: readonly RegExp[] = [
  /^models\//, // Gemini REST resource names
  /^(?:us|eu|apac|global|us-gov|jp|au|ca)\.(?=[a-z]+\.)/, // Bedrock cross-region inference profiles
  /^(?:anthropic|amazon|meta|mistral|cohere|ai21)\./, // Bedrock vendor prefixes
  /-v\d+(?::\d+)?$/, // Bedrock model versions, e.g. -v1:0
  /@\d{8}$/, // Vertex AI versions, e.g. @20241022
  /-v\d+$/, // Vertex AI revision, e.g. claude-3-5-sonnet-v2
  /-latest$/,
  /-\d{4}-\d{2}-\d{2}$/, // OpenAI dated snapshots
  /-\d{8}$/, // Anthropic dated snapshots
  /-preview(?:-\d{2}-\d{2}(?:-\d{4})?)?$/, // Gemini previews
  /-\d{3}$/, // Gemini stable revisions, e.g. -001
  /-0$/, // Anthropic's first-release aliases, e.g. claude-sonnet-4-0
];

export function candidateNames(model: string): string[] {
  let name = model.trim().toLowerCase();
  const names = [name];
  for (const step of STRIP_STEPS) {
    const stripped = name.replace(step, '');
    if (stripped !== name && stripped.length > 0) {
      name = stripped;
      names.push(name);
    }
  }
  return names;
}
