/** One chat turn as sent to a provider. */
export interface Message {
  role: 'user' | 'assistant';
  content: string;
}

/** Exactly what a trial sends: the system prompt and the turns, in order. */
export interface RenderedPrompt {
  system: string;
  messages: Message[];
}
