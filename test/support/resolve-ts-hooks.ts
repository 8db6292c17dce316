/**
 * Node module hooks: product code under utils/ imports siblings without an extension (Vite style);
 * Node's own ESM resolver needs one. An extensionless relative import that is not found is retried
 * with `.ts`. Used by the bench, which runs product modules in plain Node.
 */
type Resolve = (specifier: string, context: unknown) => Promise<unknown>;

export async function resolve(specifier: string, context: unknown, next: Resolve): Promise<unknown> {
  try {
    return await next(specifier, context);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && specifier.startsWith('.') && !/\.[cm]?[jt]sx?$/.test(specifier)) {
      return next(`${specifier}.ts`, context);
    }
    throw err;
  }
}
