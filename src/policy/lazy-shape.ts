/**
 * The shape of a zod object whose schemas are built on first use: an object with one getter per
 * key, each answering `build()[key]` (`build` runs once). zod reads a shape's getters the first
 * time anything reads the shape (a parse, `.shape`, a JSON Schema), as it does for recursive
 * schemas, and keeps the schemas it got, so `z.strictObject(lazyShape(keys, build))` is a real
 * zod object schema, built on import in a few microseconds, whose fields are built when first
 * needed. `keys` must be the keys of `build()`, in its order (the tests hold them to it).
 * @internal
 */
export function lazyShape<S extends object>(keys: readonly (keyof S & string)[], build: () => S): S {
  let built: S | undefined;
  const shape = {} as S;
  for (const key of keys) {
    Object.defineProperty(shape, key, {
      get: () => (built ??= build())[key],
      enumerable: true,
      configurable: true,
    });
  }
  return shape;
}
