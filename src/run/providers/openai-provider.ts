import type OpenAI from 'openai';
import type { Provider, SdkProviderOptions } from './provider.ts';
import { buildOpenAIParams, isOfficialOpenAI, readOpenAIUsage } from './openai-params.ts';
import { ProviderError } from './provider-error.ts';
import { expectApiJson, sdkClientOptions, sdkProvider } from './sdk-provider.ts';

/** OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) through the official client. */
export function createOpenAIProvider(options: SdkProviderOptions): Provider {
  // Loaded on the first call: a run that never calls OpenAI never pays the SDK's start-up.
  let client: Promise<OpenAI> | undefined;
  const clientOnce = () => (client ??= import('openai').then(({ default: Sdk }) => new Sdk(sdkClientOptions(options))));
  const official = isOfficialOpenAI(options.baseURL);
  return sdkProvider(options, async (request) => {
    const body = await buildOpenAIParams(request, official);
    // withResponse: the parsed reply and the raw Response, whose headers carry the rate limits.
    const { data, response } = await (await clientOnce()).chat.completions.create(body, { signal: request.signal ?? null }).withResponse();
    expectApiJson(data, response, options);
    const choice = data.choices?.[0];
    if (!choice) throw new ProviderError(options.redact(`the server's reply has no choices: ${JSON.stringify(data).slice(0, 200)}`), { retryable: true });
    return {
      // A model that declines under structured outputs says why in `refusal`, with no content: keep it as the reply's text.
      text: choice.message?.content ?? choice.message?.refusal ?? '',
      usage: readOpenAIUsage(data.usage),
      headers: response.headers,
    };
  });
}
