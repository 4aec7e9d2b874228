import * as z from 'zod/mini';

/**
 * A zod schema that lets any object through but converts to the given JSON Schema.
 *
 * The MCP SDK and LangChain take zod schemas, check arguments with them, and show models the
 * JSON Schema zod's `toJSONSchema` makes of them, which merges a schema's registered metadata
 * over its output. A pass-through object registered with our JSON Schema therefore shows models
 * exactly {@link factsInputSchema}, while the arguments reach `callTool` unchecked, so every
 * problem comes back as one error the model can act on. The registry entry is keyed by a fresh
 * schema object, so nothing is shared between tools or with the host.
 * @internal
 */
export function jsonSchemaAsZod(schema: Readonly<Record<string, unknown>>): z.ZodMiniObject {
  const passThrough = z.looseObject({});
  z.globalRegistry.add(passThrough, { ...schema });
  return passThrough;
}
