import type OpenAI from 'openai';
import { DEFAULT_MAX_TOKENS, type Provider, type SdkProviderOptions } from './provider.ts';
import { ProviderError } from './provider-error.ts';
import { expectApiJson, sdkClientOptions, sdkProvider } from './sdk-provider.ts';

/** OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) through the official client. */
export function createOpenAIProvider(options: SdkProviderOptions): Provider {
  // Loaded on the first call: a run that never calls OpenAI never pays the SDK's start-up.
  let client: Promise<OpenAI> | undefined;
  const clientOnce = () => (client ??= import('openai').then(({ default: Sdk }) => new Sdk(sdkClientOptions(options))));
  // The SDK's own helper turns the zod schema into a strict response_format (every property
  // required, additionalProperties false, oneOf as anyOf), checking what strict mode cannot take.
  let helpers: Promise<typeof import('openai/helpers/zod')> | undefined;
  const helpersOnce = () => (helpers ??= import('openai/helpers/zod'));
  // OpenAI's own API wants max_completion_tokens (its reasoning models reject max_tokens); the
  // compatible servers (Ollama, vLLM, llama.cpp) all know max_tokens.
  const tokenCap = isOfficialOpenAI(options.baseURL) ? 'max_completion_tokens' : 'max_tokens';
  return sdkProvider(options, async (request) => {
    const { params, output } = request;
    const responseFormat = output === undefined ? undefined : (await helpersOnce()).zodResponseFormat(output.schema, output.name);
    // withResponse: the parsed reply and the raw Response, whose headers carry the rate limits.
    const { data, response } = await (await clientOnce()).chat.completions
      .create(
        {
          model: request.model,
          messages: [
            ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
            ...request.messages.map((m) => ({ role: m.role, content: m.content })),
          ],
          [tokenCap]: params.maxTokens ?? DEFAULT_MAX_TOKENS,
          ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
          ...(params.topP === undefined ? {} : { top_p: params.topP }),
          ...(params.seed === undefined ? {} : { seed: params.seed }),
          ...(params.stop === undefined ? {} : { stop: params.stop }),
          ...(responseFormat === undefined ? {} : { response_format: { type: responseFormat.type, json_schema: responseFormat.json_schema } }),
        },
        { signal: request.signal ?? null },
      )
      .withResponse();
    expectApiJson(data, response, options);
    const choice = data.choices?.[0];
    if (!choice) throw new ProviderError(options.redact(`the server's reply has no choices: ${JSON.stringify(data).slice(0, 200)}`), { retryable: true });
    return {
      // A model that declines under structured outputs says why in `refusal`, with no content: keep it as the reply's text.
      text: choice.message?.content ?? choice.message?.refusal ?? '',
      usage: { inputTokens: data.usage?.prompt_tokens, outputTokens: data.usage?.completion_tokens },
      headers: response.headers,
    };
  });
}

function isOfficialOpenAI(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
