import type Anthropic from '@anthropic-ai/sdk';
import { DEFAULT_MAX_TOKENS, type Provider, type SdkProviderOptions } from './provider.ts';
import { ProviderError } from './provider-error.ts';
import { expectApiJson, sdkClientOptions, sdkProvider } from './sdk-provider.ts';

/** Claude (and Anthropic-compatible servers) through the official client. */
export function createAnthropicProvider(options: SdkProviderOptions): Provider {
  // Loaded on the first call: a run that never calls Claude never pays the SDK's start-up.
  let client: Promise<Anthropic> | undefined;
  const clientOnce = () => (client ??= import('@anthropic-ai/sdk').then(({ default: Sdk }) => new Sdk(sdkClientOptions(options))));
  // The SDK's own helper turns the zod schema into the subset structured output accepts (anyOf for
  // oneOf, additionalProperties false; constraints it cannot enforce move into descriptions).
  let helpers: Promise<typeof import('@anthropic-ai/sdk/helpers/zod')> | undefined;
  const helpersOnce = () => (helpers ??= import('@anthropic-ai/sdk/helpers/zod'));
  return sdkProvider(options, async (request) => {
    const { params, output } = request;
    const format = output === undefined ? undefined : (await helpersOnce()).zodOutputFormat(output.schema);
    // withResponse: the parsed reply and the raw Response, whose headers carry the rate limits.
    const { data, response } = await (await clientOnce()).messages
      .create(
        {
          model: request.model,
          max_tokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
          ...(request.system ? { system: request.system } : {}),
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
          ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
          ...(params.topP === undefined ? {} : { top_p: params.topP }),
          ...(params.stop === undefined ? {} : { stop_sequences: params.stop }),
          // Structured output (output_config.format): the reply comes back as the JSON text in a text block.
          ...(format === undefined ? {} : { output_config: { format: { type: format.type, schema: format.schema } } }),
        },
        { signal: request.signal ?? null },
      )
      .withResponse();
    expectApiJson(data, response, options);
    if (!Array.isArray(data.content)) throw new ProviderError(options.redact(`the server's reply has no content: ${JSON.stringify(data).slice(0, 200)}`), { retryable: true });
    return {
      text: data.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
      usage: { inputTokens: data.usage?.input_tokens, outputTokens: data.usage?.output_tokens },
      headers: response.headers,
    };
  });
}
