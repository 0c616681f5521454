import type Anthropic from '@anthropic-ai/sdk';
import { buildAnthropicParams, readAnthropicUsage } from './anthropic-params.ts';
import type { Provider, SdkProviderOptions } from './provider.ts';
import { ProviderError } from './provider-error.ts';
import { expectApiJson, sdkClientOptions, sdkProvider } from './sdk-provider.ts';

/** Claude (and Anthropic-compatible servers) through the official client. */
export function createAnthropicProvider(options: SdkProviderOptions): Provider {
  // Loaded on the first call: a run that never calls Claude never pays the SDK's start-up.
  let client: Promise<Anthropic> | undefined;
  const clientOnce = () => (client ??= import('@anthropic-ai/sdk').then(({ default: Sdk }) => new Sdk(sdkClientOptions(options))));
  return sdkProvider(options, async (request) => {
    const body = await buildAnthropicParams(request);
    // withResponse: the parsed reply and the raw Response, whose headers carry the rate limits.
    const { data, response } = await (await clientOnce()).messages.create(body, { signal: request.signal ?? null }).withResponse();
    expectApiJson(data, response, options);
    if (!Array.isArray(data.content)) throw new ProviderError(options.redact(`the server's reply has no content: ${JSON.stringify(data).slice(0, 200)}`), { retryable: true });
    return {
      text: data.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
      usage: readAnthropicUsage(data.usage),
      headers: response.headers,
    };
  });
}
