import { loadProject } from '../../config/load-project.ts';
import { UserError } from '../../errors.ts';
import { formatRendered, renderPrompt } from '../../render/index.ts';
import { revealControls } from '../../text/terminal-text.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';

export async function renderCommand(variantId: string, caseId: string, flags: { config?: string; cases?: string[] }, io: CliIO): Promise<number> {
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config, cases: flags.cases });
  const variant = project.variants.find((v) => v.id === variantId);
  if (!variant) throw new UserError('UNKNOWN_VARIANT', `unknown variant "${variantId}" (known: ${project.variants.map((v) => v.id).join(', ')})`);
  const testCase = project.cases.find((c) => c.id === caseId);
  if (!testCase) throw new UserError('UNKNOWN_CASE', `unknown case "${caseId}" (see \`subtodo-eval list\` for case ids)`);
  // Exact, but a control or bidi character in a prompt or case is written out, never sent to the terminal.
  io.stdout(revealControls(formatRendered(renderPrompt(variant, testCase))));
  // The schema goes in the request too, beside the messages: say so, since it shapes the reply.
  if (variant.responseFormat === 'json_schema') io.stdout('\n(responseFormat json_schema: the provider is also sent the reply schema, {"reply": <answer | question | invalid>}, to enforce)\n');
  return EXIT.ok;
}
