import type OpenAI from 'openai';
import type { Provider, SdkProviderOptions } from './provider.ts';
import { buildOpenAIParams, isOfficialOpenAI, readOpenAICompletion } from './openai-params.ts';
import { sdkClientOptions, sdkProvider } from './sdk-provider.ts';

/** OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) through the official client. */
export function createOpenAIProvider(options: SdkProviderOptions): Provider {
  // Loaded on the first call: a run that never calls OpenAI never pays the SDK's start-up.
  let client: Promise<OpenAI> | undefined;
  const clientOnce = () => (client ??= import('openai').then(({ default: Sdk }) => new Sdk(sdkClientOptions(options))));
  const official = isOfficialOpenAI(options.baseURL);
  return sdkProvider(options, async (request) => {
    const response = await (await clientOnce()).chat.completions.create(buildOpenAIParams(request, official), { signal: request.signal ?? null });
    return readOpenAICompletion(response);
  });
}
