import { errnoText } from '../config/read-yaml-file.ts';
import { isUserError, UserError } from '../errors.ts';

/**
 * A folder or file we cannot write is the user's to fix: one line naming where and why, exit 2,
 * no stack. `what` says what could not be written.
 */
export async function writeOrExplain<T>(shown: string, write: () => Promise<T>, what = 'cannot write the run folder'): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!isUserError(e) && e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
      throw new UserError('CANNOT_WRITE', `${shown}: ${what} (${errnoText(e)})${adviceFor((e as { code: string }).code)}`);
    }
    throw e;
  }
}

function adviceFor(code: string): string {
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return '; choose a folder you can write, or copy the run folder to one';
  if (code === 'ENOSPC') return '; free some space and resume the run';
  return '';
}
