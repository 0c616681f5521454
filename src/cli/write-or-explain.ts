import { errnoText } from '../config/read-yaml-file.ts';
import { UserError } from '../errors.ts';

/** A folder or file we cannot write is the user's to fix: one line, exit 2, no stack. */
export async function writeOrExplain<T>(shown: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
      throw new UserError('CANNOT_WRITE', `${shown}: cannot write the run folder (${errnoText(e)})`);
    }
    throw e;
  }
}
