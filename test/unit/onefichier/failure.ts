import { AppError, type ErrorKind } from '../../../utils/onefichier/errors';

/** The AppError a promise rejects with; anything else (a value, another error) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

/** The kind of the AppError a promise rejects with. */
export async function kindOf(promise: Promise<unknown>): Promise<ErrorKind> {
  return (await failure(promise)).kind;
}
