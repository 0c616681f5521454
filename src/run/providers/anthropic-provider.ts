import type Anthropic from '@anthropic-ai/sdk';
import { buildAnthropicParams, readAnthropicMessage } from './anthropic-params.ts';
import type { Provider, SdkProviderOptions } from './provider.ts';
import { sdkClientOptions, sdkProvider } from './sdk-provider.ts';

/** Claude (and Anthropic-compatible servers) through the official client. */
export function createAnthropicProvider(options: SdkProviderOptions): Provider {
  // Loaded on the first call: a run that never calls Claude never pays the SDK's start-up.
  let client: Promise<Anthropic> | undefined;
  const clientOnce = () => (client ??= import('@anthropic-ai/sdk').then(({ default: Sdk }) => new Sdk(sdkClientOptions(options))));
  return sdkProvider(options, async (request) => {
    const response = await (await clientOnce()).messages.create(buildAnthropicParams(request), { signal: request.signal ?? null });
    return readAnthropicMessage(response);
  });
}
