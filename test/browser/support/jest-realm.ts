/**
 * Import first, before playwright-core. Jest runs each test file in its own V8 realm, whose `Symbol` lacks
 * `Symbol.dispose` and `Symbol.asyncDispose`: Node adds those to its main realm only. Playwright's server side uses
 * explicit resource management (`using`) when it measures an element inside a child frame, so without them every
 * click in an app iframe fails its hit-target check and retries until it times out. Node's symbols are registry
 * symbols (`Symbol.for('nodejs.dispose')`), shared by all realms, so the same ones are installed here.
 */
for (const name of ['dispose', 'asyncDispose'] as const) {
  if (typeof (Symbol as unknown as Record<string, unknown>)[name] !== 'symbol') {
    Object.defineProperty(Symbol, name, { value: Symbol.for(`nodejs.${name}`), configurable: false, enumerable: false, writable: false });
  }
}

export {};
